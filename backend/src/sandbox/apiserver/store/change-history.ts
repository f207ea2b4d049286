import type { Change } from './change.js';

/**
 * The last `limit` changes of one resource type, like the API server's watch cache: a watch may start
 * from any resourceVersion no older than the newest change already dropped.
 */
export class ChangeHistory {
  private entries: Change[] = [];
  private head = 0;
  private droppedThrough = 0;

  constructor(private readonly limit: number) {}

  record(change: Change): void {
    this.entries.push(change);
    if (this.entries.length - this.head > this.limit) {
      const dropped = this.entries[this.head];
      if (dropped) this.droppedThrough = dropped.revision;
      this.head += 1;
      if (this.head >= this.limit) {
        this.entries = this.entries.slice(this.head);
        this.head = 0;
      }
    }
  }

  /** The oldest resourceVersion a watch may still start from. */
  get oldestResumable(): number {
    return this.droppedThrough;
  }

  /** Changes after `revision`, oldest first; undefined when some of them were already dropped. */
  since(revision: number): Change[] | undefined {
    if (revision < this.droppedThrough) return undefined;
    let low = this.head;
    let high = this.entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const entry = this.entries[middle];
      if (entry && entry.revision <= revision) low = middle + 1;
      else high = middle;
    }
    return this.entries.slice(low);
  }
}
