import type { Event } from '../../kube/objects.js';
import type { ClusterSnapshot } from '../../kube/snapshot.js';
import { indexSnapshot } from '../../kube/snapshot-index.js';
import type { ContainerState } from './containers.js';

/** How the kubelet names a container in an event's involvedObject.fieldPath. */
export function containerFieldPath(state: ContainerState): string {
  return `${state.init ? 'spec.initContainers' : 'spec.containers'}{${state.status.name}}`;
}

/** The kubelet's events about one container of the pod, newest first. */
export function containerEvents(snapshot: ClusterSnapshot, state: ContainerState): Event[] {
  const fieldPath = containerFieldPath(state);
  return indexSnapshot(snapshot)
    .eventsFor(state.pod)
    .filter((event) => event.involvedObject.fieldPath === fieldPath);
}

/** The kubelet's newest `Back-off restarting failed container` event about the container. */
export function restartBackOffEvent(snapshot: ClusterSnapshot, state: ContainerState): Event | undefined {
  return containerEvents(snapshot, state).find(
    (event) =>
      event.reason === 'BackOff' && (event.message ?? '').startsWith('Back-off restarting failed container'),
  );
}
