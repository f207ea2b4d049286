import type { KubeObject } from '../../kube/objects.js';

/** Orders objects by namespace, then name, so detectors emit symptoms in a stable order. */
export function byNamespaceAndName(a: KubeObject, b: KubeObject): number {
  return (
    (a.metadata?.namespace ?? '').localeCompare(b.metadata?.namespace ?? '') ||
    (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? '')
  );
}
