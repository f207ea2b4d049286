import { DEFAULT_LLM_LIMITS, type OllamaConfig, type OpenAiConfig } from '../../../backend/src/llm/config.js';

export function ollamaConfig(host: string, overrides: Partial<OllamaConfig> = {}): OllamaConfig {
  return {
    provider: 'ollama',
    host,
    model: 'llama3.1:8b',
    keepAlive: '30m',
    numCtx: 4096,
    anonymize: false,
    ...DEFAULT_LLM_LIMITS,
    timeoutMs: 5000,
    ...overrides,
  };
}

export function openAiConfig(baseUrl: string, overrides: Partial<OpenAiConfig> = {}): OpenAiConfig {
  return {
    provider: 'openai',
    baseUrl,
    model: 'qwen2.5-7b-instruct',
    anonymize: true,
    ...DEFAULT_LLM_LIMITS,
    timeoutMs: 5000,
    ...overrides,
  };
}
