import type { Symptom, SymptomType } from '../detectors/symptom.js';
import { type ResourceRef, refKey, refOf } from '../kube/objects.js';
import type { ClusterSnapshot } from '../kube/snapshot.js';
import { indexSnapshot } from '../kube/snapshot-index.js';

/**
 * Causes before effects. Controllers that cannot create pods come before pods that cannot start;
 * pods that cannot start before the workload that therefore misses its deadline; and the fallback
 * Degraded, which only repeats Argo CD's health message, last.
 */
const causalOrder: readonly SymptomType[] = [
  'SyncFailed',
  'ComparisonError',
  'FailedCreate',
  'PVCPending',
  'Unschedulable',
  'FailedMount',
  'CreateContainerConfigError',
  'ImagePullBackOff',
  'InitContainerFailed',
  'RunContainerError',
  'OOMKilled',
  'CrashLoopBackOff',
  'ProbeFailed',
  'Evicted',
  'JobFailed',
  'ProgressDeadlineExceeded',
  'IngressMisconfigured',
  'ServiceNoEndpoints',
  'HPAMetricsUnavailable',
  'Degraded',
];

/** Argo CD's own failures outrank everything only while the live state is not what Git says. */
function liveStateDiffersFromGit(snapshot: ClusterSnapshot): boolean {
  const status = snapshot.application.status;
  const phase = status?.operationState?.phase;
  return status?.sync?.status !== 'Synced' || phase === 'Failed' || phase === 'Error';
}

function typeRank(type: SymptomType, argoFirst: boolean): number {
  const position = causalOrder.indexOf(type);
  if (!argoFirst && (type === 'SyncFailed' || type === 'ComparisonError')) {
    return causalOrder.indexOf('ProgressDeadlineExceeded') + 0.5;
  }
  return position;
}

/** The workload a symptom belongs to, so symptoms of one workload can be compared. */
function workloadKey(snapshot: ClusterSnapshot, resource: ResourceRef): string {
  const index = indexSnapshot(snapshot);
  const object = index.find(resource);
  return object ? refKey(refOf(index.topOwner(object))) : refKey(resource);
}

/** Is `resource` the target, one of its owners, or owned by it? */
function concernsTarget(snapshot: ClusterSnapshot, resource: ResourceRef, target: ResourceRef): boolean {
  if (refKey(resource) === refKey(target)) return true;
  const index = indexSnapshot(snapshot);
  const object = index.find(resource);
  const targetObject = index.find(target);
  if (!object || !targetObject) return false;
  return index.ownerChain(object).includes(targetObject) || index.ownerChain(targetObject).includes(object);
}

/**
 * Orders symptoms root cause first. Deterministic: ties fall back to the resource and the message.
 * A failing liveness or startup probe is the cause of the crash loop it provokes in the same container.
 */
export function rankSymptoms(snapshot: ClusterSnapshot, symptoms: readonly Symptom[]): Symptom[] {
  const argoFirst = liveStateDiffersFromGit(snapshot);
  const crashLoops = new Set(
    symptoms
      .filter((symptom) => symptom.type === 'CrashLoopBackOff')
      .map((symptom) => `${workloadKey(snapshot, symptom.resource)}/${symptom.params.container}`),
  );
  const rankOf = (symptom: Symptom): number => {
    const probeKillsContainer =
      symptom.type === 'ProbeFailed' &&
      symptom.params.probe !== 'readiness' &&
      crashLoops.has(`${workloadKey(snapshot, symptom.resource)}/${symptom.params.container}`);
    return probeKillsContainer
      ? typeRank('CrashLoopBackOff', argoFirst) - 0.5
      : typeRank(symptom.type, argoFirst);
  };
  const target = snapshot.target;
  const keyed = symptoms.map((symptom) => ({
    symptom,
    related: target ? (concernsTarget(snapshot, symptom.resource, target) ? 0 : 1) : 0,
    rank: rankOf(symptom),
    resource: refKey(symptom.resource),
  }));
  keyed.sort(
    (a, b) =>
      a.related - b.related ||
      a.rank - b.rank ||
      a.resource.localeCompare(b.resource) ||
      a.symptom.message.localeCompare(b.symptom.message),
  );
  return keyed.map(({ symptom }) => symptom);
}
