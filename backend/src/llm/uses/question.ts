import type { LlmTask } from '../assistant.js';
import type { NameMask } from '../prompt/anonymizer.js';

/**
 * One use's question, ready to ask: the task the assistant sends (whose answer may be cached and
 * shared, so it is in the prompt's terms: masked names, short evidence ids), and how to turn that
 * answer into this diagnosis's terms.
 */
export interface Question<Answer, Result> {
  task: LlmTask<Answer>;
  /** Prompt tokens as counted before sending. */
  tokens: number;
  /** The prompt's anonymisation: streamed text is unmasked with it. */
  mask: NameMask;
  /** The answer for this diagnosis; throws LlmError('invalid') when it cannot apply here. */
  finish(answer: Answer): Result;
}
