import type { KubeObject } from '../../../kube/objects.js';
import { badRequest } from '../api-error.js';
import type { ResourceType } from '../resource-type.js';
import type { ObjectStore } from '../store/object-store.js';
import { decodeContinueToken, encodeContinueToken } from './continue-token.js';
import { objectFilter } from './object-filter.js';

export interface ListMetadata {
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

export interface ListResult {
  items: KubeObject[];
  metadata: ListMetadata;
}

function parseLimit(query: URLSearchParams): number | undefined {
  const text = query.get('limit');
  if (text === null || text === '') return undefined;
  if (!/^-?\d+$/.test(text)) throw badRequest(`limit: invalid value "${text}"`);
  const limit = Number(text);
  return limit > 0 ? limit : undefined;
}

/**
 * One page of a list: objects in key order matching the selectors, at most `limit` of them, with a continue
 * token when keys remain. Every page reports the resourceVersion of the first one.
 */
export function listObjects(
  store: ObjectStore,
  type: ResourceType,
  namespace: string | undefined,
  query: URLSearchParams,
): ListResult {
  const filter = objectFilter(type, query);
  const limit = parseLimit(query);
  const continueText = query.get('continue');
  const token = continueText ? decodeContinueToken(continueText) : undefined;
  if (token && namespace !== undefined && type.namespaced && !token.start.startsWith(`${namespace}/`)) {
    throw badRequest('continue key is not valid: the key does not belong to the requested namespace');
  }
  const resourceVersion = token?.resourceVersion ?? String(store.revision);
  const items: KubeObject[] = [];
  const metadata: ListMetadata = { resourceVersion };
  let lastKey: string | undefined;
  let remaining = 0;
  for (const { key, object } of store.scan(type, namespace, token?.start)) {
    if (limit !== undefined && items.length >= limit) {
      remaining += 1;
      continue;
    }
    if (!filter.matches(object)) continue;
    items.push(object);
    lastKey = key;
  }
  if (remaining > 0 && lastKey !== undefined) {
    metadata.continue = encodeContinueToken({ resourceVersion, start: `${lastKey}\u0000` });
    if (!filter.selective) metadata.remainingItemCount = remaining;
  }
  return { items, metadata };
}
