import type { ResourceType, Subresource } from './resource-type.js';

interface Declaration {
  kind: string;
  plural: string;
  clusterScoped?: boolean;
  shortNames?: string[];
  categories?: string[];
  subresources?: Subresource[];
}

function declare(
  group: string,
  version: string,
  builtin: boolean,
  declarations: Declaration[],
): ResourceType[] {
  return declarations.map((declaration) => ({
    group,
    version,
    kind: declaration.kind,
    plural: declaration.plural,
    singular: declaration.kind.toLowerCase(),
    namespaced: !declaration.clusterScoped,
    shortNames: declaration.shortNames ?? [],
    categories: declaration.categories ?? [],
    subresources: declaration.subresources ?? [],
    builtin,
  }));
}

const all = ['all'];
const status: Subresource[] = ['status'];

/**
 * The resources a sandbox serves before any object is loaded: the kinds the product reads, with the
 * short names, categories and subresources kube-apiserver 1.32 and Argo CD's CRDs declare.
 */
export const builtinResourceTypes: readonly ResourceType[] = [
  ...declare('', 'v1', true, [
    { kind: 'Pod', plural: 'pods', shortNames: ['po'], categories: all, subresources: ['log', 'status'] },
    { kind: 'Event', plural: 'events', shortNames: ['ev'] },
    { kind: 'ConfigMap', plural: 'configmaps', shortNames: ['cm'] },
    { kind: 'Secret', plural: 'secrets' },
    { kind: 'Service', plural: 'services', shortNames: ['svc'], categories: all, subresources: status },
    { kind: 'Endpoints', plural: 'endpoints', shortNames: ['ep'] },
    { kind: 'Node', plural: 'nodes', clusterScoped: true, shortNames: ['no'], subresources: status },
    {
      kind: 'Namespace',
      plural: 'namespaces',
      clusterScoped: true,
      shortNames: ['ns'],
      subresources: status,
    },
    {
      kind: 'PersistentVolumeClaim',
      plural: 'persistentvolumeclaims',
      shortNames: ['pvc'],
      subresources: status,
    },
    { kind: 'ServiceAccount', plural: 'serviceaccounts', shortNames: ['sa'] },
    { kind: 'ResourceQuota', plural: 'resourcequotas', shortNames: ['quota'], subresources: status },
  ]),
  ...declare('apps', 'v1', true, [
    {
      kind: 'Deployment',
      plural: 'deployments',
      shortNames: ['deploy'],
      categories: all,
      subresources: status,
    },
    { kind: 'ReplicaSet', plural: 'replicasets', shortNames: ['rs'], categories: all, subresources: status },
    {
      kind: 'StatefulSet',
      plural: 'statefulsets',
      shortNames: ['sts'],
      categories: all,
      subresources: status,
    },
    { kind: 'DaemonSet', plural: 'daemonsets', shortNames: ['ds'], categories: all, subresources: status },
  ]),
  ...declare('batch', 'v1', true, [
    { kind: 'Job', plural: 'jobs', categories: all, subresources: status },
    { kind: 'CronJob', plural: 'cronjobs', shortNames: ['cj'], categories: all, subresources: status },
  ]),
  ...declare('networking.k8s.io', 'v1', true, [
    { kind: 'Ingress', plural: 'ingresses', shortNames: ['ing'], subresources: status },
    { kind: 'IngressClass', plural: 'ingressclasses', clusterScoped: true },
  ]),
  ...declare('autoscaling', 'v2', true, [
    {
      kind: 'HorizontalPodAutoscaler',
      plural: 'horizontalpodautoscalers',
      shortNames: ['hpa'],
      categories: all,
      subresources: status,
    },
  ]),
  ...declare('storage.k8s.io', 'v1', true, [
    { kind: 'StorageClass', plural: 'storageclasses', clusterScoped: true, shortNames: ['sc'] },
  ]),
  ...declare('coordination.k8s.io', 'v1', true, [{ kind: 'Lease', plural: 'leases' }]),
  ...declare('discovery.k8s.io', 'v1', true, [{ kind: 'EndpointSlice', plural: 'endpointslices' }]),
  // Argo CD's CRDs declare no status subresource: its controller writes status through the object itself.
  ...declare('argoproj.io', 'v1alpha1', false, [
    { kind: 'Application', plural: 'applications', shortNames: ['app', 'apps'] },
    { kind: 'AppProject', plural: 'appprojects', shortNames: ['appproj', 'appprojs'] },
  ]),
];
