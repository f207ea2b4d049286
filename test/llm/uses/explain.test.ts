import { describe, expect, it } from 'vitest';
import { LlmError } from '../../../backend/src/llm/llm-error.js';
import { type ExplainInput, explainQuestion } from '../../../backend/src/llm/uses/explain.js';
import { scenarioIds } from '../../runbooks/scenario-diagnosis.js';
import { type ScenarioCase, scenarioCase } from '../support/scenario-case.js';

const settings = { budget: 2000, anonymize: false };

function inputOf({ snapshot, runbooks, diagnosis }: ScenarioCase): ExplainInput {
  const runbook = runbooks.runbooks.find((candidate) => candidate.id === diagnosis.runbook?.id);
  return {
    snapshot,
    symptoms: diagnosis.symptoms,
    runbook: runbook
      ? { id: runbook.id, ...(runbook.solution.text ? { solution: runbook.solution.text } : {}) }
      : null,
    plan: diagnosis.plan,
  };
}

const answer = (evidence: string[]) =>
  JSON.stringify({
    summary: 'The pods crash.',
    rootCause: 'A variable is missing.',
    confidence: 'high',
    evidence,
    nextStep: 'Set it.',
  });

describe('the explanation question', () => {
  const approve = scenarioCase('crashloop-missing-env-approve');

  it('tells the incident root cause first, with numbered evidence, the runbook and the fix', () => {
    const question = explainQuestion(inputOf(approve), settings, 'llama3.1:8b');
    const { user } = question.task;
    expect(user.split('\n')[0]).toBe(
      'Application argocd/subscriptions-api (project billing), health Degraded, sync Synced. The user asked about Deployment billing/subscriptions-api.',
    );
    expect(user).toMatch(
      /^S1 CrashLoopBackOff on Pod billing\/subscriptions-api-\S+: .*PAYMENT_GATEWAY_URL is not set/m,
    );
    expect(user).toMatch(
      /^ {2}\[E\d+\] log of container api of Pod .*\(previous instance\):\n(?: {4}.*\n)* {4}.*FATAL: environment variable PAYMENT_GATEWAY_URL is not set$/m,
    );
    expect(user.indexOf('S1 ')).toBeLessThan(user.indexOf('S2 ProgressDeadlineExceeded'));
    expect(user).toContain('Runbook missing-env-var-approve-only answers it: Add the variable the log names');
    const offered = [...user.matchAll(/\[(E\d+)\]/g)].map((match) => match[1]);
    expect((question.task.schema.properties as Record<string, unknown>).evidence).toEqual({
      type: 'array',
      items: { type: 'string', enum: offered },
    });
  });

  it('keeps every scenario’s prompt within the default budget of 2,000 tokens', () => {
    for (const id of scenarioIds) {
      const question = explainQuestion(inputOf(scenarioCase(id)), settings, 'm');
      expect(question.tokens, id).toBeLessThanOrEqual(2000);
      expect(question.task.user, id).toMatch(/^S1 /m);
    }
  });

  it('keeps the primary symptom and only the evidence that fits a small budget, and offers only that', () => {
    const question = explainQuestion(inputOf(approve), { budget: 500, anonymize: false }, 'm');
    expect(question.tokens).toBeLessThanOrEqual(500);
    expect(question.task.user).toMatch(/^S1 CrashLoopBackOff/m);
    expect(question.task.user).toMatch(/left out to keep the prompt short/);
    const offered = [...question.task.user.matchAll(/\[(E\d+)\]/g)].map((match) => match[1]);
    const schema = question.task.schema.properties as { evidence: { items: { enum: string[] } } };
    expect(schema.evidence.items.enum).toEqual(offered);
  });

  it('rejects an answer that cites evidence it was not given, or none', () => {
    const question = explainQuestion(inputOf(approve), settings, 'm');
    expect(() => question.task.read(answer(['E1', 'E99']))).toThrow(LlmError);
    expect(() => question.task.read(answer(['E1', 'E99']))).toThrow(
      /cites E99, which the prompt did not give/,
    );
    expect(() => question.task.read(answer([]))).toThrow('the answer cites no evidence');
  });

  it('turns cited ids back into the diagnosis’s evidence ids and names the model', () => {
    const question = explainQuestion(inputOf(approve), settings, 'llama3.1:8b');
    const logId = /\[(E\d+)\] log of container api/.exec(question.task.user)?.[1] ?? '';
    const explanation = question.finish(question.task.read(answer([logId])));
    const logEvidence = approve.diagnosis.primary?.evidence.find((evidence) => evidence.kind === 'log');
    expect(explanation).toEqual({
      summary: 'The pods crash.',
      rootCause: 'A variable is missing.',
      confidence: 'high',
      evidence: [logEvidence?.id],
      nextStep: 'Set it.',
      model: 'llama3.1:8b',
    });
  });

  it('anonymises names in the prompt and puts them back in the explanation', () => {
    const question = explainQuestion(inputOf(approve), { budget: 2000, anonymize: true }, 'm');
    expect(question.task.user).not.toMatch(/subscriptions-api|billing/);
    expect(question.task.user).toContain('Pod namespace-2/pod-1');
    const explanation = question.finish(
      question.task.read(
        JSON.stringify({
          summary: 'Deployment namespace-2/app-1 cannot roll out.',
          rootCause: 'pod-1 exits at start-up.',
          confidence: 'medium',
          evidence: ['E1'],
          nextStep: 'Fix app-1.',
        }),
      ),
    );
    expect(explanation.summary).toBe('Deployment billing/subscriptions-api cannot roll out.');
    expect(explanation.rootCause).toMatch(/^subscriptions-api-\S+ exits at start-up\.$/);
  });
});
