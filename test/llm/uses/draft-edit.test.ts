import { describe, expect, it } from 'vitest';
import { LlmError } from '../../../backend/src/llm/llm-error.js';
import { type DraftResult, draftEditQuestion } from '../../../backend/src/llm/uses/draft-edit.js';
import { applyEdits } from '../../../backend/src/runbooks/plan/index.js';
import type { Runbook } from '../../../backend/src/runbooks/schema.js';
import { type ScenarioCase, scenarioCase } from '../support/scenario-case.js';

const settings = { budget: 2000, anonymize: false };
const approve = scenarioCase('crashloop-missing-env-approve');
const CONTAINER = 'spec.template.spec.containers[name=api]';

function runbookOf(scenario: ScenarioCase): Runbook {
  const runbook = scenario.runbooks.runbooks.find(
    (candidate) => candidate.id === scenario.diagnosis.runbook?.id,
  );
  if (runbook) return runbook;
  const [any] = approve.runbooks.runbooks;
  if (!any) throw new Error('no runbook');
  return any;
}

function question(scenario: ScenarioCase = approve, anonymize = false) {
  const primary = scenario.diagnosis.primary;
  if (!primary) throw new Error('no primary symptom');
  return draftEditQuestion(
    {
      snapshot: scenario.snapshot,
      symptoms: scenario.diagnosis.symptoms,
      symptom: primary,
      runbook: runbookOf(scenario),
    },
    { ...settings, anonymize },
  );
}

function draft(edits: { path: string; value: string | number }[], scenario?: ScenarioCase): DraftResult {
  const asked = question(scenario);
  return asked.finish(asked.task.read(JSON.stringify({ edits, rationale: 'The log names the variable.' })));
}

function invalid(
  edits: { path: string; value: string | number }[],
  message: RegExp,
  scenario?: ScenarioCase,
): void {
  let failure: unknown;
  try {
    draft(edits, scenario);
  } catch (error) {
    failure = error;
  }
  expect(failure).toBeInstanceOf(LlmError);
  expect((failure as LlmError).failure).toBe('invalid');
  expect((failure as LlmError).message).toMatch(message);
}

