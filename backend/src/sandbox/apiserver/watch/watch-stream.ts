import type { KubeObject } from '../../../kube/objects.js';
import { ApiError } from '../api-error.js';
import type { ObjectFilter } from '../handlers/object-filter.js';
import type { Exchange } from '../http/exchange.js';
import type { ResourceType } from '../resource-type.js';
import { apiVersionOf } from '../resource-type.js';
import type { Change } from '../store/change.js';
import type { ObjectStore } from '../store/object-store.js';
import { buildTable } from '../tables/table.js';
import { type TableFormat, tableContentType } from '../tables/table-format.js';
import type { WatchOptions } from './watch-options.js';

/** kube-apiserver sends a bookmark about once a minute to watches that allow them. */
const bookmarkIntervalMs = 60_000;

type EventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchTarget {
  type: ResourceType;
  namespace?: string;
  filter: ObjectFilter;
  table?: TableFormat;
  /** How long the watch stays open: timeoutSeconds, else the server's default. */
  timeoutMs: number;
}

/**
 * One open watch: newline-delimited JSON events over a chunked 200 response. Selectors apply to each change
 * the way the watch cache applies them: an object entering the selection is ADDED, one leaving it DELETED.
 */
export class WatchStream {
  private unsubscribe: (() => void) | undefined;
  private readonly timers: NodeJS.Timeout[] = [];
  private closed = false;
  private columnsSent = false;

  constructor(
    private readonly exchange: Exchange,
    private readonly store: ObjectStore,
    private readonly target: WatchTarget,
    private readonly options: WatchOptions,
    private readonly now: () => Date,
    private readonly onClose: (stream: WatchStream) => void,
  ) {}

  start(): void {
    const { type } = this.target;
    const replay =
      this.options.fromRevision === undefined ? [] : this.store.changesSince(type, this.options.fromRevision);
    this.exchange.openStream(this.target.table ? tableContentType(this.target.table) : 'application/json');
    this.exchange.response.on('close', () => this.close());
    if (replay === undefined) {
      this.expire(this.options.fromRevision ?? 0);
      return;
    }
    this.unsubscribe = this.store.subscribe(type, (change) => this.deliver(change));
    if (this.options.initialEvents) {
      for (const { object } of this.store.scan(type, this.target.namespace)) {
        if (this.target.filter.matches(object)) this.send('ADDED', object);
      }
      if (this.options.initialEventsBookmark) this.bookmark({ 'k8s.io/initial-events-end': 'true' });
    }
    for (const change of replay) this.deliver(change);
    this.schedule();
  }

  /** The answer to a resourceVersion older than the retained history: an ERROR event with a 410 Status. */
  private expire(revision: number): void {
    const oldest = this.store.oldestResumable(this.target.type) + 1;
    const status = new ApiError(
      410,
      'Expired',
      `too old resource version: ${revision} (${oldest})`,
    ).toStatus();
    this.write('ERROR', status);
    this.close();
  }

  private schedule(): void {
    if (this.options.allowBookmarks) {
      const interval = setInterval(() => this.bookmark(), bookmarkIntervalMs);
      interval.unref();
      this.timers.push(interval);
    }
    const timeout = setTimeout(() => {
      if (this.options.allowBookmarks) this.bookmark();
      this.close();
    }, this.target.timeoutMs);
    timeout.unref();
    this.timers.push(timeout);
  }

  private inScope(object: KubeObject | undefined): boolean {
    if (!object) return false;
    if (this.target.namespace !== undefined && this.target.type.namespaced) {
      if (object.metadata?.namespace !== this.target.namespace) return false;
    }
    return this.target.filter.matches(object);
  }

  private deliver(change: Change): void {
    const matchesNow = this.inScope(change.object);
    if (change.type === 'ADDED') {
      if (matchesNow) this.send('ADDED', change.object);
    } else if (change.type === 'DELETED') {
      if (matchesNow) this.send('DELETED', change.object);
    } else {
      const matchedBefore = this.inScope(change.previous);
      if (matchesNow) this.send(matchedBefore ? 'MODIFIED' : 'ADDED', change.object);
      else if (matchedBefore && change.previous) {
        const left = {
          ...change.previous,
          metadata: { ...change.previous.metadata, resourceVersion: String(change.revision) },
        };
        this.send('DELETED', left);
      }
    }
  }

  private send(type: EventType, object: KubeObject): void {
    const { table } = this.target;
    if (!table) {
      this.write(type, object);
      return;
    }
    const metadata = { resourceVersion: object.metadata?.resourceVersion ?? '' };
    this.write(type, buildTable(this.target.type, [object], table, this.now(), metadata, !this.columnsSent));
    this.columnsSent = true;
  }

  private bookmark(annotations?: Record<string, string>): void {
    const metadata: Record<string, unknown> = { resourceVersion: String(this.store.revision) };
    if (annotations) metadata.annotations = annotations;
    this.write('BOOKMARK', {
      apiVersion: apiVersionOf(this.target.type),
      kind: this.target.type.kind,
      metadata,
    });
  }

  private write(type: EventType, object: unknown): void {
    if (this.closed) return;
    this.exchange.response.write(`${JSON.stringify({ type, object })}\n`);
  }

  /** Ends the response; also runs when the client goes away. */
  close(): void {
    if (this.release()) this.exchange.response.end();
  }

  /** Drops the connection without ending the response. */
  reset(): void {
    if (this.release()) this.exchange.response.destroy();
  }

  private release(): boolean {
    if (this.closed) return false;
    this.closed = true;
    this.unsubscribe?.();
    for (const timer of this.timers) clearTimeout(timer);
    this.onClose(this);
    return true;
  }
}
