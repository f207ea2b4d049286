import type { Deployment } from '../kube/objects.js';
import { describeRef, refOf } from '../kube/objects.js';
import type { ClusterSnapshot } from '../kube/snapshot.js';
import type { Detector } from './detector.js';
import { statusEvidence } from './evidence.js';
import type { ParamValue, Symptom } from './symptom.js';

/** Kubernetes' default when a Deployment does not set spec.progressDeadlineSeconds. */
const DEFAULT_DEADLINE_SECONDS = 600;

const FIELD = 'status.conditions[type=Progressing]';

function symptomOf(deployment: Deployment): Symptom | undefined {
  const condition = deployment.status?.conditions?.find((candidate) => candidate.type === 'Progressing');
  if (condition?.status !== 'False' || condition.reason !== 'ProgressDeadlineExceeded') return undefined;
  const replicaSet = /ReplicaSet "([^"]+)"/.exec(condition.message ?? '')?.[1];
  const deadline = deployment.spec?.progressDeadlineSeconds ?? DEFAULT_DEADLINE_SECONDS;
  const unavailable = deployment.status?.unavailableReplicas ?? 0;
  const desired = deployment.spec?.replicas ?? 1;
  const params: Record<string, ParamValue> = {
    progressDeadlineSeconds: deadline,
    unavailableReplicas: unavailable,
  };
  if (replicaSet) params.replicaSet = replicaSet;
  const resource = refOf(deployment);
  const rollout = replicaSet ? `ReplicaSet ${replicaSet}` : 'its new ReplicaSet';
  const updated = deployment.status?.updatedReplicas ?? 0;
  return {
    type: 'ProgressDeadlineExceeded',
    resource,
    message: `${describeRef(resource)} did not finish its rollout within ${deadline}s: ${rollout} timed out with ${updated} of ${desired} replicas updated and ${unavailable} unavailable.`,
    params,
    evidence: [
      statusEvidence(deployment, `${FIELD}.reason`, condition.reason),
      ...(condition.message ? [statusEvidence(deployment, `${FIELD}.message`, condition.message)] : []),
    ],
  };
}

/** Deployments whose rollout stalled past progressDeadlineSeconds (Progressing=False). */
export const progressDeadlineExceededDetector: Detector = {
  type: 'ProgressDeadlineExceeded',
  detect(snapshot: ClusterSnapshot): Symptom[] {
    return [...snapshot.deployments]
      .sort((a, b) => describeRef(refOf(a)).localeCompare(describeRef(refOf(b))))
      .map(symptomOf)
      .filter((symptom): symptom is Symptom => symptom !== undefined);
  },
};
