/** A kind a diagnosis lists, and where the API serves it. */
export interface ListedKind {
  apiVersion: string;
  plural: string;
  /** Cluster-scoped kinds ignore the namespace. */
  namespaced: boolean;
}

/** The kinds a diagnosis lists. */
export const listedKinds = {
  Pod: { apiVersion: 'v1', plural: 'pods', namespaced: true },
  Event: { apiVersion: 'v1', plural: 'events', namespaced: true },
  Service: { apiVersion: 'v1', plural: 'services', namespaced: true },
  Endpoints: { apiVersion: 'v1', plural: 'endpoints', namespaced: true },
  PersistentVolumeClaim: { apiVersion: 'v1', plural: 'persistentvolumeclaims', namespaced: true },
  ConfigMap: { apiVersion: 'v1', plural: 'configmaps', namespaced: true },
  Secret: { apiVersion: 'v1', plural: 'secrets', namespaced: true },
  ServiceAccount: { apiVersion: 'v1', plural: 'serviceaccounts', namespaced: true },
  ResourceQuota: { apiVersion: 'v1', plural: 'resourcequotas', namespaced: true },
  Node: { apiVersion: 'v1', plural: 'nodes', namespaced: false },
  Deployment: { apiVersion: 'apps/v1', plural: 'deployments', namespaced: true },
  ReplicaSet: { apiVersion: 'apps/v1', plural: 'replicasets', namespaced: true },
  StatefulSet: { apiVersion: 'apps/v1', plural: 'statefulsets', namespaced: true },
  DaemonSet: { apiVersion: 'apps/v1', plural: 'daemonsets', namespaced: true },
  Job: { apiVersion: 'batch/v1', plural: 'jobs', namespaced: true },
  CronJob: { apiVersion: 'batch/v1', plural: 'cronjobs', namespaced: true },
  Ingress: { apiVersion: 'networking.k8s.io/v1', plural: 'ingresses', namespaced: true },
  IngressClass: { apiVersion: 'networking.k8s.io/v1', plural: 'ingressclasses', namespaced: false },
  HorizontalPodAutoscaler: {
    apiVersion: 'autoscaling/v2',
    plural: 'horizontalpodautoscalers',
    namespaced: true,
  },
  StorageClass: { apiVersion: 'storage.k8s.io/v1', plural: 'storageclasses', namespaced: false },
  EndpointSlice: { apiVersion: 'discovery.k8s.io/v1', plural: 'endpointslices', namespaced: true },
} as const satisfies Record<string, ListedKind>;

export type ListedKindName = keyof typeof listedKinds;

export function isListedKind(kind: string): kind is ListedKindName {
  return Object.hasOwn(listedKinds, kind);
}

/** `/api/v1/namespaces/shop/pods`, `/apis/apps/v1/replicasets`. */
export function listPath(kind: ListedKind, namespace: string): string {
  const group = kind.apiVersion === 'v1' ? '/api/v1' : `/apis/${kind.apiVersion}`;
  return `${group}${kind.namespaced ? `/namespaces/${encodeURIComponent(namespace)}` : ''}/${kind.plural}`;
}
