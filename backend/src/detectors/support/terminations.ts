import type { V1ContainerStateTerminated } from '@kubernetes/client-node';
import type { Wire } from '../../kube/objects.js';

export type Termination = Wire<V1ContainerStateTerminated>;

/**
 * Terminations whose cause has a symptom type of its own: the kernel's OOM kill (OOMKilled) and a
 * process the runtime could not start (StartError, a RunContainerError). A crash loop or a failed
 * init container made of these is reported as that cause, once.
 */
const REPORTED_AS_THEIR_CAUSE = new Set(['OOMKilled', 'StartError']);

export function isReportedAsItsCause(termination: Termination | undefined): boolean {
  return REPORTED_AS_THEIR_CAUSE.has(termination?.reason ?? '');
}

/** `code 1 (Error)`, or `code 1` when the runtime gave no reason. */
export function describeExit(termination: Termination): string {
  return termination.reason
    ? `code ${termination.exitCode} (${termination.reason})`
    : `code ${termination.exitCode}`;
}
