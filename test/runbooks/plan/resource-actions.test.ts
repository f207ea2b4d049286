import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareQuantities, parseQuantity, type Quantity } from '../../../backend/src/kube/quantity.js';
import type { ActionArguments } from '../../../backend/src/runbooks/plan/index.js';
import { applyEdits, type FixPlan, PlanError, planFix } from '../../../backend/src/runbooks/plan/index.js';
import { deploymentChain, podSpec, runbookWith, snapshotWith, symptomOf } from './plan-fixtures.js';

type Resources = { requests?: Record<string, string>; limits?: Record<string, string> };

function planFor(resources: Resources, action: ActionArguments<'setResources'>): FixPlan {
  const { deployment, pod, all } = deploymentChain(podSpec([{ name: 'web', image: 'web:1', resources }]));
  return planFix(
    snapshotWith(all, [deployment]),
    symptomOf(pod, { container: 'web' }),
    runbookWith([{ setResources: action }]),
  );
}

/** `limits.memory` → [from, to] for each edit. */
function changes(plan: FixPlan): Record<string, [unknown, unknown]> {
  const prefix = 'spec.template.spec.containers[name=web].resources.';
  return Object.fromEntries(plan.edits.map((edit) => [edit.path.replace(prefix, ''), [edit.from, edit.to]]));
}

function quantity(text: string): Quantity {
  const parsed = parseQuantity(text);
  if (!parsed) throw new Error(`test quantity ${text} does not parse`);
  return parsed;
}

