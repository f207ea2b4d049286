import { accessSync, constants } from 'node:fs';
import { ConfigError } from '../config-error.js';
import { type Environment, envBoolean, envInteger, envText } from '../support/env.js';

export type LlmProvider = 'ollama' | 'openai';

/** What bounds every model call, whichever server answers it. */
export interface LlmLimits {
  model: string;
  /** How long one model call may take, waiting for a free slot included. */
  timeoutMs: number;
  /** Prompt tokens (system and user message) one call may send, counted with the cl100k tokenizer. */
  promptBudget: number;
  /** Tokens the model may generate for one answer. */
  maxAnswerTokens: number;
  temperature: number;
  /** Mask namespace, application and object names before a prompt leaves, unmask them in the answer. */
  anonymize: boolean;
  /** Validated answers kept, by model and prompt; 0 keeps none. */
  cacheEntries: number;
  /** Model calls in flight at once; the others wait (within their timeout). */
  concurrency: number;
}

export interface OllamaConfig extends LlmLimits {
  provider: 'ollama';
  host: string;
  /** How long Ollama keeps the model loaded after a call (a Go duration such as 30m, or seconds). */
  keepAlive: string;
  /** The context window Ollama allocates; must hold the prompt budget and the answer. */
  numCtx: number;
}

export interface OpenAiConfig extends LlmLimits {
  provider: 'openai';
  /** Up to and including /v1: `http://vllm.ai.svc:8000/v1`, `https://api.openai.com/v1`. */
  baseUrl: string;
  /** A file holding the API key, read for each call so a rotated Secret takes effect. */
  apiKeyFile?: string;
}

export type LlmConfig = OllamaConfig | OpenAiConfig | { provider: 'off'; reason: string };

export const LLM_OFF: LlmConfig = {
  provider: 'off',
  reason: 'no LLM is configured (set OLLAMA_HOST, or AI_SRE_LLM_PROVIDER and its settings)',
};

export const DEFAULT_LLM_LIMITS: Omit<LlmLimits, 'model' | 'anonymize'> = {
  timeoutMs: 60_000,
  promptBudget: 2000,
  maxAnswerTokens: 1024,
  temperature: 0,
  cacheEntries: 256,
  concurrency: 2,
};

/** Llama 3's tokenizer extends cl100k, the one prompt budgets are counted with. */
export const DEFAULT_OLLAMA_MODEL = 'llama3.1:8b';
export const DEFAULT_OLLAMA_HOST = 'http://127.0.0.1:11434';
const DEFAULT_OPENAI_BASE_URL = 'https://api.openai.com/v1';
const DEFAULT_NUM_CTX = 4096;
const DEFAULT_KEEP_ALIVE = '30m';
/** A prompt this small cannot hold one symptom with its evidence. */
const MIN_PROMPT_BUDGET = 500;

function temperature(env: Environment): number {
  const raw = envText(env, 'AI_SRE_LLM_TEMPERATURE');
  if (raw === undefined) return DEFAULT_LLM_LIMITS.temperature;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 2)
    throw new ConfigError(`AI_SRE_LLM_TEMPERATURE must be a number from 0 to 2, got "${raw}"`);
  return value;
}

