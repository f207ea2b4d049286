import * as React from 'react';
import type { Application } from '../../kube/application.js';
import { applicationPath } from './routes.js';
import { HealthStatus, SyncStatus } from './status-icons.js';

/** Argo CD's Applications page in its list view: one row per app with its health and sync. */
export function ApplicationList(props: { applications: Application[] }) {
  return (
    <div className="demo-page">
      <h1 className="demo-page__title">Applications</h1>
      <div className="argo-table-list argo-table-list--clickable">
        <div className="argo-table-list__head">
          <div className="row">
            <div className="columns small-3">NAME</div>
            <div className="columns small-2">PROJECT</div>
            <div className="columns small-3">DESTINATION</div>
            <div className="columns small-2">HEALTH</div>
            <div className="columns small-2">SYNC</div>
          </div>
        </div>
        {props.applications.map((application) => {
          const { namespace = 'argocd', name = '' } = application.metadata;
          const destination = application.spec.destination;
          return (
            <a
              key={`${namespace}/${name}`}
              className="argo-table-list__row"
              href={applicationPath(namespace, name)}
              aria-label={`Application ${name}`}
            >
              <div className="row">
                <div className="columns small-3">
                  <i className="fa fa-layer-group" /> <strong>{name}</strong>
                </div>
                <div className="columns small-2">{application.spec.project}</div>
                <div className="columns small-3">
                  {destination.name ?? destination.server ?? ''}/{destination.namespace ?? ''}
                </div>
                <div className="columns small-2">
                  <HealthStatus status={application.status?.health?.status} />
                </div>
                <div className="columns small-2">
                  <SyncStatus status={application.status?.sync?.status} />
                </div>
              </div>
            </a>
          );
        })}
      </div>
    </div>
  );
}
