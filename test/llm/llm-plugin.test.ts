import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LlmConfig } from '../../backend/src/llm/config.js';
import llm from '../../backend/src/plugins/llm.js';
import { type FakeLlmServer, startFakeOllama } from '../support/fake-ollama.js';
import { scripted } from './support/answers.js';
import { ollamaConfig } from './support/configs.js';

/** A Fastify app with the plugin, and the log lines it writes. */
async function appWith(config: LlmConfig) {
  const lines: { level: number; msg: string }[] = [];
  let logged: () => void = () => undefined;
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      logged();
      done();
    },
  });
  const app = Fastify({ logger: { level: 'info', stream } });
  await app.register(llm, { config });
  const nextLine = (count: number) =>
    new Promise<void>((resolve) => {
      logged = () => lines.length >= count && resolve();
      logged();
    });
  return { app, lines, nextLine };
}

describe('the llm plugin', () => {
  let ollama: FakeLlmServer;
  beforeAll(async () => {
    ollama = await startFakeOllama(scripted());
  });
  afterAll(async () => ollama.close());

  it('decorates the service, off with its reason when no model is configured', async () => {
    const { app, lines } = await appWith({ provider: 'off', reason: 'no LLM is configured' });
    await app.ready();
    expect(app.llm).toEqual({ enabled: false, reason: 'no LLM is configured' });
    expect(lines.map((line) => line.msg)).toContain('no LLM is configured');
    await app.close();
  });

  it('says at start whether the server answers and has the model', async () => {
    const ready = await appWith(ollamaConfig(ollama.url));
    await ready.app.ready();
    await ready.nextLine(1);
    expect(ready.lines.at(-1)).toMatchObject({ level: 30, msg: `LLM ready at Ollama at ${ollama.url}` });
    await ready.app.close();

    const missing = await appWith(ollamaConfig(ollama.url, { model: 'mistral:7b' }));
    await missing.app.ready();
    await missing.nextLine(1);
    expect(missing.lines.at(-1)).toMatchObject({
      level: 40,
      msg: `Ollama at ${ollama.url} does not list the model mistral:7b`,
    });
    await missing.app.close();
  });

  it('aborts the model calls in flight when the app closes', async () => {
    ollama.respond(() => ({ hang: true }));
    const { app } = await appWith(ollamaConfig(ollama.url));
    await app.ready();
    if (!app.llm.enabled) throw new Error('the LLM should be on');
    const pending = app.llm.assistant.ask({
      system: 's',
      user: 'u',
      schemaName: 'x',
      schema: {},
      read: (text) => text,
    });
    await ollama.whenChats(ollama.chats.length + 1);
    await app.close();
    await expect(pending).rejects.toMatchObject({ failure: 'aborted' });
  });
});
