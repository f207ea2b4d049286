import { type KubeConfig, Watch } from '@kubernetes/client-node';
import { TimeoutError } from '../support/limiter.js';

type WatchCallback = Parameters<Watch['watch']>[2];
type WatchDone = Parameters<Watch['watch']>[3];

/**
 * client-node's Watch waits for the API server's answer without a deadline, so a server that takes
 * the request and never answers would leave an informer waiting for ever. This one gives up after
 * `answerWithinMs`: it reports a TimeoutError through `done` (the informer then tries again) and
 * drops the late request, should it ever be answered.
 */
export class DeadlineWatch extends Watch {
  private readonly open = new Set<AbortController>();
  private closed = false;

  constructor(
    config: KubeConfig,
    private readonly answerWithinMs: number,
  ) {
    super(config);
  }

  override async watch(
    path: string,
    queryParams: Parameters<Watch['watch']>[1],
    callback: WatchCallback,
    done: WatchDone,
  ): Promise<AbortController> {
    if (this.closed) return abortedController();
    let abandoned = false;
    let controller: AbortController | undefined;
    const started = super.watch(
      path,
      queryParams,
      (...event) => {
        if (!abandoned) callback(...event);
      },
      (error) => {
        if (controller) this.open.delete(controller);
        if (!abandoned) done(error);
      },
    );
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), this.answerWithinMs);
    });
    const first = await Promise.race([started, late]);
    clearTimeout(timer);
    if (first !== 'late') {
      controller = first;
      // The informer asked for this watch before it was stopped, and got it after.
      if (this.closed) first.abort();
      else this.open.add(first);
      return first;
    }
    abandoned = true;
    void started.then((controller) => controller.abort()).catch(() => undefined);
    done(
      new TimeoutError(`the API server did not answer the watch on ${path} within ${this.answerWithinMs} ms`),
    );
    return new AbortController();
  }

  /** Opens watches again after close(). */
  reopen(): void {
    this.closed = false;
  }

  /** Ends every watch this opened, and opens no more: a stopped informer may still be starting one. */
  close(): void {
    this.closed = true;
    for (const controller of this.open) controller.abort();
    this.open.clear();
  }
}

function abortedController(): AbortController {
  const controller = new AbortController();
  controller.abort();
  return controller;
}
