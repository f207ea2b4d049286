import { LlmError } from './llm-error.js';

/** Where an answer came from: a new model call, one already in flight for the same prompt, or the cache. */
export type AnswerSource = 'model' | 'shared' | 'cache';

export interface AnswerSubscriber {
  /** This caller leaving: the call goes on while another caller still waits for it. */
  signal?: AbortSignal;
  /** The answer's text as it streams; a caller that joins late first gets what came so far. */
  onText?: (text: string) => void;
}

/** Makes the answer; `onText` is given when the first caller wants the text as it streams. */
export type ProduceAnswer<T> = (
  signal: AbortSignal,
  onText: ((text: string) => void) | undefined,
) => Promise<T>;

interface Flight<T> {
  controller: AbortController;
  promise: Promise<T>;
  texts: string[];
  listeners: Set<(text: string) => void>;
  members: number;
}

/**
 * Answers by key (model and prompt hash): a bounded LRU of finished answers, and the calls in
 * flight, which identical concurrent requests share instead of asking the model twice. A failed
 * call is not remembered. The shared call is aborted only when every caller waiting for it left.
 */
export class SharedAnswers<T> {
  readonly #cache = new Map<string, T>();
  readonly #flights = new Map<string, Flight<T>>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.#cache.size;
  }

  async get(
    key: string,
    produce: ProduceAnswer<T>,
    subscriber: AnswerSubscriber = {},
  ): Promise<{ value: T; source: AnswerSource }> {
    if (subscriber.signal?.aborted) throw new LlmError('aborted', 'the request was cancelled');
    const cached = this.#cache.get(key);
    if (cached !== undefined) {
      // Map keeps insertion order: re-inserting marks the entry as the most recently used.
      this.#cache.delete(key);
      this.#cache.set(key, cached);
      return { value: cached, source: 'cache' };
    }
    const existing = this.#flights.get(key);
    const flight = existing ?? this.#start(key, produce, subscriber.onText !== undefined);
    const value = await this.#join(key, flight, subscriber);
    return { value, source: existing ? 'shared' : 'model' };
  }

  /** Aborts every call in flight: the service is closing. */
  abortAll(reason: string): void {
    for (const flight of this.#flights.values()) flight.controller.abort(new LlmError('aborted', reason));
    this.#flights.clear();
  }

  #start(key: string, produce: ProduceAnswer<T>, streaming: boolean): Flight<T> {
    const controller = new AbortController();
    const texts: string[] = [];
    const listeners = new Set<(text: string) => void>();
    const broadcast = (text: string) => {
      texts.push(text);
      for (const listener of listeners) listener(text);
    };
    const flight: Flight<T> = {
      controller,
      texts,
      listeners,
      members: 0,
      promise: produce(controller.signal, streaming ? broadcast : undefined).then((value) => {
        this.#remember(key, value);
        return value;
      }),
    };
    // Every member handles the outcome; this keeps a call nobody waits for any more from going unhandled.
    flight.promise
      .catch(() => undefined)
      .finally(() => {
        if (this.#flights.get(key) === flight) this.#flights.delete(key);
      });
    this.#flights.set(key, flight);
    return flight;
  }

  #join(key: string, flight: Flight<T>, subscriber: AnswerSubscriber): Promise<T> {
    const { signal, onText } = subscriber;
    return new Promise<T>((resolve, reject) => {
      let left = false;
      const leave = () => {
        if (left) return;
        left = true;
        flight.members--;
        if (onText) flight.listeners.delete(onText);
        signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        leave();
        if (flight.members === 0) {
          // Nobody waits any more: stop the model, and let the next caller start afresh.
          if (this.#flights.get(key) === flight) this.#flights.delete(key);
          flight.controller.abort(new LlmError('aborted', 'every caller left'));
        }
        reject(new LlmError('aborted', 'the request was cancelled'));
      };
      flight.members++;
      if (onText) {
        for (const text of flight.texts) onText(text);
        flight.listeners.add(onText);
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      flight.promise.then(
        (value) => {
          leave();
          resolve(value);
        },
        (error: unknown) => {
          leave();
          reject(error);
        },
      );
    });
  }

  #remember(key: string, value: T): void {
    if (this.capacity === 0) return;
    this.#cache.delete(key);
    this.#cache.set(key, value);
    while (this.#cache.size > this.capacity) {
      const oldest = this.#cache.keys().next();
      if (oldest.done) break;
      this.#cache.delete(oldest.value);
    }
  }
}
