import type { KubeObject } from '../../../kube/objects.js';
import type { ChangeListener } from './change.js';
import { ChangeHistory } from './change-history.js';

/** The objects of one resource type, keyed `namespace/name` (or `name` when cluster-scoped), as etcd orders them. */
export class Collection {
  readonly objects = new Map<string, KubeObject>();
  readonly listeners = new Set<ChangeListener>();
  readonly history: ChangeHistory;
  private sortedKeys: string[] | undefined;

  constructor(historyLimit: number) {
    this.history = new ChangeHistory(historyLimit);
  }

  set(key: string, object: KubeObject): void {
    if (!this.objects.has(key)) this.sortedKeys = undefined;
    this.objects.set(key, object);
  }

  delete(key: string): void {
    if (this.objects.delete(key)) this.sortedKeys = undefined;
  }

  /** Keys in byte order, cached until a key is added or removed so that paging a long list stays cheap. */
  keys(): readonly string[] {
    if (!this.sortedKeys) this.sortedKeys = [...this.objects.keys()].sort(compareKeys);
    return this.sortedKeys;
  }
}

function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Index of the first key not less than `key`. */
export function lowerBound(keys: readonly string[], key: string): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const candidate = keys[middle];
    if (candidate !== undefined && candidate < key) low = middle + 1;
    else high = middle;
  }
  return low;
}
