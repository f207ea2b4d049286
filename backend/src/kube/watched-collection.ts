import {
  type KubeConfig,
  type KubernetesListObject,
  type KubernetesObject,
  ListWatch,
} from '@kubernetes/client-node';
import { DeadlineWatch } from './deadline-watch.js';

export type CollectionChange = 'add' | 'update' | 'delete';

export interface WatchedCollectionOptions<T extends KubernetesObject> {
  kubeConfig: KubeConfig;
  /** The collection's URL path, e.g. `/api/v1/namespaces/argocd/configmaps`. */
  path: string;
  list: () => Promise<KubernetesListObject<T>>;
  labelSelector?: string;
  /** What is watched, for messages: "runbook ConfigMaps in argocd". */
  description: string;
  onChange: (change: CollectionChange, object: T) => void;
  /** Reports a watch that broke or could not start; the collection retries on its own. */
  onError: (message: string, error: unknown) => void;
  /** The first wait before watching again after a failure; doubles up to `maxRetryDelayMs`. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /**
   * How long one watch request stays open. kube-apiserver ends a watch after its timeoutSeconds and
   * the informer resumes from the last resourceVersion, so a connection that went quiet without
   * closing is replaced within this time instead of silently missing every later change.
   */
  watchTimeoutSeconds?: number;
  /** How long the API server may take to start answering a watch before it is tried again. */
  watchAnswerWithinMs?: number;
}

/**
 * A client-node informer kept alive: after a failed list or watch it tries again with a growing
 * delay, resuming from the last resourceVersion (the API server replays what changed meanwhile) or,
 * when that is too old, listing afresh; so a watch that drops loses no update.
 */
export class WatchedCollection<T extends KubernetesObject> {
  private readonly informer: ListWatch<T>;
  private readonly watch: DeadlineWatch;
  private failures = 0;
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: WatchedCollectionOptions<T>) {
    const timeout = options.watchTimeoutSeconds ?? 300;
    this.watch = new DeadlineWatch(options.kubeConfig, options.watchAnswerWithinMs ?? 30_000);
    this.informer = new ListWatch<T>(
      `${options.path}?timeoutSeconds=${timeout}`,
      this.watch,
      options.list,
      false,
      options.labelSelector,
    );
    for (const change of ['add', 'update', 'delete'] as const) {
      this.informer.on(change, (object) => {
        this.failures = 0;
        options.onChange(change, object);
      });
    }
    this.informer.on('error', (error: unknown) => this.failed(error));
  }

  /** Lists, then watches; resolves once the first list is in (or has failed and a retry is scheduled). */
  async start(): Promise<void> {
    this.stopped = false;
    this.watch.reopen();
    await this.informer.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.informer.stop();
    this.watch.close();
  }

  list(): readonly T[] {
    return this.informer.list();
  }

  get(name: string, namespace?: string): T | undefined {
    return this.informer.get(name, namespace);
  }

  private failed(error: unknown): void {
    if (this.stopped) return;
    this.failures += 1;
    const first = this.options.retryDelayMs ?? 1000;
    const delay = Math.min(first * 2 ** (this.failures - 1), this.options.maxRetryDelayMs ?? 30_000);
    this.options.onError(`the watch on ${this.options.description} failed; retrying in ${delay} ms`, error);
    clearTimeout(this.retry);
    this.retry = setTimeout(() => {
      if (this.stopped) return;
      this.informer
        .start()
        .catch((retryError: unknown) =>
          this.options.onError(`cannot watch ${this.options.description}`, retryError),
        );
    }, delay);
    this.retry.unref();
  }
}
