import type { ClusterSnapshot, ContainerLog } from '../../kube/snapshot.js';
import { indexSnapshot } from '../../kube/snapshot-index.js';
import type { ContainerState } from './containers.js';

/**
 * The log of the container's last finished run. A container that is terminated now wrote it in its
 * current instance; one that is waiting to restart wrote it in the previous instance (for a waiting
 * container the kubelet also serves that run as the current log, hence the fallback).
 */
export function lastRunLog(snapshot: ClusterSnapshot, state: ContainerState): ContainerLog | undefined {
  const { current, previous } = indexSnapshot(snapshot).logsOf(
    state.pod.metadata?.namespace ?? '',
    state.pod.metadata?.name ?? '',
    state.status.name,
  );
  return state.status.state?.terminated ? (current ?? previous) : (previous ?? current);
}
