import * as React from 'react';

const HEALTH: Record<string, { icon: string; color: string }> = {
  Healthy: { icon: 'fa-heart', color: '#18be94' },
  Progressing: { icon: 'fa-circle-notch fa-spin', color: '#0dadea' },
  Degraded: { icon: 'fa-heart-broken', color: '#e96d76' },
  Suspended: { icon: 'fa-pause-circle', color: '#766f94' },
  Missing: { icon: 'fa-ghost', color: '#f4c030' },
};

const SYNC: Record<string, { icon: string; color: string }> = {
  Synced: { icon: 'fa-check-circle', color: '#18be94' },
  OutOfSync: { icon: 'fa-arrow-alt-circle-up', color: '#f4c030' },
};

const UNKNOWN = { icon: 'fa-question-circle', color: '#ccd6dd' };

/** Argo CD's health and sync icons, with the status as text beside them. */
export function HealthStatus(props: { status: string | undefined }) {
  const status = props.status ?? 'Unknown';
  const look = HEALTH[status] ?? UNKNOWN;
  return (
    <span className="demo-status" data-health={status}>
      <i className={`fa ${look.icon}`} style={{ color: look.color }} /> {status}
    </span>
  );
}

export function SyncStatus(props: { status: string | undefined }) {
  const status = props.status ?? 'Unknown';
  const look = SYNC[status] ?? UNKNOWN;
  return (
    <span className="demo-status" data-sync={status}>
      <i className={`fa ${look.icon}`} style={{ color: look.color }} /> {status}
    </span>
  );
}