describe('the drafted edit question', () => {
  it('lists the runbook’s words and the fields a draft may change, by their exact paths', () => {
    const { user } = question().task;
    expect(user).toContain('Runbook missing-env-var-approve-only says: Add the variable the log names');
    expect(user).toContain(
      'Object to edit: Deployment billing/subscriptions-api (apps/v1), as it is defined in Git.',
    );
    expect(user).toContain(`${CONTAINER}.image = "registry.example.com/billing/subscriptions-api:2.9.0"`);
    expect(user).toContain(`${CONTAINER}.env[name=LISTEN_ADDR].value = ":8080"`);
    expect(user).toContain(`${CONTAINER}.env[name=NEW_NAME].value sets a new variable NEW_NAME`);
    expect(user).toContain(`${CONTAINER}.readinessProbe.httpGet.port = "http"`);
    expect(user).toContain('spec.replicas = 3');
    expect(question().tokens).toBeLessThanOrEqual(2000);
  });

  it('turns an env edit into a fix plan that is marked drafted and always waits for approval', () => {
    const result = draft([
      { path: `${CONTAINER}.env[name=PAYMENT_GATEWAY_URL].value`, value: 'https://payments.example.com' },
    ]);
    expect(result.plan).toEqual({
      runbook: 'missing-env-var-approve-only',
      symptom: { type: 'CrashLoopBackOff', resource: approve.diagnosis.primary?.resource },
      target: {
        group: 'apps',
        kind: 'Deployment',
        namespace: 'billing',
        name: 'subscriptions-api',
        apiVersion: 'apps/v1',
      },
      edits: [
        {
          object: {
            group: 'apps',
            kind: 'Deployment',
            namespace: 'billing',
            name: 'subscriptions-api',
            apiVersion: 'apps/v1',
          },
          path: `${CONTAINER}.env[name=PAYMENT_GATEWAY_URL].value`,
          to: 'https://payments.example.com',
          action: 'setEnv',
        },
      ],
      revertLastChange: false,
      automation: 'approve',
      drafted: true,
      rationale: 'The log names the variable.',
    });
  });

  it('turns image, resources, probe and replica edits into the runbook actions that make them', () => {
    const result = draft([
      { path: `${CONTAINER}.image`, value: 'registry.example.com/billing/subscriptions-api:2.8.3' },
      { path: `${CONTAINER}.resources.limits.memory`, value: '512Mi' },
      { path: `${CONTAINER}.livenessProbe.initialDelaySeconds`, value: 30 },
      { path: `${CONTAINER}.readinessProbe.httpGet.port`, value: 8080 },
      { path: 'spec.replicas', value: 4 },
    ]);
    expect(result.plan?.edits.map((edit) => [edit.action, edit.path, edit.from, edit.to])).toEqual([
      [
        'setImage',
        `${CONTAINER}.image`,
        'registry.example.com/billing/subscriptions-api:2.9.0',
        'registry.example.com/billing/subscriptions-api:2.8.3',
      ],
      ['setResources', `${CONTAINER}.resources.limits.memory`, '256Mi', '512Mi'],
      ['setProbe', `${CONTAINER}.livenessProbe.initialDelaySeconds`, 10, 30],
      ['setProbe', `${CONTAINER}.readinessProbe.httpGet.port`, 'http', 8080],
      ['setReplicas', 'spec.replicas', 3, 4],
    ]);
    const deployment = approve.snapshot.deployments[0];
    expect(applyEdits(deployment, result.plan?.edits ?? [])).toBeTruthy();
  });

  it('answers no plan, with the model’s reason, when it drafts no edit', () => {
    const asked = question();
    expect(asked.finish(asked.task.read('{"edits": [], "rationale": "The value is a credential."}'))).toEqual(
      {
        plan: null,
        rationale: 'The value is a credential.',
      },
    );
  });

  it('rejects fields a draft may not change', () => {
    invalid(
      [{ path: 'metadata.labels.team', value: 'x' }],
      /drafted edit 1: metadata\.labels\.team: a drafted edit may change only/,
    );
    invalid(
      [{ path: `${CONTAINER}.command[0]`, value: '/bin/sh' }],
      /may change only spec\.replicas and, per container/,
    );
    invalid([{ path: `${CONTAINER}.securityContext.privileged`, value: 'true' }], /may change only/);
  });

  it('rejects a container the object does not have, or one named at the wrong place', () => {
    invalid(
      [{ path: 'spec.template.spec.containers[name=worker].image', value: 'x:1' }],
      /has no container named worker \(it has api\)/,
    );
    invalid(
      [{ path: 'spec.containers[name=api].image', value: 'x:1' }],
      /container api is at spec\.template\.spec\.containers\[name=api\], not spec\.containers\[name=api\]/,
    );
    invalid([{ path: 'spec.template.spec.containers[name=api', value: 'x:1' }], /the path .* an unclosed \[/);
  });

  it('rejects a credential written as a literal, and a variable that comes from a Secret', () => {
    invalid(
      [{ path: `${CONTAINER}.env[name=GATEWAY_API_KEY].value`, value: 'abc123' }],
      /GATEWAY_API_KEY names a credential; a credential belongs in a Secret/,
    );
    const secret = scenarioCase('config-missing-secret');
    invalid(
      [
        {
          path: 'spec.template.spec.containers[name=payments-api].env[name=DATABASE_URL].value',
          value: 'postgres://db',
        },
      ],
      /DATABASE_URL of container payments-api .* comes from secretKeyRef/,
      secret,
    );
  });

  it('rejects values of the wrong kind and edits the planners refuse', () => {
    invalid(
      [{ path: 'spec.replicas', value: 'four' }],
      /drafted edit 1 \(spec\.replicas\): setReplicas\.replicas/,
    );
    invalid([{ path: `${CONTAINER}.image`, value: 'Not An Image!' }], /not a valid image reference/);
    invalid(
      [{ path: `${CONTAINER}.resources.limits.memory`, value: 'lots' }],
      /neither a quantity nor a multiplier/,
    );
    invalid([{ path: `${CONTAINER}.startupProbe.periodSeconds`, value: 5 }], /has no startup probe/);
    invalid(
      [{ path: `${CONTAINER}.readinessProbe.httpGet.port`, value: 'metrics' }],
      /declares no port of that name/,
    );
    invalid(
      [{ path: `${CONTAINER}.env[name=LISTEN_ADDR].value`, value: ':8080' }],
      /already has what .* sets; there is nothing to change/,
    );
    invalid(
      [
        { path: `${CONTAINER}.image`, value: 'registry.example.com/billing/subscriptions-api:2.8.3' },
        { path: `${CONTAINER}.image`, value: 'registry.example.com/billing/subscriptions-api:2.8.2' },
      ],
      /both change/,
    );
  });

  it('reads paths the model copied from an anonymised prompt', () => {
    const asked = question(approve, true);
    expect(asked.task.user).not.toContain('subscriptions-api');
    const result = asked.finish(
      asked.task.read(
        JSON.stringify({
          edits: [
            {
              path: `${CONTAINER}.env[name=PAYMENT_GATEWAY_URL].value`,
              value: 'http://payments.namespace-2.svc',
            },
          ],
          rationale: 'Points app-1 at the gateway.',
        }),
      ),
    );
    expect(result.plan?.edits[0]?.to).toBe('http://payments.billing.svc');
    expect(result.plan?.rationale).toBe('Points subscriptions-api at the gateway.');
  });
});
