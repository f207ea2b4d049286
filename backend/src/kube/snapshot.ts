import type { Application } from './application.js';
import type {
  CronJob,
  DaemonSet,
  Deployment,
  EndpointSlice,
  Endpoints,
  Event,
  HorizontalPodAutoscaler,
  Ingress,
  IngressClass,
  Job,
  KubeObject,
  Namespace,
  Node,
  PersistentVolumeClaim,
  Pod,
  ReplicaSet,
  ResourceQuota,
  ResourceRef,
  Service,
  ServiceAccount,
  StatefulSet,
  StorageClass,
} from './objects.js';

/** The tail of one container's log, current instance or the previous one (`kubectl logs --previous`). */
export interface ContainerLog {
  namespace: string;
  pod: string;
  container: string;
  previous: boolean;
  lines: string[];
  /** True when older lines were cut to stay within the line and byte limits. */
  truncated: boolean;
}

/** A ConfigMap or Secret reduced to what detectors may know: that it exists and which keys it has. */
export interface NamedKeys {
  namespace: string;
  name: string;
  keys: string[];
}

/**
 * Everything a diagnosis knows about one application, as plain objects.
 * Gathered from a live cluster by kube/, or built from recorded objects in tests and scenarios;
 * detectors see no difference.
 */
export interface ClusterSnapshot {
  capturedAt: string;
  application: Application;
  target?: ResourceRef;
  namespaces: Namespace[];
  pods: Pod[];
  replicaSets: ReplicaSet[];
  deployments: Deployment[];
  statefulSets: StatefulSet[];
  daemonSets: DaemonSet[];
  jobs: Job[];
  cronJobs: CronJob[];
  services: Service[];
  endpoints: Endpoints[];
  endpointSlices: EndpointSlice[];
  ingresses: Ingress[];
  ingressClasses: IngressClass[];
  horizontalPodAutoscalers: HorizontalPodAutoscaler[];
  persistentVolumeClaims: PersistentVolumeClaim[];
  storageClasses: StorageClass[];
  nodes: Node[];
  resourceQuotas: ResourceQuota[];
  serviceAccounts: ServiceAccount[];
  configMaps: NamedKeys[];
  secrets: NamedKeys[];
  events: Event[];
  /** Managed resources of kinds no bucket above holds (CRDs, RBAC, ...). */
  others: KubeObject[];
  logs: ContainerLog[];
  /** What could not be gathered, in words: "events unavailable: 403 Forbidden". */
  notes: string[];
}
