import type { LlmAssistant } from '../llm/assistant.js';
import { LlmError } from '../llm/llm-error.js';
import type { LlmOutcome, LlmStepOutcome, LlmUse } from '../llm/outcome.js';
import type { Question } from '../llm/uses/question.js';
import type { Stopwatch } from './diagnose.js';

type FailedStep = LlmStepOutcome & { status: 'unavailable' | 'timeout' | 'invalid' };

function isFailure(step: LlmStepOutcome): step is FailedStep {
  return step.status === 'unavailable' || step.status === 'timeout' || step.status === 'invalid';
}

/**
 * The questions one diagnosis asks, each recorded as a step of its `llm` outcome. An invalid
 * answer fails only its own question; after an unreachable or slow model the later questions are
 * skipped rather than waited for again. An abort (the client left) is not recorded: it rejects.
 */
export class LlmQuestions {
  readonly steps: LlmStepOutcome[] = [];
  #blocked: LlmStepOutcome | undefined;

  constructor(
    private readonly assistant: LlmAssistant,
    private readonly stopwatch: Stopwatch,
    private readonly signal: AbortSignal | undefined,
  ) {}

  /** The answer in the diagnosis's terms, or undefined when the question failed or was skipped. */
  async ask<A, R>(
    use: LlmUse,
    question: Question<A, R>,
    onText?: (text: string) => void,
  ): Promise<R | undefined> {
    const step: LlmStepOutcome = { use, status: 'ok', promptTokens: question.tokens, ms: 0 };
    this.steps.push(step);
    const blocked = this.#blocked;
    if (blocked) {
      step.status = 'skipped';
      step.detail = `not asked after ${blocked.use} found the model ${blocked.status === 'timeout' ? 'too slow' : 'unavailable'}`;
      return undefined;
    }
    const start = this.stopwatch();
    try {
      const answered = await this.assistant.ask(question.task, {
        ...(this.signal ? { signal: this.signal } : {}),
        ...(onText ? { onText } : {}),
      });
      step.source = answered.source;
      if (answered.promptTokens !== undefined) step.modelPromptTokens = answered.promptTokens;
      if (answered.evalTokens !== undefined) step.evalTokens = answered.evalTokens;
      return question.finish(answered.value);
    } catch (error) {
      if (!(error instanceof LlmError) || error.failure === 'aborted') throw error;
      step.status = error.failure;
      step.detail = error.message;
      if (error.failure !== 'invalid') this.#blocked = step;
      return undefined;
    } finally {
      step.ms = this.stopwatch() - start;
    }
  }

  /** `ok` when every question asked was answered; else the first failure, named by its question. */
  outcome(): Pick<LlmOutcome, 'status' | 'detail'> {
    const failed = this.steps.find(isFailure);
    return failed
      ? { status: failed.status, detail: `${failed.use}: ${failed.detail ?? failed.status}` }
      : { status: 'ok' };
  }
}
