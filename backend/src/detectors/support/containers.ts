import type { V1Container, V1ContainerStatus } from '@kubernetes/client-node';
import type { Pod, Wire } from '../../kube/objects.js';

export type ContainerStatus = Wire<V1ContainerStatus>;
export type Container = Wire<V1Container>;

export interface ContainerState {
  pod: Pod;
  /** The container's spec, when the pod spec has it. */
  spec: Container | undefined;
  status: ContainerStatus;
  init: boolean;
  /** The path of this status in the pod, for evidence: `status.containerStatuses[name=web]`. */
  field: string;
}

/** Init containers first, then app containers, each with its spec and the path of its status. */
export function containerStates(pod: Pod): ContainerState[] {
  const init = (pod.status?.initContainerStatuses ?? []).map((status) => ({
    pod,
    spec: pod.spec?.initContainers?.find((container) => container.name === status.name),
    status,
    init: true,
    field: `status.initContainerStatuses[name=${status.name}]`,
  }));
  const app = (pod.status?.containerStatuses ?? []).map((status) => ({
    pod,
    spec: pod.spec?.containers.find((container) => container.name === status.name),
    status,
    init: false,
    field: `status.containerStatuses[name=${status.name}]`,
  }));
  return [...init, ...app];
}
