import type { LlmTask } from '../assistant.js';
import type { NameMask } from '../prompt/anonymizer.js';
import type { BuiltPrompt } from '../prompt/build-prompt.js';

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

/** The question a built prompt asks: its messages and count, the answer's schema and reader, and `finish`. */
export function questionOf<Answer, Result>(
  prompt: BuiltPrompt,
  answer: Pick<LlmTask<Answer>, 'schemaName' | 'schema' | 'read'>,
  finish: (answer: Answer) => Result,
): Question<Answer, Result> {
  return {
    tokens: prompt.tokens,
    mask: prompt.mask,
    task: { system: prompt.system, user: prompt.user, ...answer },
    finish,
  };
}
