import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOllamaClient } from '../../../backend/src/llm/clients/ollama-client.js';
import { LlmError } from '../../../backend/src/llm/llm-error.js';
import { type FakeLlmServer, startFakeOllama } from '../../support/fake-ollama.js';
import { ollamaConfig } from '../support/configs.js';

const schema = {
  type: 'object',
  properties: { summary: { type: 'string' } },
  required: ['summary'],
  additionalProperties: false,
};
const answer = JSON.stringify({ summary: 'The pods cannot pull their image.' });

describe('the Ollama client', () => {
  let ollama: FakeLlmServer;
  beforeAll(async () => {
    ollama = await startFakeOllama(() => ({ answer, promptTokens: 321, evalTokens: 17 }));
  });
  afterAll(async () => ollama.close());

  const request = (extra: { onText?: (text: string) => void; signal?: AbortSignal } = {}) => ({
    system: 'You explain.',
    user: 'Why is it broken?',
    schema,
    schemaName: 'explanation',
    signal: extra.signal ?? AbortSignal.timeout(5000),
    ...(extra.onText ? { onText: extra.onText } : {}),
  });

  it('asks /api/chat for structured output, temperature 0, with the context and keep-alive configured', async () => {
    const client = createOllamaClient(ollamaConfig(ollama.url, { numCtx: 8192, maxAnswerTokens: 700 }));
    const result = await client.chat(request());
    expect(result).toEqual({ text: answer, promptTokens: 321, evalTokens: 17 });
    const chat = ollama.chats.at(-1);
    expect(chat?.stream).toBe(false);
    expect(chat?.body).toMatchObject({
      model: 'llama3.1:8b',
      format: schema,
      keep_alive: '30m',
      options: { temperature: 0, num_ctx: 8192, num_predict: 700 },
      messages: [
        { role: 'system', content: 'You explain.' },
        { role: 'user', content: 'Why is it broken?' },
      ],
    });
  });

  it('streams the answer piece by piece and returns it whole', async () => {
    ollama.respond(() => ({ answer, pieces: 5 }));
    const pieces: string[] = [];
    const result = await createOllamaClient(ollamaConfig(ollama.url)).chat(
      request({ onText: (text) => pieces.push(text) }),
    );
    expect(ollama.chats.at(-1)?.stream).toBe(true);
    expect(pieces.length).toBe(5);
    expect(pieces.join('')).toBe(answer);
    expect(result).toEqual({ text: answer, promptTokens: 100, evalTokens: 20 });
  });

  it('refuses an answer cut at the token limit, streamed or not', async () => {
    ollama.respond(() => ({ answer: '{"summary": "The pods', cut: true }));
    const client = createOllamaClient(ollamaConfig(ollama.url, { maxAnswerTokens: 64 }));
    await expect(client.chat(request())).rejects.toThrow(/cut at 64 tokens/);
    const streamed = client.chat(request({ onText: () => undefined }));
    await expect(streamed).rejects.toBeInstanceOf(LlmError);
    await expect(streamed).rejects.toMatchObject({ failure: 'invalid' });
  });

  it('rejects with the server’s words when Ollama fails (a missing model, a 500)', async () => {
    ollama.respond(() => ({
      status: 404,
      body: '{"error":"model \\"llama3.1:8b\\" not found, try pulling it first"}',
    }));
    const client = createOllamaClient(ollamaConfig(ollama.url));
    await expect(client.chat(request())).rejects.toThrow(/not found, try pulling it first/);
    ollama.respond(() => ({ status: 500, body: '{"error":"llama runner process has terminated"}' }));
    await expect(client.chat(request({ onText: () => undefined }))).rejects.toThrow(/runner process/);
  });

  it('aborts the HTTP request when the signal fires', async () => {
    ollama.respond(() => ({ hang: true }));
    const controller = new AbortController();
    const received = ollama.chats.length;
    const pending = createOllamaClient(ollamaConfig(ollama.url)).chat(request({ signal: controller.signal }));
    await ollama.whenChats(received + 1);
    const aborted = ollama.whenAborted();
    controller.abort();
    await expect(pending).rejects.toThrow();
    await aborted;
    expect(ollama.aborted).toBeGreaterThan(0);
  });

  it('probes the version and the models', async () => {
    const probe = await createOllamaClient(ollamaConfig(ollama.url)).probe(AbortSignal.timeout(5000));
    expect(probe).toEqual({ version: '0.12.6', models: ['llama3.1:8b', 'qwen2.5:7b'] });
  });
});
