import type { KubeObject } from '../../kube/objects.js';
import type { ResourceType } from './resource-type.js';

/**
 * kube-apiserver never stores a Secret's stringData: it writes each entry into data, base64-encoded,
 * over any data entry of the same key, and drops the field.
 */
export function foldStringData(type: ResourceType, object: KubeObject): KubeObject {
  if (type.group !== '' || type.kind !== 'Secret' || object.stringData === undefined) return object;
  const { stringData, ...rest } = object;
  const data: Record<string, string> = { ...((rest.data as Record<string, string> | undefined) ?? {}) };
  for (const [key, value] of Object.entries((stringData as Record<string, unknown> | null) ?? {})) {
    data[key] = Buffer.from(String(value), 'utf8').toString('base64');
  }
  return { ...rest, data };
}
