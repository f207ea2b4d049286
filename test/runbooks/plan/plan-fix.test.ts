import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../backend/src/kube/objects.js';
import { PlanError, planFix } from '../../../backend/src/runbooks/plan/index.js';
import type { Action } from '../../../backend/src/runbooks/schema.js';
import { deploymentChain, object, podSpec, runbookWith, snapshotWith, symptomOf } from './plan-fixtures.js';

const web = {
  name: 'web',
  image: 'registry-a.example.com/shop/web:1.4.2',
  env: [{ name: 'LOG_LEVEL', value: 'info' }],
  resources: { limits: { memory: '256Mi' } },
};
const { deployment, pod, all } = deploymentChain(podSpec([web]));
const snapshot = snapshotWith(all, [deployment]);
const symptom = symptomOf(pod, { container: 'web' });

describe('planFix', () => {
  it('plans every action, in order, on the object in Git', () => {
    const runbook = runbookWith(
      [
        { setResources: { limits: { memory: 'x2' } } },
        { setImageRegistry: { from: 'registry-a.example.com', to: 'registry-b.example.com' } },
        { setEnv: { name: 'LOG_LEVEL', value: 'debug' } },
      ],
      'auto',
    );
    expect(planFix(snapshot, symptom, runbook)).toEqual({
      runbook: 'test-runbook',
      symptom: {
        type: 'OOMKilled',
        resource: { group: '', kind: 'Pod', namespace: 'shop', name: 'web-7d9-x2k' },
      },
      target: { group: 'apps', kind: 'Deployment', namespace: 'shop', name: 'web', apiVersion: 'apps/v1' },
      edits: [
        expect.objectContaining({
          path: 'spec.template.spec.containers[name=web].resources.limits.memory',
          to: '512Mi',
        }),
        expect.objectContaining({
          path: 'spec.template.spec.containers[name=web].image',
          to: 'registry-b.example.com/shop/web:1.4.2',
        }),
        expect.objectContaining({
          path: 'spec.template.spec.containers[name=web].env[name=LOG_LEVEL].value',
          to: 'debug',
        }),
      ],
      revertLastChange: false,
      automation: 'auto',
    });
  });

  it('gives the same plan for the same input, and leaves the snapshot as it was', () => {
    const runbook = runbookWith([
      { setResources: { limits: { memory: 'x2' } } },
      { setReplicas: { replicas: 4 } },
    ]);
    const before = structuredClone(snapshot);
    expect(planFix(snapshot, symptom, runbook)).toEqual(planFix(snapshot, symptom, runbook));
    expect(snapshot).toEqual(before);
  });

  it('drops an action that changes nothing and keeps the others', () => {
    const runbook = runbookWith([
      { setEnv: { name: 'LOG_LEVEL', value: 'info' } },
      { setReplicas: { replicas: 3 } },
    ]);
    expect(planFix(snapshot, symptom, runbook).edits.map((edit) => edit.path)).toEqual(['spec.replicas']);
  });

  it.each<[string, Action[], string]>([
    [
      'the same field twice',
      [{ setEnv: { name: 'LOG_LEVEL', value: 'debug' } }, { setEnv: { name: 'LOG_LEVEL', value: 'trace' } }],
      'setEnv and setEnv both change spec.template.spec.containers[name=web].env[name=LOG_LEVEL].value; a plan changes each field once.',
    ],
    [
      'a field inside another one it changes',
      [
        { setImage: { image: 'registry-b.example.com/shop/web:2' } },
        {
          setField: {
            path: 'spec.template.spec.containers[name=web]',
            value: { name: 'web', image: 'nginx' },
          },
        },
      ],
      'setImage and setField both change spec.template.spec.containers[name=web].image and spec.template.spec.containers[name=web]; a plan changes each field once.',
    ],
  ])('refuses %s', (_, actions, message) => {
    expect(() => planFix(snapshot, symptom, runbookWith(actions))).toThrow(new PlanError(message));
  });

  it('names the failing action by its position when the runbook has several', () => {
    const runbook = runbookWith([
      { setReplicas: { replicas: 3 } },
      { setProbe: { probe: 'liveness', periodSeconds: 5 } },
    ]);
    expect(() => planFix(snapshot, symptom, runbook)).toThrow(
      new PlanError('action 2, setProbe: container web of Deployment shop/web has no liveness probe.'),
    );
  });

  it('refuses a runbook without actions', () => {
    expect(() => planFix(snapshot, symptom, runbookWith([]))).toThrow(
      new PlanError('runbook test-runbook has no actions, only text for a person.'),
    );
  });
});

describe('revertLastChange', () => {
  const revert = runbookWith([{ revertLastChange: {} }]);

  it('edits nothing and names the object in Git', () => {
    expect(planFix(snapshot, symptom, revert)).toMatchObject({
      target: { kind: 'Deployment', name: 'web' },
      edits: [],
      revertLastChange: true,
    });
  });

  it('names the Application when the symptom is about the Application itself', () => {
    const application = snapshot.application as unknown as KubeObject;
    expect(planFix(snapshot, symptomOf(application, {}, 'ComparisonError'), revert)).toMatchObject({
      target: {
        group: 'argoproj.io',
        kind: 'Application',
        namespace: 'argocd',
        name: 'shop',
        apiVersion: 'argoproj.io/v1alpha1',
      },
      edits: [],
      revertLastChange: true,
    });
  });

  it('names the Application when the symptom object never reached the cluster', () => {
    const neverApplied = object('apps/v1', 'Deployment', 'ledger', {});
    expect(planFix(snapshot, symptomOf(neverApplied, {}, 'SyncFailed'), revert).target.kind).toBe(
      'Application',
    );
  });

  it('goes with edits of other actions', () => {
    const runbook = runbookWith([{ revertLastChange: {} }, { setReplicas: { replicas: 1 } }]);
    expect(planFix(snapshot, symptom, runbook)).toMatchObject({
      revertLastChange: true,
      edits: [{ path: 'spec.replicas', to: 1 }],
    });
  });

  it('is the only action for a symptom about the Application', () => {
    const application = snapshot.application as unknown as KubeObject;
    const runbook = runbookWith([{ revertLastChange: {} }, { setReplicas: { replicas: 1 } }]);
    expect(() => planFix(snapshot, symptomOf(application, {}, 'ComparisonError'), runbook)).toThrow(
      new PlanError(
        'the symptom is about Application argocd/shop itself, not an object its source defines; only revertLastChange can answer it.',
      ),
    );
  });
});
