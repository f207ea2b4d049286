import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { KubeObject } from '../../backend/src/kube/objects.js';
import { argocdHeaders, SECRET_HEADER, startBackend, type TestBackend } from '../support/backend.js';
import { type FakeLlmServer, startFakeOllama } from '../support/fake-ollama.js';
import { json, scripted } from './support/answers.js';
import { closedPort } from './support/closed-port.js';
import { ollamaConfig } from './support/configs.js';
import { freeTextRunbooks } from './support/free-text-runbooks.js';
import { parseEvents } from './support/server-sent-events.js';

const scenarios = join(import.meta.dirname, '..', 'scenarios');
const APP = 'argocd/subscriptions-api';
const PROJECT = 'billing';
const ENV_PATH = 'spec.template.spec.containers[name=api].env[name=PAYMENT_GATEWAY_URL].value';
const drafting = scripted({
  'draft-edit': () =>
    json({ edits: [{ path: ENV_PATH, value: 'https://gateway.example.com' }], rationale: 'Check the URL.' }),
});

describe('POST /api/v1/diagnoses with an LLM', () => {
  let ollama: FakeLlmServer;
  let backend: TestBackend;
  let unreachable: TestBackend;
  let off: TestBackend;
  const dirs = [join(scenarios, 'crashloop-missing-env-approve')];

  beforeAll(async () => {
    ollama = await startFakeOllama(drafting);
    [backend, unreachable, off] = await Promise.all([
      startBackend(dirs, { llm: ollamaConfig(ollama.url, { timeoutMs: 1000, cacheEntries: 0 }) }),
      closedPort().then((port) => startBackend(dirs, { llm: ollamaConfig(`http://127.0.0.1:${port}`) })),
      startBackend(dirs),
    ]);
  });
  afterAll(async () => {
    await Promise.all([backend.close(), unreachable.close(), off.close()]);
    await ollama.close();
  });

  const post = (on: TestBackend, accept = 'application/json', init: RequestInit = {}) =>
    fetch(`${on.url}/api/v1/diagnoses`, {
      method: 'POST',
      headers: { ...argocdHeaders(APP, PROJECT), Accept: accept },
      body: '{}',
      ...init,
    });

  it('answers a JSON client with the diagnosis, the drafted plan and the explanation at the end', async () => {
    ollama.respond(drafting);
    const response = await post(backend);
    expect(response.status).toBe(200);
    const diagnosis = await response.json();
    expect(diagnosis.primary.type).toBe('CrashLoopBackOff');
    expect(diagnosis.plan).toMatchObject({
      drafted: true,
      automation: 'approve',
      rationale: 'Check the URL.',
      edits: [{ path: ENV_PATH, to: 'https://gateway.example.com', action: 'setEnv' }],
    });
    expect(diagnosis.explanation).toMatchObject({ confidence: 'high', model: 'llama3.1:8b' });
    expect(diagnosis.llm).toMatchObject({ status: 'ok', steps: [{ use: 'draft-edit' }, { use: 'explain' }] });
  });

  it('streams the deterministic diagnosis at once, then the plan, the explanation as generated, its status and the whole', async () => {
    ollama.respond(drafting);
    const response = await post(backend, 'text/event-stream');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    const events = parseEvents(await response.text());
    const names = events.map((event) => event.event);
    expect(names[0]).toBe('diagnosis');
    expect(names[1]).toBe('plan');
    expect(names.slice(-3)).toEqual(['explanation', 'llm-status', 'done']);
    expect(names.slice(2, -3).every((name) => name === 'explanation-delta')).toBe(true);
    expect(names.filter((name) => name === 'explanation-delta').length).toBeGreaterThan(1);

    const [first] = events;
    expect(first?.data).toMatchObject({ primary: { type: 'CrashLoopBackOff' }, plan: null });
    expect(first?.data).not.toHaveProperty('llm');
    const explanation = events.find((event) => event.event === 'explanation')?.data as Record<string, string>;
    const deltas = events.flatMap((event) =>
      event.event === 'explanation-delta' ? [event.data as { field: string; text: string }] : [],
    );
    for (const field of ['summary', 'rootCause', 'nextStep']) {
      expect(
        deltas
          .filter((delta) => delta.field === field)
          .map((delta) => delta.text)
          .join(''),
      ).toBe(explanation[field]);
    }
    expect(events.find((event) => event.event === 'llm-status')?.data).toMatchObject({ status: 'ok' });
    const done = events.at(-1)?.data as Record<string, unknown>;
    expect(done).toMatchObject({ plan: { drafted: true }, explanation, llm: { status: 'ok' } });
  });

  it('answers 200 with the deterministic diagnosis and llm unavailable when the model cannot be reached', async () => {
    const response = await post(unreachable);
    expect(response.status).toBe(200);
    const diagnosis = await response.json();
    expect(diagnosis.primary.type).toBe('CrashLoopBackOff');
    expect(diagnosis.plan).toBeNull();
    expect(diagnosis.explanation).toBeUndefined();
    expect(diagnosis.llm).toMatchObject({
      status: 'unavailable',
      detail: expect.stringMatching(/ECONNREFUSED/),
    });

    const events = parseEvents(await (await post(unreachable, 'text/event-stream')).text());
    expect(events.map((event) => event.event)).toEqual(['diagnosis', 'llm-status', 'done']);
    expect(events[1]?.data).toMatchObject({ status: 'unavailable' });
  });

  it('answers llm invalid when the model writes something that is not the JSON asked for', async () => {
    ollama.respond(() => ({ answer: 'I think the pod is crashing because of a missing variable.' }));
    const diagnosis = await (await post(backend)).json();
    expect(diagnosis.llm).toMatchObject({
      status: 'invalid',
      detail: expect.stringMatching(/^draft-edit: the answer is not JSON/),
    });
    expect(diagnosis.plan).toBeNull();
  });

  it('answers llm timeout when the model is too slow, and llm off without one', async () => {
    ollama.respond(() => ({ hang: true }));
    const slow = await (await post(backend)).json();
    expect(slow.llm).toMatchObject({ status: 'timeout', detail: expect.stringMatching(/within 1000 ms/) });
    const none = await (await post(off)).json();
    expect(none.llm).toMatchObject({ status: 'off' });
    expect(none.primary.type).toBe('CrashLoopBackOff');
  });

  it('keeps the deterministic diagnosis when the LLM step fails in an unexpected way', async () => {
    const { llm } = backend.app;
    if (!llm.enabled) throw new Error('the LLM should be on');
    const ask = vi.spyOn(llm.assistant, 'ask').mockRejectedValue(new TypeError('a bug'));
    try {
      const response = await post(backend);
      expect(response.status).toBe(200);
      const diagnosis = await response.json();
      expect(diagnosis.primary.type).toBe('CrashLoopBackOff');
      expect(diagnosis.llm).toEqual({
        status: 'unavailable',
        detail: expect.stringMatching(
          /^the LLM step failed on the server; see the backend log for request \S+$/,
        ),
        steps: [],
      });
      const events = parseEvents(await (await post(backend, 'text/event-stream')).text());
      expect(events.map((event) => event.event)).toEqual(['diagnosis', 'llm-status', 'done']);
    } finally {
      ask.mockRestore();
    }
  });

  it('aborts the model call when the streaming client goes away', async () => {
    ollama.respond(() => ({ hang: true }));
    const controller = new AbortController();
    const response = await post(backend, 'text/event-stream', { signal: controller.signal });
    const reader = response.body?.getReader();
    const first = await reader?.read();
    expect(new TextDecoder().decode(first?.value)).toMatch(/^event: diagnosis\n/);
    const aborted = ollama.whenAborted();
    controller.abort();
    await aborted;
    expect(ollama.aborted).toBeGreaterThan(0);
  });

  it('serialises a runbook the model chose, with who chose it and why', async () => {
    const chooser = await startBackend([join(scenarios, 'crashloop-missing-env-no-runbook')], {
      llm: ollamaConfig(ollama.url, { cacheEntries: 0 }),
      extra: [freeTextRunbooks as KubeObject],
    });
    try {
      ollama.respond(
        scripted({
          'choose-runbook': () => json({ runbook: 'missing-setting-at-start', reason: 'It fits.' }),
        }),
      );
      const response = await fetch(`${chooser.url}/api/v1/diagnoses`, {
        method: 'POST',
        headers: argocdHeaders('argocd/notifier'),
        body: '{}',
      });
      expect(response.status).toBe(200);
      const diagnosis = await response.json();
      expect(diagnosis.runbook).toMatchObject({
        id: 'missing-setting-at-start',
        chosenBy: 'llm',
        reason: 'It fits.',
        automation: 'approve',
      });
      expect(diagnosis.llm.steps.map((step: { use: string }) => step.use)).toEqual([
        'choose-runbook',
        'draft-edit',
        'explain',
      ]);
    } finally {
      await chooser.close();
    }
  });

  it('answers errors before the stream starts as JSON, like any other request', async () => {
    const response = await post(backend, 'text/event-stream', {
      headers: {
        ...argocdHeaders(APP, PROJECT),
        [SECRET_HEADER]: 'wrong-secret-of-some-length',
        Accept: 'text/event-stream',
      },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const forbidden = await post(backend, 'text/event-stream', {
      headers: { ...argocdHeaders(APP, 'other'), Accept: 'text/event-stream' },
    });
    expect(forbidden.status).toBe(403);
  });
});
