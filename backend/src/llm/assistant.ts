import { createHash } from 'node:crypto';
import { createLimiter } from '../support/limiter.js';
import type { LlmClient, ServerProbe } from './client.js';
import type { LlmLimits } from './config.js';
import { classifyFailure } from './llm-error.js';
import { type AnswerSource, SharedAnswers } from './shared-answers.js';

/** One question for the model: the prompt, the schema its answer follows, and how to read that answer. */
export interface LlmTask<T> {
  system: string;
  user: string;
  schemaName: string;
  /** Sent to the server, which constrains the answer to it. */
  schema: Record<string, unknown>;
  /** The answer's text as a value, or LlmError('invalid'); runs once per model answer. */
  read(text: string): T;
}

export interface AskOptions {
  /** The caller left: its share of the call ends. */
  signal?: AbortSignal;
  /** The answer's raw text as it is generated. */
  onText?: (text: string) => void;
}

export interface Answered<T> {
  value: T;
  source: AnswerSource;
  /** As the server counted them; absent for cached answers and servers that do not say. */
  promptTokens?: number;
  evalTokens?: number;
}

type Produced = Omit<Answered<unknown>, 'source'>;

function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/**
 * The model as the diagnosis uses it: one client behind a concurrency limit, a timeout per call
 * (waiting for a slot included), and answers shared by model and prompt hash. Answers are read
 * and validated before they are cached, so a cache never holds an answer that was refused.
 */
export class LlmAssistant {
  readonly #client: LlmClient;
  readonly #limits: LlmLimits;
  readonly #answers: SharedAnswers<Produced>;
  readonly #limit: <T>(task: () => Promise<T>) => Promise<T>;

  constructor(client: LlmClient, limits: LlmLimits) {
    this.#client = client;
    this.#limits = limits;
    this.#answers = new SharedAnswers(limits.cacheEntries);
    this.#limit = createLimiter(limits.concurrency);
  }

  get provider(): LlmClient['provider'] {
    return this.#client.provider;
  }

  get model(): string {
    return this.#client.model;
  }

  get endpoint(): string {
    return this.#client.endpoint;
  }

  get limits(): LlmLimits {
    return this.#limits;
  }

  async ask<T>(task: LlmTask<T>, options: AskOptions = {}): Promise<Answered<T>> {
    const key = createHash('sha256')
      .update(
        JSON.stringify([
          this.#client.provider,
          this.#client.model,
          this.#limits.temperature,
          this.#limits.maxAnswerTokens,
          task.schemaName,
          task.schema,
          task.system,
          task.user,
        ]),
      )
      .digest('hex');
    const { value, source } = await this.#answers.get(
      key,
      (signal, onText) => this.#call(task, signal, onText),
      options,
    );
    return { ...(value as Answered<T>), source };
  }

  /** Whether the server answers and which models it has, within the call timeout. */
  probe(): Promise<ServerProbe> {
    return this.#client.probe(AbortSignal.timeout(this.#limits.timeoutMs));
  }

  /** Aborts every call in flight; their callers get an aborted outcome. */
  close(): void {
    this.#answers.abortAll('the backend is shutting down');
  }

  async #call<T>(
    task: LlmTask<T>,
    signal: AbortSignal,
    onText: ((text: string) => void) | undefined,
  ): Promise<Produced> {
    const deadline = AbortSignal.timeout(this.#limits.timeoutMs);
    const bounded = AbortSignal.any([signal, deadline]);
    try {
      const answer = await Promise.race([
        this.#limit(() => {
          bounded.throwIfAborted();
          return this.#client.chat({
            system: task.system,
            user: task.user,
            schema: task.schema,
            schemaName: task.schemaName,
            signal: bounded,
            ...(onText ? { onText } : {}),
          });
        }),
        rejectOnAbort(bounded),
      ]);
      const produced: Produced = { value: task.read(answer.text) };
      if (answer.promptTokens !== undefined) produced.promptTokens = answer.promptTokens;
      if (answer.evalTokens !== undefined) produced.evalTokens = answer.evalTokens;
      return produced;
    } catch (error) {
      throw classifyFailure(error, {
        timedOut: deadline.aborted,
        aborted: signal.aborted,
        endpoint: this.#client.endpoint,
        timeoutMs: this.#limits.timeoutMs,
      });
    }
  }
}
