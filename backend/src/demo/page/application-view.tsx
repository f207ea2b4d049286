import * as React from 'react';
import type { Application, ResourceStatus } from '../../kube/application.js';
import { applicationNode, resourceKey, treeOf } from './application-tree.js';
import type { ExtensionsRegistry } from './extensions-registry.js';
import { ResourcePanel } from './resource-panel.js';
import { SlidingPanel } from './sliding-panel.js';
import { HealthStatus, SyncStatus } from './status-icons.js';

/**
 * Argo CD's status panel: health and sync, then each registered status panel extension, whose
 * `openFlyout` slides its flyout in.
 */
function StatusPanel(props: {
  application: Application;
  registry: ExtensionsRegistry;
  onOpenFlyout: (id: string) => void;
}) {
  const { application, registry } = props;
  return (
    <div className="application-status-panel row">
      <div className="application-status-panel__item">
        <div className="application-status-panel__item-label">APP HEALTH</div>
        <div className="application-status-panel__item-value">
          <HealthStatus status={application.status?.health?.status} />
        </div>
        <div className="application-status-panel__item-name">{application.status?.health?.message ?? ''}</div>
      </div>
      <div className="application-status-panel__item">
        <div className="application-status-panel__item-label">SYNC STATUS</div>
        <div className="application-status-panel__item-value">
          <SyncStatus status={application.status?.sync?.status} />
        </div>
        <div className="application-status-panel__item-name">
          {(application.status?.sync?.revision ?? '').slice(0, 7)}
        </div>
      </div>
      {registry.statusPanelExtensions().map((extension) => (
        <extension.component
          key={extension.id}
          application={application}
          openFlyout={() => props.onOpenFlyout(extension.id)}
        />
      ))}
    </div>
  );
}

function ResourceList(props: { resources: ResourceStatus[]; onSelect: (resource: ResourceStatus) => void }) {
  return (
    <div className="argo-table-list argo-table-list--clickable">
      <div className="argo-table-list__head">
        <div className="row">
          <div className="columns small-2">KIND</div>
          <div className="columns small-4">NAME</div>
          <div className="columns small-2">NAMESPACE</div>
          <div className="columns small-2">HEALTH</div>
          <div className="columns small-2">SYNC</div>
        </div>
      </div>
      {props.resources.map((resource) => (
        <button
          key={resourceKey(resource)}
          type="button"
          className="argo-table-list__row"
          aria-label={`${resource.kind} ${resource.name}`}
          onClick={() => props.onSelect(resource)}
        >
          <div className="row">
            <div className="columns small-2">{resource.kind}</div>
            <div className="columns small-4">{resource.name}</div>
            <div className="columns small-2">{resource.namespace ?? ''}</div>
            <div className="columns small-2">
              {resource.health ? <HealthStatus status={resource.health.status} /> : null}
            </div>
            <div className="columns small-2">
              <SyncStatus status={resource.status} />
            </div>
          </div>
        </button>
      ))}
    </div>
  );
}

/** One app: its status panel and its resources; a resource opens its details, an extension item its flyout. */
export function ApplicationView(props: { application: Application; registry: ExtensionsRegistry }) {
  const { application, registry } = props;
  const [selectedKey, setSelectedKey] = React.useState<string | undefined>();
  const [flyoutId, setFlyoutId] = React.useState<string | undefined>();
  const resources = [applicationNode(application), ...(application.status?.resources ?? [])];
  // The app is polled: look the selection up in the newest copy so the panel shows fresh health.
  const selected = resources.find((resource) => resourceKey(resource) === selectedKey);
  const flyout = registry.statusPanelExtensions().find((extension) => extension.id === flyoutId);
  const tree = React.useMemo(() => treeOf(application), [application]);
  return (
    <div className="demo-page">
      <h1 className="demo-page__title">
        <a href="#/">Applications</a> / {application.metadata.name}
      </h1>
      <StatusPanel application={application} registry={registry} onOpenFlyout={setFlyoutId} />
      <ResourceList resources={resources} onSelect={(resource) => setSelectedKey(resourceKey(resource))} />
      {selected && (
        <ResourcePanel
          key={selectedKey}
          application={application}
          tree={tree}
          resource={selected}
          registry={registry}
          onClose={() => setSelectedKey(undefined)}
        />
      )}
      {flyout?.flyout && (
        <SlidingPanel title={flyout.title} onClose={() => setFlyoutId(undefined)}>
          <flyout.flyout application={application} tree={tree} />
        </SlidingPanel>
      )}
    </div>
  );
}
