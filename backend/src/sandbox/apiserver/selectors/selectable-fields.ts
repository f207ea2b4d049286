import type { KubeObject } from '../../../kube/objects.js';
import type { ResourceType } from '../resource-type.js';
import { apiVersionOf } from '../resource-type.js';

/** Fields kube-apiserver lets a fieldSelector use per kind, beyond metadata.name and metadata.namespace. */
const fieldsByKind = new Map<string, readonly string[]>([
  [
    'v1/Event',
    [
      'involvedObject.kind',
      'involvedObject.namespace',
      'involvedObject.name',
      'involvedObject.uid',
      'involvedObject.apiVersion',
      'involvedObject.resourceVersion',
      'involvedObject.fieldPath',
      'reason',
      'reportingComponent',
      'source',
      'type',
    ],
  ],
  [
    'v1/Pod',
    [
      'spec.nodeName',
      'spec.restartPolicy',
      'spec.schedulerName',
      'spec.serviceAccountName',
      'spec.hostNetwork',
      'status.phase',
      'status.podIP',
      'status.nominatedNodeName',
    ],
  ],
  ['v1/Secret', ['type']],
  ['v1/Namespace', ['status.phase']],
  ['v1/Node', ['spec.unschedulable']],
  ['apps/v1/ReplicaSet', ['status.replicas']],
  ['batch/v1/Job', ['status.successful']],
]);

/** Selectable fields whose value lives elsewhere in the object. */
const fieldPaths = new Map([['source', 'source.component']]);

/** The object path a selectable field reads, e.g. `source` → [source, component]; undefined when not selectable. */
export function selectableFieldPath(type: ResourceType, field: string): readonly string[] | undefined {
  const selectable =
    field === 'metadata.name' ||
    field === 'metadata.namespace' ||
    (fieldsByKind.get(`${apiVersionOf(type)}/${type.kind}`)?.includes(field) ?? false);
  return selectable ? (fieldPaths.get(field) ?? field).split('.') : undefined;
}

/** The value a field selector compares: absent fields read as the empty string, as on the real server. */
export function fieldValue(object: KubeObject, path: readonly string[]): string {
  let value: unknown = object;
  for (const segment of path) {
    value =
      value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[segment] : undefined;
  }
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
