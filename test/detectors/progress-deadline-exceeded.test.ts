import { describe, expect, it } from 'vitest';
import { progressDeadlineExceededDetector } from '../../backend/src/detectors/progress-deadline-exceeded.js';
import type { Deployment, KubeObject } from '../../backend/src/kube/objects.js';
import { snapshotOf } from '../support/snapshot.js';
import { scenarioInputs, scenarioSnapshot } from './fixture-snapshot.js';

const detect = progressDeadlineExceededDetector.detect;

/** A scenario's objects with its Deployment changed, on a copy. */
function withDeployment(id: string, change: (deployment: Deployment) => void): KubeObject[] {
  return scenarioInputs(id).objects.map((object) => {
    if (object.kind !== 'Deployment') return object;
    const copy = structuredClone(object) as Deployment;
    change(copy);
    return copy;
  });
}

describe('progressDeadlineExceededDetector', () => {
  it('reports a rollout whose new pods never became available', () => {
    const symptoms = detect(scenarioSnapshot('unschedulable-insufficient-memory'));
    expect(symptoms).toHaveLength(1);
    const [symptom] = symptoms;
    expect(symptom?.type).toBe('ProgressDeadlineExceeded');
    expect(symptom?.resource).toEqual({
      group: 'apps',
      kind: 'Deployment',
      namespace: 'analytics',
      name: 'analytics-api',
    });
    expect(symptom?.params).toEqual({
      replicaSet: 'analytics-api-7c9f6d8b54',
      progressDeadlineSeconds: 600,
      unavailableReplicas: 1,
    });
    expect(symptom?.message).toBe(
      'Deployment analytics/analytics-api did not finish its rollout within 600s: ReplicaSet analytics-api-7c9f6d8b54 timed out with 1 of 3 replicas updated and 1 unavailable.',
    );
    expect(symptom?.evidence).toEqual([
      expect.objectContaining({
        field: 'status.conditions[type=Progressing].reason',
        value: 'ProgressDeadlineExceeded',
      }),
      expect.objectContaining({
        field: 'status.conditions[type=Progressing].message',
        value: 'ReplicaSet "analytics-api-7c9f6d8b54" has timed out progressing.',
      }),
    ]);
  });

  it('reports a rollout that could not create a single pod while the old ones serve', () => {
    const [symptom] = detect(scenarioSnapshot('quota-exceeded-failedcreate'));
    expect(symptom?.params).toEqual({
      replicaSet: 'payouts-api-6d4b8f7c95',
      progressDeadlineSeconds: 600,
      unavailableReplicas: 0,
    });
    expect(symptom?.message).toContain('timed out with 0 of 3 replicas updated and 0 unavailable');
  });

  it('uses the deadline the Deployment sets, and Kubernetes’ default without one', () => {
    const custom = withDeployment('image-registry-mirror', (deployment) => {
      if (deployment.spec) deployment.spec.progressDeadlineSeconds = 1200;
    });
    expect(detect(snapshotOf(custom))[0]?.params.progressDeadlineSeconds).toBe(1200);
    const unset = withDeployment('image-registry-mirror', (deployment) => {
      delete deployment.spec?.progressDeadlineSeconds;
    });
    expect(detect(snapshotOf(unset))[0]?.params.progressDeadlineSeconds).toBe(600);
  });

  it('leaves replicaSet out when the condition does not name one', () => {
    const objects = withDeployment('image-registry-mirror', (deployment) => {
      const condition = deployment.status?.conditions?.find((candidate) => candidate.type === 'Progressing');
      if (condition) delete condition.message;
    });
    const [symptom] = detect(snapshotOf(objects));
    expect(symptom?.params).toEqual({ progressDeadlineSeconds: 600, unavailableReplicas: 2 });
    expect(symptom?.message).toContain('its new ReplicaSet timed out');
    expect(symptom?.evidence).toHaveLength(1);
  });

  it.each([
    [
      'a rollout still in progress',
      (deployment: Deployment) => {
        const condition = deployment.status?.conditions?.find(
          (candidate) => candidate.type === 'Progressing',
        );
        if (condition) {
          condition.status = 'True';
          condition.reason = 'ReplicaSetUpdated';
        }
      },
    ],
    [
      'a paused rollout',
      (deployment: Deployment) => {
        const condition = deployment.status?.conditions?.find(
          (candidate) => candidate.type === 'Progressing',
        );
        if (condition) {
          condition.status = 'Unknown';
          condition.reason = 'DeploymentPaused';
        }
      },
    ],
  ])('finds nothing for %s', (_label, change) => {
    expect(detect(snapshotOf(withDeployment('image-registry-mirror', change)))).toEqual([]);
  });

  it('finds nothing for a Deployment whose rollout finished', () => {
    expect(detect(scenarioSnapshot('oom-raise-memory'))).toEqual([]);
  });
});
