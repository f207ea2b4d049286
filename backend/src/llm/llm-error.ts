import { redactText } from '../kube/redact.js';

/**
 * How a model call failed, as a diagnosis reports it: the server could not be reached or refused
 * (unavailable), took longer than allowed (timeout), or answered something unusable (invalid).
 * `aborted` is internal: the client that asked went away, so nobody reads the outcome.
 */
export type LlmFailure = 'unavailable' | 'timeout' | 'invalid' | 'aborted';

export class LlmError extends Error {
  override name = 'LlmError';
  constructor(
    readonly failure: LlmFailure,
    message: string,
  ) {
    // Messages reach the API and the UI: whatever a server echoed back is masked like any free text.
    super(redactText(message));
  }
}

/** A server stopped at the answer-token limit: the JSON it wrote is cut short, so nothing can be read from it. */
export function answerCutError(maxAnswerTokens: number): LlmError {
  return new LlmError(
    'invalid',
    `the answer was cut at ${maxAnswerTokens} tokens (AI_SRE_LLM_MAX_TOKENS) before it was complete`,
  );
}

/** The innermost cause's words: fetch says "fetch failed" and keeps ECONNREFUSED in `cause`. */
function causeOf(error: unknown): string {
  let current: unknown = error;
  let message = '';
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    message = code && !current.message.includes(code) ? `${current.message} (${code})` : current.message;
    current = current.cause;
  }
  return message || String(error);
}

/**
 * Names the failure of a call: an answer that came but cannot be used is invalid, a deadline that
 * passed is a timeout, a caller that left is an abort, and anything else (refused connection,
 * HTTP error) means the server is unavailable.
 */
export function classifyFailure(
  error: unknown,
  context: { timedOut: boolean; aborted: boolean; endpoint: string; timeoutMs: number },
): LlmError {
  if (error instanceof LlmError && error.failure === 'invalid') return error;
  if (context.timedOut)
    return new LlmError('timeout', `no answer from ${context.endpoint} within ${context.timeoutMs} ms`);
  if (context.aborted) return new LlmError('aborted', 'the request was cancelled');
  if (error instanceof LlmError) return error;
  return new LlmError('unavailable', `${context.endpoint}: ${causeOf(error)}`);
}