describe('setResources', () => {
  it.each<[string, Resources, ActionArguments<'setResources'>, Record<string, [unknown, unknown]>]>([
    [
      'doubles a limit in its unit',
      { limits: { memory: '256Mi' } },
      { limits: { memory: 'x2' } },
      { 'limits.memory': ['256Mi', '512Mi'] },
    ],
    [
      'keeps millicores',
      { requests: { cpu: '500m' } },
      { requests: { cpu: 'x2' } },
      { 'requests.cpu': ['500m', '1000m'] },
    ],
    [
      'goes one unit down for a fraction',
      { limits: { memory: '3Mi' } },
      { limits: { memory: 'x1.5' } },
      { 'limits.memory': ['3Mi', '4608Ki'] },
    ],
    [
      'writes the cap as the runbook spells it',
      { limits: { memory: '1536Mi' } },
      { limits: { memory: 'x2' }, max: { memory: '2Gi' } },
      { 'limits.memory': ['1536Mi', '2Gi'] },
    ],
    [
      'writes the cap in Mi when the runbook does',
      { limits: { memory: '1536Mi' } },
      { limits: { memory: 'x2' }, max: { memory: '2048Mi' } },
      { 'limits.memory': ['1536Mi', '2048Mi'] },
    ],
    [
      'writes a fractional cap as spelled, not rewritten',
      { limits: { memory: '1Gi' } },
      { limits: { memory: 'x2' }, max: { memory: '1.5Gi' } },
      { 'limits.memory': ['1Gi', '1.5Gi'] },
    ],
    [
      'keeps its own unit when it reaches the cap exactly',
      { limits: { memory: '512Mi' } },
      { limits: { memory: 'x2' }, max: { memory: '1Gi' } },
      { 'limits.memory': ['512Mi', '1024Mi'] },
    ],
    [
      'caps an absolute quantity too',
      { requests: { memory: '12Gi' } },
      { requests: { memory: '8Gi' }, max: { memory: '3Gi' } },
      { 'requests.memory': ['12Gi', '3Gi'] },
    ],
    [
      'adds a request and a limit the container lacks',
      { requests: { cpu: '2', memory: '1Gi' }, limits: { memory: '3Gi' } },
      { requests: { 'ephemeral-storage': '10Gi' }, limits: { 'ephemeral-storage': '40Gi' } },
      { 'requests.ephemeral-storage': [undefined, '10Gi'], 'limits.ephemeral-storage': [undefined, '40Gi'] },
    ],
    [
      'lowers with a factor below one, cap or no cap',
      { requests: { cpu: '2' } },
      { requests: { cpu: 'x0.5' } },
      { 'requests.cpu': ['2', '1'] },
    ],
    [
      'skips what already has the value, however it is spelled',
      { requests: { memory: '1024Mi', cpu: '100m' } },
      { requests: { memory: '1Gi', cpu: '200m' } },
      { 'requests.cpu': ['100m', '200m'] },
    ],
    [
      'escapes a resource name with dots',
      { limits: { 'nvidia.com/gpu': '1' } },
      { limits: { 'nvidia.com/gpu': 'x2' } },
      { 'limits.nvidia\\.com/gpu': ['1', '2'] },
    ],
    [
      'raises a request and its limit together',
      { requests: { memory: '1Gi' }, limits: { memory: '1Gi' } },
      { requests: { memory: 'x2' }, limits: { memory: 'x2' } },
      { 'requests.memory': ['1Gi', '2Gi'], 'limits.memory': ['1Gi', '2Gi'] },
    ],
  ])('%s', (_, resources, action, expected) => {
    expect(changes(planFor(resources, action))).toEqual(expected);
  });

  it('changes nothing but the resources it names', () => {
    const { deployment, pod, all } = deploymentChain(
      podSpec([
        {
          name: 'web',
          image: 'web:1',
          resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
        },
      ]),
    );
    const plan = planFix(
      snapshotWith(all, [deployment]),
      symptomOf(pod, { container: 'web' }),
      runbookWith([{ setResources: { limits: { memory: 'x2' }, max: { memory: '1Gi' } } }]),
    );
    const expected = structuredClone(deployment) as {
      spec: { template: { spec: { containers: { resources: Resources }[] } } };
    };
    const container = expected.spec.template.spec.containers[0];
    if (container?.resources.limits) container.resources.limits.memory = '512Mi';
    expect(applyEdits(deployment, plan.edits)).toEqual(expected);
  });

  it.each<[string, Resources, ActionArguments<'setResources'>, string]>([
    [
      'a multiplier of an absent value',
      { requests: { memory: '128Mi' } },
      { limits: { memory: 'x2' } },
      'the memory limit of container web of Deployment shop/web is not set, so x2 has nothing to multiply.',
    ],
    [
      'a value above the cap already',
      { limits: { memory: '3Gi' } },
      { limits: { memory: 'x2' }, max: { memory: '2Gi' } },
      "the memory limit of container web of Deployment shop/web is already 3Gi, above the runbook's max of 2Gi; x2 must not lower it.",
    ],
    [
      'a request above its limit',
      { requests: { memory: '768Mi' }, limits: { memory: '1Gi' } },
      { requests: { memory: 'x2' } },
      'the memory request of container web of Deployment shop/web would be 1536Mi, above its limit of 1Gi, which Kubernetes rejects.',
    ],
    [
      'a limit below its request',
      { requests: { cpu: '1' }, limits: { cpu: '1' } },
      { limits: { cpu: '500m' } },
      'the cpu request of container web of Deployment shop/web would be 1, above its limit of 500m, which Kubernetes rejects.',
    ],
    ['no amounts', {}, { max: {} }, 'the action names no requests or limits to set.'],
    [
      'a cap on a resource it does not set',
      { limits: { memory: '1Gi' } },
      { limits: { memory: 'x2' }, max: { cpu: '2' } },
      'max names cpu, which the action neither requests nor limits.',
    ],
    [
      'an amount that is no quantity',
      {},
      { limits: { memory: 'lots' } },
      'lots for memory is neither a quantity nor a multiplier like x2.',
    ],
    [
      'a multiplier of zero',
      { limits: { memory: '1Gi' } },
      { limits: { memory: 'x0' } },
      'x0 for memory is neither a quantity nor a multiplier like x2.',
    ],
    [
      'a cap that is no quantity',
      { limits: { memory: '1Gi' } },
      { limits: { memory: 'x2' }, max: { memory: '2GB' } },
      'the max 2GB for memory is not a quantity.',
    ],
    [
      'a live value that is no quantity',
      { limits: { memory: 'huge' } },
      { limits: { memory: 'x2' } },
      'the memory limit of container web of Deployment shop/web, huge, is not a quantity.',
    ],
  ])('refuses %s', (_, resources, action, message) => {
    expect(() => planFor(resources, action)).toThrow(new PlanError(`setResources: ${message}`));
  });

  it('refuses a plan that is capped at the value the container already has', () => {
    expect(() =>
      planFor({ limits: { memory: '1Gi' } }, { limits: { memory: 'x2' }, max: { memory: '1Gi' } }),
    ).toThrow('Deployment shop/web already has what runbook test-runbook sets; there is nothing to change.');
  });

  it('never goes above the cap, and never below the current value when it multiplies by more than one', () => {
    const memory = fc
      .tuple(fc.integer({ min: 1, max: 4096 }), fc.constantFrom('Ki', 'Mi', 'Gi', 'M', 'G', ''))
      .map(([count, suffix]) => `${count}${suffix}`);
    const factor = fc
      .integer({ min: 11, max: 40 })
      .map((tenths) => `x${Math.floor(tenths / 10)}.${tenths % 10}`);
    fc.assert(
      fc.property(memory, factor, memory, (current, multiplier, max) => {
        let plan: FixPlan;
        try {
          plan = planFor(
            { limits: { memory: current } },
            { limits: { memory: multiplier }, max: { memory: max } },
          );
        } catch (error) {
          // Refused only when the current value is already at or above the cap.
          expect(error).toBeInstanceOf(PlanError);
          expect(compareQuantities(quantity(current), quantity(max))).toBeGreaterThanOrEqual(0);
          return;
        }
        const written = String(plan.edits[0]?.to);
        expect(compareQuantities(quantity(written), quantity(max))).toBeLessThanOrEqual(0);
        expect(compareQuantities(quantity(written), quantity(current))).toBeGreaterThan(0);
        expect(written).toMatch(/^\d+(Ki|Mi|Gi|M|G|k|m|u|n)?$/);
      }),
    );
  });
});
