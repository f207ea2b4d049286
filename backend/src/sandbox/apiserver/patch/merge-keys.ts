/** How a strategic merge patch combines a list: by a key field, as a set of primitives, or by replacing it. */
export type ListStrategy = { mergeKey: string } | 'merge-primitives' | 'replace';

const containerLists = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/** Keys of lists inside a container (`spec.containers[*].<list>`). */
const containerFieldKeys = new Map([
  ['env', 'name'],
  ['ports', 'containerPort'],
  ['volumeMounts', 'mountPath'],
  ['volumeDevices', 'devicePath'],
]);

/** Keys of lists wherever they appear in the built-in kinds (the patchMergeKey tags of k8s.io/api). */
const fieldKeys = new Map([
  ['containers', 'name'],
  ['initContainers', 'name'],
  ['ephemeralContainers', 'name'],
  ['volumes', 'name'],
  ['imagePullSecrets', 'name'],
  ['hostAliases', 'ip'],
  ['topologySpreadConstraints', 'topologyKey'],
  ['resourceClaims', 'name'],
  ['schedulingGates', 'name'],
  ['conditions', 'type'],
  ['ownerReferences', 'uid'],
]);

/**
 * The patch strategy of the list at `path` (field names from the object's root, list indexes left out)
 * in an object of `kind`.
 */
export function listStrategy(kind: string, path: readonly string[]): ListStrategy {
  const field = path[path.length - 1];
  const parent = path[path.length - 2];
  if (field === undefined) return 'replace';
  if (parent !== undefined && containerLists.has(parent)) {
    const key = containerFieldKeys.get(field);
    return key ? { mergeKey: key } : 'replace';
  }
  if (kind === 'Service' && path.length === 2 && parent === 'spec' && field === 'ports')
    return { mergeKey: 'port' };
  if (kind === 'Node' && parent === 'status' && field === 'addresses') return { mergeKey: 'type' };
  if (parent === 'metadata' && field === 'finalizers') return 'merge-primitives';
  const key = fieldKeys.get(field);
  return key ? { mergeKey: key } : 'replace';
}
