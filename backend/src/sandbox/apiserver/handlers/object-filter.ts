import type { KubeObject } from '../../../kube/objects.js';
import type { ResourceType } from '../resource-type.js';
import { parseFieldSelector } from '../selectors/field-selector.js';
import { parseLabelSelector } from '../selectors/label-selector.js';

/** The label and field selectors of a list or watch request. */
export interface ObjectFilter {
  matches(object: KubeObject): boolean;
  /** True when a selector narrows the result (the real server then omits remainingItemCount). */
  selective: boolean;
}

export function objectFilter(type: ResourceType, query: URLSearchParams): ObjectFilter {
  const labels = parseLabelSelector(query.get('labelSelector'));
  const fields = parseFieldSelector(query.get('fieldSelector'), type);
  return {
    selective: labels !== undefined || fields !== undefined,
    matches: (object) =>
      (labels === undefined || labels.matches(object.metadata?.labels)) &&
      (fields === undefined || fields.matches(object)),
  };
}
