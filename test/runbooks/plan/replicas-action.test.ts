import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../backend/src/kube/objects.js';
import { PlanError, planFix } from '../../../backend/src/runbooks/plan/index.js';
import { object, podSpec, runbookWith, snapshotWith, symptomOf } from './plan-fixtures.js';

const spec = podSpec([{ name: 'app', image: 'app:1' }]);
const scaleTo = runbookWith([{ setReplicas: { replicas: 3 } }]);

function workload(apiVersion: string, kind: string): { top: KubeObject; pod: KubeObject; all: KubeObject[] } {
  const top = object(apiVersion, kind, 'app', { replicas: 1, template: { spec } });
  const pod = object('v1', 'Pod', 'app-x', spec, top);
  return { top, pod, all: [top, pod] };
}

describe('setReplicas', () => {
  it.each([
    ['apps/v1', 'Deployment'],
    ['apps/v1', 'StatefulSet'],
    ['argoproj.io/v1alpha1', 'Rollout'],
  ])('sets spec.replicas of a %s %s', (apiVersion, kind) => {
    const { top, pod, all } = workload(apiVersion, kind);
    const plan = planFix(snapshotWith(all, [top]), symptomOf(pod), scaleTo);
    expect(plan.edits.map((edit) => [edit.path, edit.from, edit.to])).toEqual([['spec.replicas', 1, 3]]);
  });

  it.each([
    ['apps/v1', 'DaemonSet', 'DaemonSet shop/app runs one pod per node; it has no replica count.'],
    ['batch/v1', 'Job', 'Job shop/app has no replica count.'],
  ])('refuses a %s %s', (apiVersion, kind, message) => {
    const { top, pod, all } = workload(apiVersion, kind);
    expect(() => planFix(snapshotWith(all, [top]), symptomOf(pod), scaleTo)).toThrow(
      new PlanError(`setReplicas: ${message}`),
    );
  });

  it('refuses a workload an HPA scales, whose count the HPA would override', () => {
    const { top, pod, all } = workload('apps/v1', 'Deployment');
    const hpa = object('autoscaling/v2', 'HorizontalPodAutoscaler', 'app-hpa', {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'app' },
    });
    expect(() => planFix(snapshotWith([...all, hpa], [top, hpa]), symptomOf(pod), scaleTo)).toThrow(
      'setReplicas: HorizontalPodAutoscaler shop/app-hpa scales Deployment shop/app and would override spec.replicas; change its minReplicas instead.',
    );
  });

  it('is not fooled by an HPA of another workload', () => {
    const { top, pod, all } = workload('apps/v1', 'Deployment');
    const hpa = object('autoscaling/v2', 'HorizontalPodAutoscaler', 'other', {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'app' },
    });
    expect(planFix(snapshotWith([...all, hpa], [top, hpa]), symptomOf(pod), scaleTo).edits).toHaveLength(1);
  });
});
