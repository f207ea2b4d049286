import { LlmAssistant } from './assistant.js';
import { createLlmClient } from './clients/index.js';
import type { LlmConfig } from './config.js';

/** The LLM as the rest of the backend sees it: an assistant, or off with the reason why. */
export type LlmService = { enabled: true; assistant: LlmAssistant } | { enabled: false; reason: string };

export function createLlmService(config: LlmConfig): LlmService {
  if (config.provider === 'off') return { enabled: false, reason: config.reason };
  return { enabled: true, assistant: new LlmAssistant(createLlmClient(config), config) };
}
