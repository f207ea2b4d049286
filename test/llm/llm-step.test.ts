import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainDiagnosis, type LlmStepEvent } from '../../backend/src/diagnosis/llm-step.js';
import type { OllamaConfig } from '../../backend/src/llm/config.js';
import { createLlmService } from '../../backend/src/llm/service.js';
import { type FakeLlmServer, startFakeOllama } from '../support/fake-ollama.js';
import { json, offeredIds, scripted, useOf } from './support/answers.js';
import { ollamaConfig } from './support/configs.js';
import { freeTextRunbooks } from './support/free-text-runbooks.js';
import { runbookConfigMap, type ScenarioCase, scenarioCase } from './support/scenario-case.js';

const ENV_PATH = 'spec.template.spec.containers[name=api].env[name=PAYMENT_GATEWAY_URL].value';

describe('explainDiagnosis, the LLM step', () => {
  let ollama: FakeLlmServer;
  beforeAll(async () => {
    ollama = await startFakeOllama(scripted());
  });
  afterAll(async () => ollama.close());

  const service = (overrides: Partial<OllamaConfig> = {}) =>
    createLlmService(ollamaConfig(ollama.url, overrides));
  const run = (scenario: ScenarioCase, overrides: Partial<OllamaConfig> = {}, events: LlmStepEvent[] = []) =>
    explainDiagnosis(scenario.diagnosis, scenario, service(overrides), {
      onEvent: (event) => events.push(event),
    });

  it('leaves the diagnosis as it is when the LLM is off, and says why', async () => {
    const scenario = scenarioCase('image-registry-mirror');
    const result = await explainDiagnosis(
      scenario.diagnosis,
      scenario,
      createLlmService({ provider: 'off', reason: 'no LLM' }),
    );
    expect(result).toEqual({ ...scenario.diagnosis, llm: { status: 'off', detail: 'no LLM', steps: [] } });
  });

  it('drafts the edit a runbook without actions describes, as a plan that waits for approval, then explains', async () => {
    ollama.respond(
      scripted({
        'draft-edit': () =>
          json({
            edits: [{ path: ENV_PATH, value: 'https://gateway.payments.example.com' }],
            rationale: 'The log names it.',
          }),
      }),
    );
    const approve = scenarioCase('crashloop-missing-env-approve');
    expect(approve.diagnosis.plan).toBeNull();
    const events: LlmStepEvent[] = [];
    const result = await run(approve, {}, events);
    expect(result.runbook?.id).toBe('missing-env-var-approve-only');
    expect(result.plan).toMatchObject({
      runbook: 'missing-env-var-approve-only',
      drafted: true,
      automation: 'approve',
      rationale: 'The log names it.',
      edits: [{ path: ENV_PATH, to: 'https://gateway.payments.example.com', action: 'setEnv' }],
    });
    expect(result.explanation).toMatchObject({ confidence: 'high', model: 'llama3.1:8b' });
    const evidenceIds = result.symptoms.flatMap((symptom) => symptom.evidence.map((evidence) => evidence.id));
    expect(result.explanation?.evidence.length).toBeGreaterThan(0);
    for (const id of result.explanation?.evidence ?? []) expect(evidenceIds).toContain(id);
    expect(result.llm).toMatchObject({
      status: 'ok',
      provider: 'ollama',
      model: 'llama3.1:8b',
      steps: [
        { use: 'draft-edit', status: 'ok', source: 'model' },
        { use: 'explain', status: 'ok', source: 'model' },
      ],
    });
    // The explanation was asked with the drafted fix in view.
    expect(ollama.chats.at(-1)?.user).toContain(
      `${ENV_PATH}: (absent) -> "https://gateway.payments.example.com"`,
    );
    expect(events[0]).toEqual({ type: 'plan', plan: result.plan });
    const streamed = (field: string) =>
      events
        .flatMap((event) => (event.type === 'explanation-delta' && event.field === field ? [event.text] : []))
        .join('');
    expect(streamed('summary')).toBe(result.explanation?.summary);
    expect(streamed('nextStep')).toBe(result.explanation?.nextStep);
    // Everything deterministic is as it was.
    expect({ ...result, plan: null, explanation: undefined, llm: undefined }).toEqual({
      ...approve.diagnosis,
      explanation: undefined,
      llm: undefined,
    });
  });

  it('lets the model choose a free-text runbook when no structured one matched, then drafts its edit for approval', async () => {
    ollama.respond(
      scripted({
        'choose-runbook': () =>
          json({ runbook: 'missing-setting-at-start', reason: 'The log says SMTP_RELAY_HOST is undefined.' }),
        'draft-edit': () =>
          json({
            edits: [
              {
                path: 'spec.template.spec.containers[name=notifier].env[name=SMTP_RELAY_HOST].value',
                value: 'smtp.example.com',
              },
            ],
            rationale: 'Check the relay host with the team.',
          }),
      }),
    );
    const notifier = scenarioCase('crashloop-missing-env-no-runbook', [freeTextRunbooks]);
    expect(notifier.diagnosis.runbook).toBeNull();
    const events: LlmStepEvent[] = [];
    const result = await run(notifier, {}, events);
    expect(result.runbook).toMatchObject({
      id: 'missing-setting-at-start',
      chosenBy: 'llm',
      reason: 'The log says SMTP_RELAY_HOST is undefined.',
      // The runbook says auto; a choice the model made waits for a person anyway.
      automation: 'approve',
      symptom: 0,
      alternatives: [],
    });
    expect(result.plan).toMatchObject({
      runbook: 'missing-setting-at-start',
      drafted: true,
      automation: 'approve',
    });
    expect(events.map((event) => event.type).slice(0, 2)).toEqual(['runbook', 'plan']);
    expect(result.llm?.steps.map((step) => [step.use, step.status])).toEqual([
      ['choose-runbook', 'ok'],
      ['draft-edit', 'ok'],
      ['explain', 'ok'],
    ]);
  });

  it('plans a chosen free-text runbook’s own actions at once, waiting for approval, without drafting', async () => {
    ollama.respond(
      scripted({ 'choose-runbook': () => json({ runbook: 'relay-host-default', reason: 'It fits.' }) }),
    );
    const withActions = runbookConfigMap({
      'relay-host-default.yaml': [
        'id: relay-host-default',
        'symptom: {text: the notifier exits because its SMTP relay host is not configured}',
        'solution:',
        '  text: Point the notifier at the internal relay.',
        '  actions:',
        '    - setEnv: {name: SMTP_RELAY_HOST, value: smtp.internal.example.com}',
        'automation: auto',
      ].join('\n'),
    });
    const result = await run(scenarioCase('crashloop-missing-env-no-runbook', [withActions]));
    expect(result.runbook).toMatchObject({
      id: 'relay-host-default',
      chosenBy: 'llm',
      automation: 'approve',
    });
    expect(result.plan).toMatchObject({
      runbook: 'relay-host-default',
      automation: 'approve',
      edits: [{ to: 'smtp.internal.example.com', action: 'setEnv' }],
    });
    expect(result.plan).not.toHaveProperty('drafted');
    expect(result.llm?.steps.map((step) => step.use)).toEqual(['choose-runbook', 'explain']);
  });

  it('takes "none fits" as an answer, with a note, and drafts nothing', async () => {
    ollama.respond(scripted());
    const notifier = scenarioCase('crashloop-missing-env-no-runbook', [freeTextRunbooks]);
    const result = await run(notifier);
    expect(result.runbook).toBeNull();
    expect(result.plan).toBeNull();
    expect(result.notes).toContain(
      'the model found no free-text runbook that fits: None of the runbooks describes this.',
    );
    expect(result.llm?.steps.map((step) => step.use)).toEqual(['choose-runbook', 'explain']);
  });

  it('keeps the deterministic diagnosis and skips the other questions when the model is unreachable', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const approve = scenarioCase('crashloop-missing-env-approve');
    const result = await explainDiagnosis(
      approve.diagnosis,
      approve,
      createLlmService(ollamaConfig(`http://127.0.0.1:${port}`)),
    );
    expect(result.plan).toBeNull();
    expect(result.explanation).toBeUndefined();
    expect(result.llm).toMatchObject({
      status: 'unavailable',
      detail: expect.stringMatching(/^draft-edit: Ollama at http:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED/),
      steps: [
        { use: 'draft-edit', status: 'unavailable' },
        {
          use: 'explain',
          status: 'skipped',
          detail: 'not asked after draft-edit found the model unavailable',
        },
      ],
    });
  });

  it('says timeout when the model is too slow, without waiting for the later questions', async () => {
    ollama.respond(() => ({ hang: true }));
    const result = await run(scenarioCase('crashloop-missing-env-approve'), { timeoutMs: 50 });
    expect(result.llm?.status).toBe('timeout');
    expect(result.llm?.steps.map((step) => step.status)).toEqual(['timeout', 'skipped']);
  });

  it('says invalid when an answer breaks its contract, and keeps what the other questions gave', async () => {
    ollama.respond(
      scripted({
        'draft-edit': () =>
          json({ edits: [{ path: 'metadata.name', value: 'renamed' }], rationale: 'Rename it.' }),
        explain: () =>
          json({
            summary: 'It crashes.',
            rootCause: 'A bug.',
            confidence: 'low',
            evidence: ['E99'],
            nextStep: 'Look.',
          }),
      }),
    );
    const result = await run(scenarioCase('crashloop-missing-env-approve'));
    expect(result.plan).toBeNull();
    expect(result.explanation).toBeUndefined();
    expect(result.llm?.status).toBe('invalid');
    expect(result.llm?.detail).toMatch(
      /^draft-edit: drafted edit 1: metadata\.name: a drafted edit may change only/,
    );
    expect(result.llm?.steps.map((step) => [step.use, step.status])).toEqual([
      ['draft-edit', 'invalid'],
      ['explain', 'invalid'],
    ]);
    expect(result.llm?.steps[1]?.detail).toMatch(/cites E99, which the prompt did not give/);
  });

  it('answers a repeated diagnosis from the cache', async () => {
    ollama.respond(scripted());
    const scenario = scenarioCase('oom-raise-memory');
    const llm = service();
    const before = ollama.chats.length;
    const first = await explainDiagnosis(scenario.diagnosis, scenario, llm);
    const second = await explainDiagnosis(scenario.diagnosis, scenario, llm);
    expect(first.llm?.steps.map((step) => step.source)).toEqual(['model']);
    expect(second.llm?.steps.map((step) => step.source)).toEqual(['cache']);
    expect(second.explanation).toEqual(first.explanation);
    expect(ollama.chats.length).toBe(before + 1);
  });

  it('rejects with an abort when the client leaves', async () => {
    ollama.respond(() => ({ hang: true }));
    const scenario = scenarioCase('oom-raise-memory');
    const controller = new AbortController();
    const pending = explainDiagnosis(scenario.diagnosis, scenario, service(), { signal: controller.signal });
    await ollama.whenChats(ollama.chats.length + 1);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ failure: 'aborted' });
  });

  it('asks nothing when nothing was found', async () => {
    const scenario = scenarioCase('oom-raise-memory');
    const healthy = { ...scenario.diagnosis, primary: null, symptoms: [], runbook: null, plan: null };
    const result = await explainDiagnosis(healthy, scenario, service());
    expect(result.llm).toEqual({
      status: 'ok',
      detail: 'nothing to explain: no symptom was found',
      provider: 'ollama',
      model: 'llama3.1:8b',
      steps: [],
    });
  });

  it('sends a schema that lets the model cite only the evidence ids its prompt offers', async () => {
    ollama.respond(scripted());
    await run(scenarioCase('image-registry-mirror'));
    const chat = ollama.chats.at(-1);
    if (!chat) throw new Error('no chat');
    expect(useOf(chat)).toBe('explain');
    const schema = chat.schema.properties as { evidence: { items?: { enum?: string[] } } };
    expect(offeredIds(chat).length).toBeGreaterThan(0);
    expect(schema.evidence.items?.enum).toEqual(offeredIds(chat));
  });
});
