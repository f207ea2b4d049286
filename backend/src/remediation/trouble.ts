import type { Application } from '../kube/application.js';

/**
 * Why an app needs attention, or undefined when it does not: Degraded health, a failed sync, or an
 * Argo CD condition saying it cannot compare Git with the cluster.
 */
export function troubleOf(application: Application): string | undefined {
  const status = application.status;
  if (status?.health?.status === 'Degraded') return 'Degraded';
  const phase = status?.operationState?.phase;
  if (phase === 'Failed' || phase === 'Error') return 'sync failed';
  if (status?.conditions?.some((condition) => condition.type === 'ComparisonError')) return 'ComparisonError';
  return undefined;
}
