import * as React from 'react';
import { stringify } from 'yaml';
import type { Application, ResourceStatus } from '../../kube/application.js';
import type { KubeObject } from '../../kube/objects.js';
import type { ApplicationTree } from './application-tree.js';
import type { ExtensionsRegistry } from './extensions-registry.js';
import { SlidingPanel } from './sliding-panel.js';
import { HealthStatus } from './status-icons.js';

type LiveState = { loading: true } | { loading: false; object?: KubeObject; error?: string };

/** The resource's live manifest, read through the app as argocd-server reads it. */
function useLiveObject(appNamespace: string, appName: string, resource: ResourceStatus): LiveState {
  const [state, setState] = React.useState<LiveState>({ loading: true });
  React.useEffect(() => {
    let stopped = false;
    const query = new URLSearchParams({
      group: resource.group ?? '',
      version: resource.version ?? 'v1',
      kind: resource.kind,
      namespace: resource.namespace ?? '',
      name: resource.name,
    });
    const path = `/api/applications/${encodeURIComponent(appNamespace)}/${encodeURIComponent(appName)}/resource`;
    fetch(`${path}?${query}`).then(
      async (response) => {
        if (stopped) return;
        if (response.status === 404) setState({ loading: false });
        else if (!response.ok)
          setState({ loading: false, error: `the demo server answered ${response.status}` });
        else setState({ loading: false, object: (await response.json()) as KubeObject });
      },
      (error: Error) => !stopped && setState({ loading: false, error: error.message }),
    );
    return () => {
      stopped = true;
    };
  }, [
    appNamespace,
    appName,
    resource.group,
    resource.version,
    resource.kind,
    resource.namespace,
    resource.name,
  ]);
  return state;
}

/** What Argo CD hands a resource tab when nothing is live: the identity of the resource. */
function placeholder(resource: ResourceStatus): KubeObject {
  const version = resource.version ?? 'v1';
  return {
    apiVersion: resource.group ? `${resource.group}/${version}` : version,
    kind: resource.kind,
    metadata: { name: resource.name, ...(resource.namespace ? { namespace: resource.namespace } : {}) },
  };
}

function Summary(props: { resource: ResourceStatus }) {
  const { resource } = props;
  const rows: [string, React.ReactNode][] = [
    ['KIND', resource.kind],
    ['NAME', resource.name],
    ['NAMESPACE', resource.namespace ?? ''],
    ['STATUS', resource.status ?? ''],
    ['HEALTH', <HealthStatus key="health" status={resource.health?.status} />],
    ['HEALTH DETAILS', resource.health?.message ?? ''],
  ];
  return (
    <div className="white-box">
      {rows.map(([label, value]) => (
        <div className="row white-box__details-row" key={label}>
          <div className="columns small-3">{label}</div>
          <div className="columns small-9">{value}</div>
        </div>
      ))}
    </div>
  );
}

/**
 * The resource details panel: Summary, the live manifest, then each extension tab registered for
 * the resource's group and kind, given `application`, `resource` (the live object) and `tree`.
 */
export function ResourcePanel(props: {
  application: Application;
  /** The app's tree, as the page already holds it for the status panel's flyouts. */
  tree: ApplicationTree;
  resource: ResourceStatus;
  registry: ExtensionsRegistry;
  onClose: () => void;
}) {
  const { application, tree, resource, registry } = props;
  const live = useLiveObject(
    application.metadata.namespace ?? 'argocd',
    application.metadata.name ?? '',
    resource,
  );
  const extensionTabs = registry.resourceTabsFor(resource.group ?? '', resource.kind);
  const tabs = ['Summary', 'Live manifest', ...extensionTabs.map((tab) => tab.title)];
  const [selected, setSelected] = React.useState('Summary');
  const extension = extensionTabs.find((tab) => tab.title === selected);
  return (
    <SlidingPanel title={`${resource.kind} ${resource.name}`} onClose={props.onClose}>
      <div className="tabs" role="tablist">
        {tabs.map((title) => {
          const icon = extensionTabs.find((tab) => tab.title === title)?.icon;
          return (
            <button
              key={title}
              type="button"
              role="tab"
              aria-selected={selected === title}
              className={`tabs__nav-item ${selected === title ? 'tabs__nav-item--selected' : ''}`}
              onClick={() => setSelected(title)}
            >
              {icon ? <i className={icon} /> : null} {title}
            </button>
          );
        })}
      </div>
      <div className="tabs__content" role="tabpanel">
        {selected === 'Summary' && <Summary resource={resource} />}
        {selected === 'Live manifest' &&
          (live.loading ? (
            <p>Loading…</p>
          ) : (
            <pre className="demo-manifest">
              {live.error ??
                (live.object ? stringify(live.object) : 'This resource is not live in the cluster.')}
            </pre>
          ))}
        {extension &&
          (live.loading ? (
            <p>Loading…</p>
          ) : (
            <extension.component
              application={application}
              resource={live.object ?? placeholder(resource)}
              tree={tree}
            />
          ))}
      </div>
    </SlidingPanel>
  );
}