function httpUrl(name: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.includes('://') ? raw : `http://${raw}`);
  } catch {
    throw new ConfigError(`${name} must be an http or https URL, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ConfigError(`${name} must be an http or https URL, got "${raw}"`);
  if (url.username || url.password)
    throw new ConfigError(`${name} must not hold credentials; give the API key in AI_SRE_LLM_API_KEY_FILE`);
  return url.href.replace(/\/+$/, '');
}

/** Go durations as Ollama reads keep_alive (`30m`, `1h30m`, `-1` for ever), or plain seconds. */
const KEEP_ALIVE = /^(?:-1|\d+|(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+)$/;

function provider(env: Environment, fallback: LlmProvider | 'off'): LlmProvider | 'off' {
  const raw = envText(env, 'AI_SRE_LLM_PROVIDER');
  if (raw === undefined) {
    if (envText(env, 'OLLAMA_HOST')) return 'ollama';
    if (envText(env, 'AI_SRE_LLM_BASE_URL')) return 'openai';
    return fallback;
  }
  if (raw === 'ollama' || raw === 'openai' || raw === 'off') return raw;
  throw new ConfigError(`AI_SRE_LLM_PROVIDER must be ollama, openai or off, got "${raw}"`);
}

function limits(env: Environment, model: string, anonymizeByDefault: boolean): LlmLimits {
  return {
    model,
    timeoutMs: envInteger(env, 'AI_SRE_LLM_TIMEOUT_MS', DEFAULT_LLM_LIMITS.timeoutMs, 1),
    promptBudget: envInteger(
      env,
      'AI_SRE_LLM_PROMPT_BUDGET',
      DEFAULT_LLM_LIMITS.promptBudget,
      MIN_PROMPT_BUDGET,
    ),
    maxAnswerTokens: envInteger(env, 'AI_SRE_LLM_MAX_TOKENS', DEFAULT_LLM_LIMITS.maxAnswerTokens, 64),
    temperature: temperature(env),
    anonymize: envBoolean(env, 'AI_SRE_LLM_ANONYMIZE', anonymizeByDefault),
    cacheEntries: envInteger(env, 'AI_SRE_LLM_CACHE_SIZE', DEFAULT_LLM_LIMITS.cacheEntries, 0),
    concurrency: envInteger(env, 'AI_SRE_LLM_CONCURRENCY', DEFAULT_LLM_LIMITS.concurrency, 1),
  };
}

function ollamaConfig(env: Environment): OllamaConfig {
  const config: OllamaConfig = {
    provider: 'ollama',
    host: httpUrl('OLLAMA_HOST', envText(env, 'OLLAMA_HOST') ?? DEFAULT_OLLAMA_HOST),
    keepAlive: envText(env, 'AI_SRE_LLM_KEEP_ALIVE') ?? DEFAULT_KEEP_ALIVE,
    numCtx: envInteger(env, 'AI_SRE_LLM_NUM_CTX', DEFAULT_NUM_CTX, 1),
    // Ollama runs next to the cluster, usually inside it: names need not be hidden from it.
    ...limits(env, envText(env, 'AI_SRE_LLM_MODEL') ?? DEFAULT_OLLAMA_MODEL, false),
  };
  if (!KEEP_ALIVE.test(config.keepAlive)) {
    throw new ConfigError(
      `AI_SRE_LLM_KEEP_ALIVE must be a duration such as 30m or 1h, seconds, or -1, got "${config.keepAlive}"`,
    );
  }
  if (config.promptBudget + config.maxAnswerTokens > config.numCtx) {
    throw new ConfigError(
      `AI_SRE_LLM_NUM_CTX (${config.numCtx}) must hold AI_SRE_LLM_PROMPT_BUDGET (${config.promptBudget}) plus AI_SRE_LLM_MAX_TOKENS (${config.maxAnswerTokens}); Ollama would cut the prompt`,
    );
  }
  return config;
}

function openAiConfig(env: Environment): OpenAiConfig {
  const model = envText(env, 'AI_SRE_LLM_MODEL');
  if (!model) throw new ConfigError('AI_SRE_LLM_MODEL is required with AI_SRE_LLM_PROVIDER=openai');
  const config: OpenAiConfig = {
    provider: 'openai',
    baseUrl: httpUrl('AI_SRE_LLM_BASE_URL', envText(env, 'AI_SRE_LLM_BASE_URL') ?? DEFAULT_OPENAI_BASE_URL),
    // An OpenAI-compatible server may be a hosted API outside the cluster: names stay home by default.
    ...limits(env, model, true),
  };
  const keyFile = envText(env, 'AI_SRE_LLM_API_KEY_FILE');
  if (keyFile) {
    try {
      accessSync(keyFile, constants.R_OK);
    } catch (error) {
      throw new ConfigError(
        `AI_SRE_LLM_API_KEY_FILE: cannot read ${keyFile}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
      );
    }
    config.apiKeyFile = keyFile;
  }
  return config;
}

/**
 * Reads the LLM settings from environment variables; every problem is reported by name.
 *
 * Without AI_SRE_LLM_PROVIDER the provider follows from what is set: OLLAMA_HOST means Ollama,
 * AI_SRE_LLM_BASE_URL an OpenAI-compatible server, and neither means off. Off by default because
 * the deterministic diagnosis is complete without a model, and a backend that guessed a local
 * Ollama would report it unavailable on every diagnosis of a cluster that has none. The scenario
 * command passes `defaultProvider: 'ollama'`: `--llm` on a workstation means the local Ollama.
 */
export function loadLlmConfig(
  env: Environment = process.env,
  options: { defaultProvider?: LlmProvider | 'off' } = {},
): LlmConfig {
  const chosen = provider(env, options.defaultProvider ?? 'off');
  if (chosen === 'ollama') return ollamaConfig(env);
  if (chosen === 'openai') return openAiConfig(env);
  return envText(env, 'AI_SRE_LLM_PROVIDER') === 'off'
    ? { provider: 'off', reason: 'the LLM is turned off (AI_SRE_LLM_PROVIDER=off)' }
    : LLM_OFF;
}
