import type { KubeObject } from '../../kube/objects.js';
import { builtinResourceTypes } from './builtin-types.js';
import { PodLogs } from './logs/pod-logs.js';
import { objectForLoad } from './object-lifecycle.js';
import { ResourceRegistry } from './resource-registry.js';
import type { ResourceType } from './resource-type.js';
import type { Change } from './store/change.js';
import { ObjectStore } from './store/object-store.js';

/** Everything the sandbox cluster holds: resource types, objects with their history, container logs. */
export class ClusterState {
  readonly registry = new ResourceRegistry(builtinResourceTypes);
  readonly store: ObjectStore;
  readonly logs = new PodLogs();
  readonly namespaceType: ResourceType;

  constructor(
    historyLimit: number,
    readonly now: () => Date,
  ) {
    this.store = new ObjectStore(historyLimit);
    const namespaceType = this.registry.forKind('v1', 'Namespace');
    if (!namespaceType) throw new Error('the Namespace resource type is missing');
    this.namespaceType = namespaceType;
  }

  namespaceExists(name: string): boolean {
    return this.store.get(this.namespaceType, undefined, name) !== undefined;
  }

  private ensureNamespace(name: string): void {
    if (this.namespaceExists(name)) return;
    this.load({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }

  /** Creates or replaces an object as a fixture loader does (see SandboxApiServer.apply). */
  load(object: KubeObject): KubeObject {
    const type = this.registry.forObject(object);
    const namespace = type.namespaced ? object.metadata?.namespace || 'default' : undefined;
    if (namespace !== undefined) this.ensureNamespace(namespace);
    const existing = this.store.get(type, namespace, object.metadata?.name ?? '');
    const loaded = objectForLoad(type, object, existing, this.now());
    return this.store.put(type, loaded).object;
  }

  /** Deletes an object; deleting a namespace deletes everything in it, as the namespace controller would. */
  remove(type: ResourceType, namespace: string | undefined, name: string): Change | undefined {
    const change = this.store.remove(type, namespace, name);
    if (change && type === this.namespaceType) {
      for (const namespacedType of this.store.types().filter((candidate) => candidate.namespaced)) {
        const names = [...this.store.scan(namespacedType, name)].map(
          ({ object }) => object.metadata?.name ?? '',
        );
        for (const objectName of names) this.store.remove(namespacedType, name, objectName);
      }
    }
    return change;
  }
}
