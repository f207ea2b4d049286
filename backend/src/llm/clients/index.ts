import type { LlmClient } from '../client.js';
import type { OllamaConfig, OpenAiConfig } from '../config.js';
import { createOllamaClient } from './ollama-client.js';
import { createOpenAiClient } from './openai-client.js';

/** The client the configuration names. */
export function createLlmClient(config: OllamaConfig | OpenAiConfig): LlmClient {
  return config.provider === 'ollama' ? createOllamaClient(config) : createOpenAiClient(config);
}
