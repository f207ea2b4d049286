interface Entry<T> {
  result: Promise<T>;
  /** When the result stops being reused; undefined while it is still being produced. */
  expiresAt?: number;
}

/**
 * Results of recent work by key, reused for `ttlMs` after they are produced, at most `capacity` of
 * them (the oldest go first). Identical calls while the work is under way share it. A failure is
 * never reused: the next call tries again. With a ttl of 0 every call does the work itself.
 */
export class RecentResults<T> {
  readonly #entries = new Map<string, Entry<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly capacity: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.#entries.size;
  }

  /** The recent result of `key`, or the one under way, else a new one from `produce`. */
  get(key: string, produce: () => Promise<T>): Promise<T> {
    const existing = this.#entries.get(key);
    if (existing && (existing.expiresAt === undefined || existing.expiresAt > this.now()))
      return existing.result;
    return this.replace(key, produce);
  }

  /** A new result from `produce`, which later `get`s of `key` then reuse in place of any older one. */
  replace(key: string, produce: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return produce();
    this.#entries.delete(key);
    const entry: Entry<T> = { result: produce() };
    entry.result.then(
      () => {
        if (this.#entries.get(key) === entry) entry.expiresAt = this.now() + this.ttlMs;
      },
      () => {
        if (this.#entries.get(key) === entry) this.#entries.delete(key);
      },
    );
    this.#entries.set(key, entry);
    this.#evict();
    return entry.result;
  }

  /** Drops expired results, then the oldest ones beyond capacity (work under way included: its callers keep their promise). */
  #evict(): void {
    const now = this.now();
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt !== undefined && entry.expiresAt <= now) this.#entries.delete(key);
    }
    for (const key of this.#entries.keys()) {
      if (this.#entries.size <= this.capacity) break;
      this.#entries.delete(key);
    }
  }
}
