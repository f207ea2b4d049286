import { describe, expect, it } from 'vitest';
import { applyEdits, type FixPlan, PlanError, planFix } from '../../../backend/src/runbooks/plan/index.js';
import { deploymentChain, podSpec, runbookWith, snapshotWith, symptomOf } from './plan-fixtures.js';

const env = [
  { name: 'LOG_LEVEL', value: 'info' },
  { name: 'EMPTY' },
  { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
  { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
];

function planEnv(name: string, value: string): { plan: FixPlan; deployment: Record<string, unknown> } {
  const { deployment, pod, all } = deploymentChain(podSpec([{ name: 'wait-for-db', image: 'busybox', env }]));
  const runbook = runbookWith([{ setEnv: { name, value } }]);
  return {
    plan: planFix(snapshotWith(all, [deployment]), symptomOf(pod, { container: 'wait-for-db' }), runbook),
    deployment,
  };
}

const containerPath = 'spec.template.spec.containers[name=wait-for-db]';

describe('setEnv', () => {
  it.each([
    ['LOG_LEVEL', 'debug', 'info'],
    ['EMPTY', 'set', undefined],
    ['WAIT_TIMEOUT', '300s', undefined],
  ])('sets %s to %s at env[name=...].value, from %j', (name, value, from) => {
    const { plan, deployment } = planEnv(name, value);
    const edit = {
      object: plan.target,
      path: `${containerPath}.env[name=${name}].value`,
      to: value,
      action: 'setEnv',
    };
    expect(plan.edits).toEqual([from === undefined ? edit : { ...edit, from }]);
    const written = applyEdits(deployment, plan.edits) as {
      spec: { template: { spec: { containers: { env: unknown[] }[] } } };
    };
    expect(written.spec.template.spec.containers[0]?.env).toContainEqual({ name, value });
  });

  it('appends a new variable after the others', () => {
    const { plan, deployment } = planEnv('WAIT_TIMEOUT', '300s');
    const written = applyEdits(deployment, plan.edits) as {
      spec: { template: { spec: { containers: { env: unknown[] }[] } } };
    };
    expect(written.spec.template.spec.containers[0]?.env).toEqual([
      ...env,
      { name: 'WAIT_TIMEOUT', value: '300s' },
    ]);
  });

  it.each([
    ['DB_PASSWORD', 'secretKeyRef'],
    ['POD_IP', 'fieldRef'],
  ])('leaves %s, which comes from %s, alone', (name, source) => {
    expect(() => planEnv(name, 'literal')).toThrow(
      new PlanError(
        `setEnv: ${name} of container wait-for-db of Deployment shop/web comes from ${source}; a runbook does not replace it with a literal.`,
      ),
    );
  });

  it('changes nothing when the variable already has the value', () => {
    expect(() => planEnv('LOG_LEVEL', 'info')).toThrow('there is nothing to change');
  });
});
