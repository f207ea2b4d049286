import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAiClient } from '../../../backend/src/llm/clients/openai-client.js';
import type { FakeLlmServer } from '../../support/fake-ollama.js';
import { startFakeOpenAi } from '../../support/fake-openai.js';
import { openAiConfig } from '../support/configs.js';

const schema = {
  type: 'object',
  properties: { runbook: { anyOf: [{ type: 'string', enum: ['a'] }, { type: 'null' }] } },
  required: ['runbook'],
  additionalProperties: false,
};
const answer = JSON.stringify({ runbook: null });

describe('the OpenAI-compatible client', () => {
  let server: FakeLlmServer;
  let dir: string;
  let keyFile: string;
  beforeAll(async () => {
    server = await startFakeOpenAi(() => ({ answer, promptTokens: 410, evalTokens: 9 }));
    dir = await mkdtemp(join(tmpdir(), 'openai-key-'));
    keyFile = join(dir, 'api-key');
    await writeFile(keyFile, 'sk-test-first-key-0123456789\n');
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  const request = (onText?: (text: string) => void) => ({
    system: 'You choose.',
    user: 'Which runbook?',
    schema,
    schemaName: 'runbook_choice',
    signal: AbortSignal.timeout(5000),
    ...(onText ? { onText } : {}),
  });

  it('posts /chat/completions with a strict json_schema response format and the key from its file', async () => {
    const client = createOpenAiClient(
      openAiConfig(server.url, { apiKeyFile: keyFile, maxAnswerTokens: 300 }),
    );
    expect(await client.chat(request())).toEqual({ text: answer, promptTokens: 410, evalTokens: 9 });
    const chat = server.chats.at(-1);
    expect(chat?.headers.authorization).toBe('Bearer sk-test-first-key-0123456789');
    expect(chat?.body).toMatchObject({
      model: 'qwen2.5-7b-instruct',
      temperature: 0,
      max_tokens: 300,
      response_format: { type: 'json_schema', json_schema: { name: 'runbook_choice', schema, strict: true } },
    });
    expect(chat?.stream).toBe(false);
  });

  it('reads the key file for each call, so a rotated key takes effect without a restart', async () => {
    const client = createOpenAiClient(openAiConfig(server.url, { apiKeyFile: keyFile }));
    await writeFile(keyFile, 'sk-test-rotated-key-9876543210');
    await client.chat(request());
    expect(server.chats.at(-1)?.headers.authorization).toBe('Bearer sk-test-rotated-key-9876543210');
  });

  it('sends no Authorization header without a key file (vLLM, LM Studio)', async () => {
    await createOpenAiClient(openAiConfig(server.url)).chat(request());
    expect(server.chats.at(-1)?.headers.authorization).toBeUndefined();
  });

  it('streams Server-Sent Events piece by piece, with the usage of the last chunk', async () => {
    server.respond(() => ({ answer, pieces: 3, promptTokens: 77, evalTokens: 5 }));
    const pieces: string[] = [];
    const result = await createOpenAiClient(openAiConfig(server.url)).chat(
      request((text) => pieces.push(text)),
    );
    expect(server.chats.at(-1)?.body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(pieces).toHaveLength(3);
    expect(result).toEqual({ text: answer, promptTokens: 77, evalTokens: 5 });
  });

  it('refuses an answer cut at the token limit, streamed or not', async () => {
    server.respond(() => ({ answer: '{"runbook": ', cut: true }));
    const client = createOpenAiClient(openAiConfig(server.url));
    await expect(client.chat(request())).rejects.toMatchObject({ failure: 'invalid' });
    await expect(client.chat(request(() => undefined))).rejects.toThrow(/cut at/);
  });

  it('never repeats what a server says about a refused key', async () => {
    server.respond(() => ({
      status: 401,
      body: '{"error":{"message":"Incorrect API key provided: sk-test-rotated-key-9876543210"}}',
    }));
    const failure = await createOpenAiClient(openAiConfig(server.url, { apiKeyFile: keyFile }))
      .chat(request())
      .catch((error: Error) => error);
    expect(String(failure)).toMatch(/401: the API key was refused/);
    expect(String(failure)).not.toContain('sk-test');
  });

  it('says what the server answered on other errors, and calls a body that is not JSON invalid', async () => {
    server.respond(() => ({ status: 503, body: '{"error":{"message":"model is loading"}}' }));
    const client = createOpenAiClient(openAiConfig(server.url));
    await expect(client.chat(request())).rejects.toThrow('answered 503: model is loading');
    server.respond(() => ({ status: 200, body: '<html>proxy login</html>', contentType: 'text/html' }));
    await expect(client.chat(request())).rejects.toMatchObject({ failure: 'invalid' });
  });

  it('probes the models', async () => {
    expect(await createOpenAiClient(openAiConfig(server.url)).probe(AbortSignal.timeout(5000))).toEqual({
      models: ['qwen2.5-7b-instruct'],
    });
  });
});
