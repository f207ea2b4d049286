import type { Application } from './application.js';
import type { ConfigMap, KubeObject, ResourceRef, Secret } from './objects.js';
import { redactText } from './redact.js';
import { sanitizeObject } from './sanitize.js';
import type { ClusterSnapshot, ContainerLog, NamedKeys } from './snapshot.js';

export interface SnapshotInput {
  capturedAt: string;
  application: Application;
  target?: ResourceRef;
  objects: readonly KubeObject[];
  logs?: readonly ContainerLog[];
  notes?: readonly string[];
}

type ObjectBucket = Exclude<
  keyof ClusterSnapshot,
  'capturedAt' | 'application' | 'target' | 'configMaps' | 'secrets' | 'others' | 'logs' | 'notes'
>;

const bucketByKind: Readonly<Record<string, ObjectBucket>> = {
  Namespace: 'namespaces',
  Pod: 'pods',
  ReplicaSet: 'replicaSets',
  Deployment: 'deployments',
  StatefulSet: 'statefulSets',
  DaemonSet: 'daemonSets',
  Job: 'jobs',
  CronJob: 'cronJobs',
  Service: 'services',
  Endpoints: 'endpoints',
  EndpointSlice: 'endpointSlices',
  Ingress: 'ingresses',
  IngressClass: 'ingressClasses',
  HorizontalPodAutoscaler: 'horizontalPodAutoscalers',
  PersistentVolumeClaim: 'persistentVolumeClaims',
  StorageClass: 'storageClasses',
  Node: 'nodes',
  ResourceQuota: 'resourceQuotas',
  ServiceAccount: 'serviceAccounts',
  Event: 'events',
};

/** Keys only: a Secret's or ConfigMap's values never enter a snapshot. */
function namedKeys(object: ConfigMap | Secret): NamedKeys {
  const keys = new Set<string>();
  for (const field of ['data', 'binaryData', 'stringData'] as const) {
    const values = (object as Record<string, unknown>)[field];
    if (values && typeof values === 'object') for (const key of Object.keys(values)) keys.add(key);
  }
  return {
    namespace: object.metadata?.namespace ?? '',
    name: object.metadata?.name ?? '',
    keys: [...keys].sort(),
  };
}

/**
 * Sorts objects into a snapshot's buckets, keeping only what may be kept (see sanitize.ts and the keys
 * of Secrets and ConfigMaps). Pure: the gatherer and the recorded fixtures both end here.
 */
export function buildSnapshot(input: SnapshotInput): ClusterSnapshot {
  const snapshot: ClusterSnapshot = {
    capturedAt: input.capturedAt,
    application: sanitizeObject(input.application),
    namespaces: [],
    pods: [],
    replicaSets: [],
    deployments: [],
    statefulSets: [],
    daemonSets: [],
    jobs: [],
    cronJobs: [],
    services: [],
    endpoints: [],
    endpointSlices: [],
    ingresses: [],
    ingressClasses: [],
    horizontalPodAutoscalers: [],
    persistentVolumeClaims: [],
    storageClasses: [],
    nodes: [],
    resourceQuotas: [],
    serviceAccounts: [],
    configMaps: [],
    secrets: [],
    events: [],
    others: [],
    logs: (input.logs ?? []).map((log) => ({ ...log, lines: log.lines.map(redactText) })),
    notes: [...(input.notes ?? [])],
  };
  if (input.target) snapshot.target = input.target;
  for (const object of input.objects) {
    const kind = object.kind ?? '';
    if (kind === 'Secret' || kind === 'ConfigMap') {
      (kind === 'Secret' ? snapshot.secrets : snapshot.configMaps).push(namedKeys(object));
      continue;
    }
    const bucket = bucketByKind[kind];
    const clean = sanitizeObject(object);
    if (bucket) (snapshot[bucket] as KubeObject[]).push(clean);
    else snapshot.others.push(clean);
  }
  return snapshot;
}
