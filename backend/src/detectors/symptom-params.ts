import type { SymptomType } from './symptom.js';

/**
 * The params each symptom type can carry, read off its detector (the `params` it builds), so that a
 * runbook's `when` can be checked before it silently never matches. A param is listed when the
 * detector sets it in some case; a given symptom may lack the optional ones.
 */
export const SYMPTOM_PARAMS: { readonly [Type in SymptomType]: readonly string[] } = {
  ImagePullBackOff: ['image', 'registry', 'repository', 'tag', 'digest', 'cause', 'container', 'reason'],
  CrashLoopBackOff: ['container', 'exitCode', 'reason', 'restartCount', 'logExcerpt'],
  OOMKilled: ['container', 'memoryLimit', 'restartCount'],
  CreateContainerConfigError: ['container', 'missingKind', 'missingName', 'missingKey'],
  RunContainerError: ['container', 'reason', 'message'],
  InitContainerFailed: ['container', 'exitCode', 'reason', 'logExcerpt'],
  FailedMount: ['volume', 'detail', 'missingKind', 'missingName'],
  Unschedulable: ['cause', 'nodes', 'resource', 'requested', 'container', 'taint', 'selector'],
  ProbeFailed: ['probe', 'container', 'detail', 'path', 'port'],
  Evicted: ['resource', 'container', 'usage', 'request', 'node'],
  ProgressDeadlineExceeded: ['progressDeadlineSeconds', 'unavailableReplicas', 'replicaSet'],
  FailedCreate: ['cause', 'quota', 'requested', 'used', 'limited', 'serviceAccount', 'policy', 'container'],
  JobFailed: ['reason', 'failed', 'backoffLimit', 'exitCode', 'container'],
  ServiceNoEndpoints: ['cause', 'selector', 'matchingPods', 'readyPods'],
  IngressMisconfigured: ['cause', 'service', 'port', 'ingressClass', 'secret', 'host'],
  PVCPending: ['storageClass', 'cause', 'detail'],
  HPAMetricsUnavailable: ['reason', 'metric', 'target', 'missingRequests', 'container'],
  SyncFailed: ['cause', 'detail', 'phase', 'revision'],
  ComparisonError: ['cause', 'detail'],
  Degraded: ['healthMessage', 'kind'],
};

export function canCarryParam(type: SymptomType, param: string): boolean {
  return SYMPTOM_PARAMS[type].includes(param);
}
