import type { V1ContainerStatus } from '@kubernetes/client-node';
import { newestFirst, type Pod, type Wire } from './objects.js';

export interface LogRequest {
  namespace: string;
  pod: string;
  container: string;
  previous: boolean;
}

type ContainerStatus = Wire<V1ContainerStatus>;

/** Waiting reasons of containers that never ran: they have no log to read. */
const neverStarted = new Set([
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'ErrImageNeverPull',
  'CreateContainerConfigError',
  'CreateContainerError',
  'ContainerCreating',
  'PodInitializing',
]);

/** What makes two containers fail the same way; empty when the container looks healthy. */
function failureSignature(status: ContainerStatus): string {
  const waiting = status.state?.waiting?.reason;
  if (waiting && neverStarted.has(waiting)) return '';
  const terminated = status.state?.terminated ?? status.lastState?.terminated;
  if (terminated && (terminated.exitCode !== 0 || terminated.reason === 'OOMKilled')) {
    return `${terminated.reason ?? 'Terminated'}:${terminated.exitCode}`;
  }
  if (waiting) return waiting;
  if ((status.restartCount ?? 0) > 0) return 'Restarted';
  if (status.state?.running && status.ready === false) return 'NotReady';
  return '';
}

function ownerName(pod: Pod): string {
  const owner = pod.metadata?.ownerReferences?.find((reference) => reference.controller);
  return owner ? `${owner.kind}/${owner.name}` : `Pod/${pod.metadata?.name}`;
}

/**
 * Which container logs to read: one container per distinct failure (workload, container, signature),
 * newest pod first, at most `limit`; for each, its previous instance when it restarted and its current
 * one when it is running or ended.
 */
export function selectLogs(pods: readonly Pod[], limit: number): LogRequest[] {
  const newest = [...pods].sort(newestFirst);
  const seen = new Set<string>();
  const requests: LogRequest[] = [];
  for (const pod of newest) {
    const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
    for (const status of statuses) {
      const signature = failureSignature(status);
      if (!signature) continue;
      const key = `${pod.metadata?.namespace}/${ownerName(pod)}/${status.name}/${signature}`;
      if (seen.has(key) || seen.size >= limit) continue;
      seen.add(key);
      const base = {
        namespace: pod.metadata?.namespace ?? '',
        pod: pod.metadata?.name ?? '',
        container: status.name,
      };
      if (status.lastState?.terminated) requests.push({ ...base, previous: true });
      if (status.state?.running || status.state?.terminated) requests.push({ ...base, previous: false });
    }
  }
  return requests;
}
