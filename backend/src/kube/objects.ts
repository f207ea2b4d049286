import type {
  CoreV1Event,
  V1ConfigMap,
  V1CronJob,
  V1DaemonSet,
  V1Deployment,
  V1EndpointSlice,
  V1Endpoints,
  V1Ingress,
  V1IngressClass,
  V1Job,
  V1Namespace,
  V1Node,
  V1ObjectMeta,
  V1PersistentVolumeClaim,
  V1Pod,
  V1ReplicaSet,
  V1ResourceQuota,
  V1Secret,
  V1Service,
  V1ServiceAccount,
  V1StatefulSet,
  V1StorageClass,
  V2HorizontalPodAutoscaler,
} from '@kubernetes/client-node';

/**
 * An object as the API server sends it over the wire and as scenario fixtures record it.
 * client-node's models type timestamps as Date, but snapshots must replay from YAML unchanged,
 * so everything in a snapshot keeps the RFC 3339 strings.
 */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

export type ObjectMeta = Wire<V1ObjectMeta>;

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [field: string]: unknown;
}

export type Pod = Wire<V1Pod>;
export type ReplicaSet = Wire<V1ReplicaSet>;
export type Deployment = Wire<V1Deployment>;
export type StatefulSet = Wire<V1StatefulSet>;
export type DaemonSet = Wire<V1DaemonSet>;
export type Job = Wire<V1Job>;
export type CronJob = Wire<V1CronJob>;
export type Service = Wire<V1Service>;
export type Endpoints = Wire<V1Endpoints>;
export type EndpointSlice = Wire<V1EndpointSlice>;
export type Ingress = Wire<V1Ingress>;
export type IngressClass = Wire<V1IngressClass>;
export type HorizontalPodAutoscaler = Wire<V2HorizontalPodAutoscaler>;
export type PersistentVolumeClaim = Wire<V1PersistentVolumeClaim>;
export type StorageClass = Wire<V1StorageClass>;
export type Node = Wire<V1Node>;
export type ResourceQuota = Wire<V1ResourceQuota>;
export type ServiceAccount = Wire<V1ServiceAccount>;
export type Namespace = Wire<V1Namespace>;
export type Event = Wire<CoreV1Event>;
export type ConfigMap = Wire<V1ConfigMap>;
export type Secret = Wire<V1Secret>;

/** Identifies one object the way Argo CD's resource tree does: group ('' for core), kind, namespace, name. */
export interface ResourceRef {
  group: string;
  kind: string;
  namespace?: string;
  name: string;
}

export function groupOf(apiVersion: string | undefined): string {
  if (!apiVersion) return '';
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

export function refOf(object: KubeObject): ResourceRef {
  const ref: ResourceRef = {
    group: groupOf(object.apiVersion),
    kind: object.kind ?? '',
    name: object.metadata?.name ?? '',
  };
  if (object.metadata?.namespace) ref.namespace = object.metadata.namespace;
  return ref;
}

/** A stable text key for maps and evidence ids: `apps/Deployment/shop/web`, `/Node//node-a`. */
export function refKey(ref: ResourceRef): string {
  return `${ref.group}/${ref.kind}/${ref.namespace ?? ''}/${ref.name}`;
}

export function sameRef(a: ResourceRef, b: ResourceRef): boolean {
  return refKey(a) === refKey(b);
}

/** `Deployment shop/web`, the way people name an object in a sentence. */
export function describeRef(ref: ResourceRef): string {
  return ref.namespace ? `${ref.kind} ${ref.namespace}/${ref.name}` : `${ref.kind} ${ref.name}`;
}

/** Newest first by creationTimestamp, then by name so that equal times keep a stable order. */
export function newestFirst(a: KubeObject, b: KubeObject): number {
  return (
    (b.metadata?.creationTimestamp ?? '').localeCompare(a.metadata?.creationTimestamp ?? '') ||
    (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? '')
  );
}
