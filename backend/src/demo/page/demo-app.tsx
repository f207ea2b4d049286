import * as React from 'react';
import { ApplicationList } from './application-list.js';
import { ApplicationView } from './application-view.js';
import type { ExtensionsRegistry } from './extensions-registry.js';
import { routeOf } from './routes.js';
import { useApplications } from './use-applications.js';

const POLL_MS = 2000;

function useHashRoute() {
  const [hash, setHash] = React.useState(window.location.hash);
  React.useEffect(() => {
    const changed = () => setHash(window.location.hash);
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return routeOf(hash);
}

/** Renders again whenever an extension registers, as Argo CD's UI does. */
function useRegistrations(registry: ExtensionsRegistry): void {
  const [, setCount] = React.useState(0);
  React.useEffect(() => registry.subscribe(() => setCount((count) => count + 1)), [registry]);
}

/** The Argo-like host: a top bar saying which React runs, the app list or one app's page. */
export function DemoApp(props: { registry: ExtensionsRegistry }) {
  const { registry } = props;
  useRegistrations(registry);
  const route = useHashRoute();
  const { applications, error } = useApplications(POLL_MS);
  const application =
    route.page === 'application'
      ? applications?.find(
          (candidate) =>
            (candidate.metadata.namespace ?? 'argocd') === route.namespace &&
            candidate.metadata.name === route.name,
        )
      : undefined;
  let body: React.ReactNode;
  if (!applications) body = <p className="demo-page">{error ?? 'Loading applications…'}</p>;
  else if (route.page === 'list') body = <ApplicationList applications={applications} />;
  else if (application) body = <ApplicationView application={application} registry={registry} />;
  else
    body = <p className="demo-page">No application {`${route.namespace}/${route.name}`} in the sandbox.</p>;
  return (
    <div className="demo-layout">
      <nav className="demo-nav">
        <a href="#/" className="demo-nav__brand">
          <i className="fa fa-layer-group" /> Argo CD
        </a>
        <span className="demo-nav__note">AI SRE demo on a sandbox cluster</span>
        <span className="demo-nav__react" data-testid="react-version">
          React {React.version}
        </span>
      </nav>
      {error && applications && <div className="demo-warning">{error}; showing the last list.</div>}
      <main>{body}</main>
    </div>
  );
}
