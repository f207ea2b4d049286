import Type from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LlmAssistant, type LlmTask } from '../../backend/src/llm/assistant.js';
import type { LlmClient } from '../../backend/src/llm/client.js';
import { createOllamaClient } from '../../backend/src/llm/clients/ollama-client.js';
import type { OllamaConfig } from '../../backend/src/llm/config.js';
import { readJsonAnswer } from '../../backend/src/llm/json-answer.js';
import { type FakeLlmServer, startFakeOllama } from '../support/fake-ollama.js';
import { json } from './support/answers.js';
import { closedPort } from './support/closed-port.js';
import { ollamaConfig } from './support/configs.js';

const Answer = Type.Object({ summary: Type.String() }, { additionalProperties: false });

function task(user = 'Why?'): LlmTask<{ summary: string }> {
  return {
    system: 'Explain.',
    user,
    schemaName: 'answer',
    schema: { type: 'object' },
    read: (text) => readJsonAnswer(text, Answer),
  };
}

describe('LlmAssistant', () => {
  let ollama: FakeLlmServer;
  beforeAll(async () => {
    ollama = await startFakeOllama(() => json({ summary: 'ok' }));
  });
  afterAll(async () => ollama.close());

  const assistant = (overrides: Partial<OllamaConfig> = {}) => {
    const config = ollamaConfig(ollama.url, overrides);
    return new LlmAssistant(createOllamaClient(config), config);
  };

  it('answers with the value read from the model, then from its cache', async () => {
    const llm = assistant();
    const before = ollama.chats.length;
    expect(await llm.ask(task('cache me'))).toEqual({
      value: { summary: 'ok' },
      source: 'model',
      promptTokens: 100,
      evalTokens: 20,
    });
    expect(await llm.ask(task('cache me'))).toMatchObject({ value: { summary: 'ok' }, source: 'cache' });
    expect(ollama.chats.length).toBe(before + 1);
  });

  it('sends one call for identical concurrent questions', async () => {
    ollama.respond(() => json({ summary: 'shared' }, { delayMs: 20 }));
    const llm = assistant();
    const before = ollama.chats.length;
    const answers = await Promise.all([llm.ask(task('same')), llm.ask(task('same')), llm.ask(task('same'))]);
    expect(answers.map((answer) => answer.source).sort()).toEqual(['model', 'shared', 'shared']);
    expect(ollama.chats.length).toBe(before + 1);
  });

  it('calls an answer that is not JSON, or not of the schema, invalid, and does not cache it', async () => {
    const llm = assistant();
    ollama.respond(() => ({ answer: 'Sure! The pods are crashing because' }));
    await expect(llm.ask(task('invalid'))).rejects.toMatchObject({
      failure: 'invalid',
      message: expect.stringMatching(/not JSON/),
    });
    ollama.respond(() => json({ summary: 3 }));
    await expect(llm.ask(task('invalid'))).rejects.toThrow(/does not follow the schema: summary/);
    ollama.respond(() => json({ summary: 'fixed' }));
    expect((await llm.ask(task('invalid'))).source).toBe('model');
  });

  it('gives up after the timeout, and the server sees the request abandoned', async () => {
    ollama.respond(() => ({ hang: true }));
    const aborted = ollama.aborted;
    await expect(assistant({ timeoutMs: 50 }).ask(task('slow'))).rejects.toMatchObject({
      failure: 'timeout',
      message: expect.stringMatching(/within 50 ms/),
    });
    await ollama.whenAborted();
    expect(ollama.aborted).toBeGreaterThan(aborted);
  });

  it('calls a server that refuses connections or answers 500 unavailable', async () => {
    const port = await closedPort();
    const config = ollamaConfig(`http://127.0.0.1:${port}`);
    const down = new LlmAssistant(createOllamaClient(config), config);
    await expect(down.ask(task())).rejects.toMatchObject({
      failure: 'unavailable',
      message: expect.stringMatching(new RegExp(`Ollama at http://127.0.0.1:${port}: .*ECONNREFUSED`)),
    });
    ollama.respond(() => ({ status: 500, body: '{"error":"out of memory"}' }));
    await expect(assistant().ask(task('500'))).rejects.toMatchObject({
      failure: 'unavailable',
      message: expect.stringMatching(/out of memory/),
    });
  });

  it('lets at most `concurrency` calls run; the others wait for a free slot', async () => {
    const started: { user: string; finish: (text: string) => void }[] = [];
    const client: LlmClient = {
      provider: 'ollama',
      model: 'fake',
      endpoint: 'a fake',
      chat: (request) =>
        new Promise((resolve) => started.push({ user: request.user, finish: (text) => resolve({ text }) })),
      probe: async () => ({ models: [] }),
    };
    const llm = new LlmAssistant(client, ollamaConfig('http://unused', { concurrency: 1 }));
    const first = llm.ask(task('first'));
    const second = llm.ask(task('second'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(started.map((call) => call.user)).toEqual(['first']);
    started[0]?.finish('{"summary":"one"}');
    expect((await first).value).toEqual({ summary: 'one' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(started.map((call) => call.user)).toEqual(['first', 'second']);
    started[1]?.finish('{"summary":"two"}');
    expect((await second).value).toEqual({ summary: 'two' });
  });

  it('aborts the calls in flight when closed', async () => {
    ollama.respond(() => ({ hang: true }));
    const llm = assistant();
    const pending = llm.ask(task('closing'));
    await ollama.whenChats(ollama.chats.length + 1);
    llm.close();
    await expect(pending).rejects.toMatchObject({ failure: 'aborted' });
  });
});
