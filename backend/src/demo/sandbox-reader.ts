import { apiErrorCode } from '../kube/api-error.js';
import type { Application } from '../kube/application.js';
import type { KubeClients } from '../kube/clients.js';
import { managedResources } from '../kube/gather/application.js';
import { type KubeObject, type ResourceRef, sameRef } from '../kube/objects.js';

/** What Argo CD's UI shows of a Secret's values: the keys, never the values. */
const MASK = '++++++++';

export interface ResourceKey extends ResourceRef {
  version: string;
}

function withoutManagedFields<T extends { metadata?: object }>(object: T): T {
  if (!object.metadata) return object;
  const { managedFields: _, ...metadata } = object.metadata as { managedFields?: unknown };
  return { ...object, metadata };
}

/** An object as Argo CD's resource panel shows it: no managed fields, a Secret's values masked. */
export function asShown(live: KubeObject): KubeObject {
  const object = withoutManagedFields(live);
  if (object.kind !== 'Secret') return object;
  const secret = object as KubeObject & {
    data?: Record<string, string>;
    stringData?: Record<string, string>;
  };
  const mask = (values: Record<string, string> | undefined) =>
    values && Object.fromEntries(Object.keys(values).map((key) => [key, MASK]));
  const { stringData: _, ...rest } = secret;
  return { ...rest, ...(secret.data ? { data: mask(secret.data) } : {}) } as KubeObject;
}

/** What the demo's host page reads from the sandbox: the Applications, and a resource's live manifest. */
export class SandboxReader {
  constructor(private readonly kube: KubeClients) {}

  async applications(): Promise<Application[]> {
    const list = (await this.kube.custom.listClusterCustomObject({
      group: 'argoproj.io',
      version: 'v1alpha1',
      plural: 'applications',
    })) as { items?: Application[] };
    return (list.items ?? [])
      .map(withoutManagedFields)
      .sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  }

  async application(namespace: string, name: string): Promise<Application | undefined> {
    try {
      return (await this.kube.custom.getNamespacedCustomObject({
        group: 'argoproj.io',
        version: 'v1alpha1',
        plural: 'applications',
        namespace,
        name,
      })) as Application;
    } catch (error) {
      if (apiErrorCode(error) === 404) return undefined;
      throw error;
    }
  }

  /**
   * A resource of the app (or the Application itself) as Argo CD's resource panel shows it: live,
   * Secret values masked. Undefined when it is not the app's or not live: like argocd-server, the
   * page reads nothing beyond the app's own resources.
   */
  async applicationResource(
    namespace: string,
    name: string,
    key: ResourceKey,
  ): Promise<KubeObject | undefined> {
    const application = await this.application(namespace, name);
    if (!application) return undefined;
    const isApplication =
      key.group === 'argoproj.io' &&
      key.kind === 'Application' &&
      key.name === name &&
      key.namespace === namespace;
    const managed = managedResources(application).some((resource) => sameRef(resource, key));
    return isApplication || managed ? this.resource(key) : undefined;
  }

  private async resource(key: ResourceKey): Promise<KubeObject | undefined> {
    try {
      const live = await this.kube.objects.read({
        apiVersion: key.group ? `${key.group}/${key.version}` : key.version,
        kind: key.kind,
        metadata: { name: key.name, ...(key.namespace ? { namespace: key.namespace } : {}) },
      });
      return asShown(JSON.parse(JSON.stringify(live)) as KubeObject);
    } catch (error) {
      if (apiErrorCode(error) === 404) return undefined;
      throw error;
    }
  }
}
