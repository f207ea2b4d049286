import type { KubeObject } from '../../../kube/objects.js';
import type { ResourceType } from '../resource-type.js';
import type { Change, ChangeListener } from './change.js';
import { Collection, lowerBound } from './collection.js';

export function objectKey(type: ResourceType, namespace: string | undefined, name: string): string {
  return type.namespaced ? `${namespace ?? ''}/${name}` : name;
}

/** A stored object with its key, as a list scan yields them. */
export interface KeyedObject {
  key: string;
  object: KubeObject;
}

/**
 * Every object, stamped with one global, monotonically increasing resourceVersion, and the change
 * history watches replay. Stored objects are never mutated: a write stores a new object.
 */
export class ObjectStore {
  private lastRevision = 0;
  private readonly collections = new Map<ResourceType, Collection>();

  constructor(private readonly historyLimit: number) {}

  get revision(): number {
    return this.lastRevision;
  }

  private collection(type: ResourceType): Collection {
    let collection = this.collections.get(type);
    if (!collection) {
      collection = new Collection(this.historyLimit);
      this.collections.set(type, collection);
    }
    return collection;
  }

  get(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.collections.get(type)?.objects.get(objectKey(type, namespace, name));
  }

  /** Objects in key order, within one namespace when given, from the first key not less than `fromKey`. */
  *scan(type: ResourceType, namespace?: string, fromKey?: string): Generator<KeyedObject> {
    const collection = this.collections.get(type);
    if (!collection) return;
    const keys = collection.keys();
    const prefix = type.namespaced && namespace !== undefined ? `${namespace}/` : '';
    const start = fromKey !== undefined && fromKey > prefix ? fromKey : prefix;
    for (let index = lowerBound(keys, start); index < keys.length; index += 1) {
      const key = keys[index];
      if (key === undefined || !key.startsWith(prefix)) return;
      const object = collection.objects.get(key);
      if (object) yield { key, object };
    }
  }

  /** Stores `object` (which the store now owns) with a fresh resourceVersion and tells the watches. */
  put(type: ResourceType, object: KubeObject): Change {
    const metadata = object.metadata ?? {};
    const key = objectKey(type, metadata.namespace, metadata.name ?? '');
    const collection = this.collection(type);
    const previous = collection.objects.get(key);
    this.lastRevision += 1;
    object.metadata = { ...metadata, resourceVersion: String(this.lastRevision) };
    collection.set(key, object);
    const change: Change = previous
      ? { type: 'MODIFIED', object, previous, revision: this.lastRevision }
      : { type: 'ADDED', object, revision: this.lastRevision };
    this.publish(collection, change);
    return change;
  }

  remove(type: ResourceType, namespace: string | undefined, name: string): Change | undefined {
    const collection = this.collections.get(type);
    const key = objectKey(type, namespace, name);
    const existing = collection?.objects.get(key);
    if (!collection || !existing) return undefined;
    collection.delete(key);
    this.lastRevision += 1;
    const object = {
      ...existing,
      metadata: { ...existing.metadata, resourceVersion: String(this.lastRevision) },
    };
    const change: Change = { type: 'DELETED', object, revision: this.lastRevision };
    this.publish(collection, change);
    return change;
  }

  private publish(collection: Collection, change: Change): void {
    collection.history.record(change);
    for (const listener of collection.listeners) listener(change);
  }

  subscribe(type: ResourceType, listener: ChangeListener): () => void {
    const collection = this.collection(type);
    collection.listeners.add(listener);
    return () => collection.listeners.delete(listener);
  }

  /** Changes of one type after `revision`; undefined when the history no longer reaches back that far. */
  changesSince(type: ResourceType, revision: number): Change[] | undefined {
    return this.collection(type).history.since(revision);
  }

  oldestResumable(type: ResourceType): number {
    return this.collection(type).history.oldestResumable;
  }

  /** The types that have held an object. */
  types(): ResourceType[] {
    return [...this.collections.keys()];
  }
}
