import type { ContainerState } from './containers.js';

/**
 * A native sidecar: an init container with restartPolicy Always keeps running beside the app
 * containers, so its failures are an app container's failures, not a blocked initialization.
 */
export function isSidecar(state: ContainerState): boolean {
  return state.init && state.spec?.restartPolicy === 'Always';
}

/** `container web` or `init container migrate`, as a sentence names it. */
export function containerLabel(state: ContainerState): string {
  return `${state.init && !isSidecar(state) ? 'init container' : 'container'} ${state.status.name}`;
}

/** The path of the container in the pod spec, for evidence: `spec.initContainers[name=migrate]`. */
export function containerSpecField(state: ContainerState): string {
  return `spec.${state.init ? 'initContainers' : 'containers'}[name=${state.status.name}]`;
}
