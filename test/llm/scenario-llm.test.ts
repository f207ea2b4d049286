import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnoseScenario, runScenario } from '../../backend/src/commands/scenario.js';
import { loadLlmConfig } from '../../backend/src/llm/config.js';
import { createLlmService } from '../../backend/src/llm/service.js';
import { diagnosisChecks } from '../../backend/src/sandbox/scenario/checks.js';
import { startScenarioEnvironment } from '../../backend/src/sandbox/scenario/environment.js';
import { readScenario } from '../../backend/src/sandbox/scenario/read-scenario.js';
import { type FakeLlmServer, startFakeOllama } from '../support/fake-ollama.js';
import { startFakeOpenAi } from '../support/fake-openai.js';
import { json, scripted } from './support/answers.js';

const dir = join(import.meta.dirname, '..', 'scenarios', 'crashloop-missing-env-approve');
const ENV_PATH = 'spec.template.spec.containers[name=api].env[name=PAYMENT_GATEWAY_URL].value';
const drafting = scripted({
  'draft-edit': () =>
    json({
      edits: [{ path: ENV_PATH, value: 'https://gateway.example.com' }],
      rationale: 'Confirm the URL.',
    }),
});

async function diagnoseWith(env: Record<string, string>) {
  const scenario = await readScenario(dir);
  const environment = await startScenarioEnvironment([scenario]);
  try {
    const service = createLlmService(loadLlmConfig(env, { defaultProvider: 'ollama' }));
    const diagnosis = await diagnoseScenario(scenario, environment, service);
    return { diagnosis, checks: diagnosisChecks(scenario.spec.expect, diagnosis) };
  } finally {
    await environment.close();
  }
}

describe('scenario --llm', () => {
  let ollama: FakeLlmServer;
  let openai: FakeLlmServer;
  beforeAll(async () => {
    [ollama, openai] = await Promise.all([startFakeOllama(drafting), startFakeOpenAi(drafting)]);
  });
  afterAll(async () => Promise.all([ollama.close(), openai.close()]));

  it('diagnoses the scenario with the configured Ollama: its checks pass, the edit is drafted for approval', async () => {
    const { diagnosis, checks } = await diagnoseWith({ OLLAMA_HOST: ollama.url });
    expect(checks.every((check) => check.ok)).toBe(true);
    expect(diagnosis.runbook?.id).toBe('missing-env-var-approve-only');
    expect(diagnosis.plan).toMatchObject({
      drafted: true,
      automation: 'approve',
      edits: [{ path: ENV_PATH }],
    });
    expect(diagnosis.explanation?.evidence.length).toBeGreaterThan(0);
    expect(diagnosis.llm).toMatchObject({ status: 'ok', provider: 'ollama', model: 'llama3.1:8b' });
    expect(ollama.chats.at(-1)?.body).toMatchObject({ stream: false, options: { temperature: 0 } });
  });

  it('works the same through an OpenAI-compatible server, names masked by default', async () => {
    const { diagnosis } = await diagnoseWith({
      AI_SRE_LLM_BASE_URL: openai.url,
      AI_SRE_LLM_MODEL: 'qwen2.5-7b-instruct',
    });
    expect(diagnosis.plan).toMatchObject({
      drafted: true,
      edits: [{ path: ENV_PATH, to: 'https://gateway.example.com' }],
    });
    expect(diagnosis.llm).toMatchObject({ status: 'ok', provider: 'openai', model: 'qwen2.5-7b-instruct' });
    for (const chat of openai.chats) {
      expect(chat.user).not.toContain('subscriptions-api');
      expect(chat.user).not.toContain('billing/');
    }
  });
});

describe('argocd-ai-sre scenario --llm', () => {
  let ollama: FakeLlmServer;
  beforeAll(async () => {
    ollama = await startFakeOllama(drafting);
  });
  afterAll(async () => ollama.close());

  it('reports the explanation and passes its checks: a drafted edit is not a runbook’s fix', async () => {
    const service = createLlmService(
      loadLlmConfig({ OLLAMA_HOST: ollama.url }, { defaultProvider: 'ollama' }),
    );
    const report = await runScenario(dir, { llm: service });
    expect(report.ok).toBe(true);
    expect(report.proposal).toBeNull();
    expect(report.llm).toMatchObject({ status: 'ok' });
    expect(report.explanation).not.toBeNull();
  });
});
