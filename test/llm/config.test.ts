import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../backend/src/config.js';
import { DEFAULT_LLM_LIMITS, LLM_OFF, loadLlmConfig } from '../../backend/src/llm/config.js';

describe('loadLlmConfig', () => {
  let dir: string;
  let keyFile: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'llm-config-'));
    keyFile = join(dir, 'key');
    await writeFile(keyFile, 'sk-test');
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('is off when nothing names a model server', () => {
    expect(loadLlmConfig({})).toEqual(LLM_OFF);
    expect(loadLlmConfig({ OLLAMA_HOST: 'http://ollama:11434', AI_SRE_LLM_PROVIDER: 'off' })).toEqual({
      provider: 'off',
      reason: 'the LLM is turned off (AI_SRE_LLM_PROVIDER=off)',
    });
  });

  it('means Ollama when OLLAMA_HOST is set, with the defaults', () => {
    expect(loadLlmConfig({ OLLAMA_HOST: 'ollama.ai.svc:11434' })).toEqual({
      provider: 'ollama',
      host: 'http://ollama.ai.svc:11434',
      model: 'llama3.1:8b',
      keepAlive: '30m',
      numCtx: 4096,
      anonymize: false,
      ...DEFAULT_LLM_LIMITS,
    });
  });

  it('uses the local Ollama where the caller says so (the scenario command’s --llm)', () => {
    expect(loadLlmConfig({}, { defaultProvider: 'ollama' })).toMatchObject({
      provider: 'ollama',
      host: 'http://127.0.0.1:11434',
    });
  });

  it('reads every setting', () => {
    expect(
      loadLlmConfig({
        AI_SRE_LLM_PROVIDER: 'ollama',
        OLLAMA_HOST: 'https://ollama.example.com/',
        AI_SRE_LLM_MODEL: 'qwen2.5:14b',
        AI_SRE_LLM_TIMEOUT_MS: '90000',
        AI_SRE_LLM_NUM_CTX: '8192',
        AI_SRE_LLM_PROMPT_BUDGET: '3000',
        AI_SRE_LLM_MAX_TOKENS: '512',
        AI_SRE_LLM_TEMPERATURE: '0.2',
        AI_SRE_LLM_KEEP_ALIVE: '1h30m',
        AI_SRE_LLM_ANONYMIZE: 'true',
        AI_SRE_LLM_CACHE_SIZE: '0',
        AI_SRE_LLM_CONCURRENCY: '4',
      }),
    ).toEqual({
      provider: 'ollama',
      host: 'https://ollama.example.com',
      model: 'qwen2.5:14b',
      timeoutMs: 90000,
      numCtx: 8192,
      promptBudget: 3000,
      maxAnswerTokens: 512,
      temperature: 0.2,
      keepAlive: '1h30m',
      anonymize: true,
      cacheEntries: 0,
      concurrency: 4,
    });
  });

  it('means an OpenAI-compatible server when AI_SRE_LLM_BASE_URL is set, anonymised by default', () => {
    expect(
      loadLlmConfig({
        AI_SRE_LLM_BASE_URL: 'http://vllm.ai.svc:8000/v1',
        AI_SRE_LLM_MODEL: 'Qwen/Qwen2.5-7B-Instruct',
        AI_SRE_LLM_API_KEY_FILE: keyFile,
      }),
    ).toEqual({
      provider: 'openai',
      baseUrl: 'http://vllm.ai.svc:8000/v1',
      model: 'Qwen/Qwen2.5-7B-Instruct',
      apiKeyFile: keyFile,
      anonymize: true,
      ...DEFAULT_LLM_LIMITS,
    });
    expect(loadLlmConfig({ AI_SRE_LLM_PROVIDER: 'openai', AI_SRE_LLM_MODEL: 'gpt-4o-mini' })).toMatchObject({
      baseUrl: 'https://api.openai.com/v1',
    });
  });

  it.each([
    [
      { AI_SRE_LLM_PROVIDER: 'llamacpp' },
      'AI_SRE_LLM_PROVIDER must be ollama, openai or off, got "llamacpp"',
    ],
    [
      { OLLAMA_HOST: 'x', AI_SRE_LLM_TIMEOUT_MS: '60s' },
      'AI_SRE_LLM_TIMEOUT_MS must be an integer ≥ 1, got "60s"',
    ],
    [
      { OLLAMA_HOST: 'x', AI_SRE_LLM_PROMPT_BUDGET: '100' },
      'AI_SRE_LLM_PROMPT_BUDGET must be an integer ≥ 500, got "100"',
    ],
    [
      { OLLAMA_HOST: 'x', AI_SRE_LLM_TEMPERATURE: 'hot' },
      'AI_SRE_LLM_TEMPERATURE must be a number from 0 to 2, got "hot"',
    ],
    [
      { OLLAMA_HOST: 'x', AI_SRE_LLM_ANONYMIZE: 'yes' },
      'AI_SRE_LLM_ANONYMIZE must be true or false, got "yes"',
    ],
    [{ OLLAMA_HOST: 'x', AI_SRE_LLM_KEEP_ALIVE: 'forever' }, 'AI_SRE_LLM_KEEP_ALIVE must be a duration'],
    [
      { OLLAMA_HOST: 'x', AI_SRE_LLM_NUM_CTX: '2048' },
      'AI_SRE_LLM_NUM_CTX (2048) must hold AI_SRE_LLM_PROMPT_BUDGET (2000) plus AI_SRE_LLM_MAX_TOKENS (1024)',
    ],
    [{ OLLAMA_HOST: 'ftp://ollama' }, 'OLLAMA_HOST must be an http or https URL, got "ftp://ollama"'],
    [
      { AI_SRE_LLM_BASE_URL: 'http://vllm:8000/v1' },
      'AI_SRE_LLM_MODEL is required with AI_SRE_LLM_PROVIDER=openai',
    ],
    [
      { AI_SRE_LLM_BASE_URL: 'https://user:pa55word@llm.example.com/v1', AI_SRE_LLM_MODEL: 'm' },
      'AI_SRE_LLM_BASE_URL must not hold credentials',
    ],
    [
      {
        AI_SRE_LLM_BASE_URL: 'http://vllm/v1',
        AI_SRE_LLM_MODEL: 'm',
        AI_SRE_LLM_API_KEY_FILE: '/no/such/key',
      },
      'AI_SRE_LLM_API_KEY_FILE: cannot read /no/such/key: ENOENT',
    ],
  ])('refuses %j by naming the variable', (env, message) => {
    expect(() => loadLlmConfig(env)).toThrow(ConfigError);
    expect(() => loadLlmConfig(env)).toThrow(message);
  });

  it('never repeats credentials it refuses', () => {
    expect(() =>
      loadLlmConfig({
        AI_SRE_LLM_BASE_URL: 'https://user:pa55word@llm.example.com/v1',
        AI_SRE_LLM_MODEL: 'm',
      }),
    ).not.toThrow(/pa55word/);
  });
});
