import type { LlmConfig } from '../llm/config.js';

/**
 * The demo's model: Ollama when it answers at its host, else off with the reason. Asking once at
 * start, briefly, means a workstation without Ollama sees "LLM off" at once instead of every
 * diagnosis waiting out the model call's timeout.
 */
export async function availableLlm(
  configured: LlmConfig,
  fetchImpl: typeof fetch = fetch,
  timeoutMs = 1500,
): Promise<LlmConfig> {
  if (configured.provider !== 'ollama') return configured;
  try {
    const response = await fetchImpl(`${configured.host}/api/version`, {
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.ok) return configured;
    return { provider: 'off', reason: `Ollama at ${configured.host} answered ${response.status}` };
  } catch {
    return { provider: 'off', reason: `Ollama does not answer at ${configured.host}` };
  }
}
