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
    let abandoned = false;
    const started = super.watch(
      path,
      queryParams,
      (...event) => {
        if (!abandoned) callback(...event);
      },
      (error) => {
        if (!abandoned) done(error);
      },
    );
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), this.answerWithinMs);
    });
    const first = await Promise.race([started, late]);
    clearTimeout(timer);
    if (first !== 'late') return first;
    abandoned = true;
    void started.then((controller) => controller.abort()).catch(() => undefined);
    done(
      new TimeoutError(`the API server did not answer the watch on ${path} within ${this.answerWithinMs} ms`),
    );
    return new AbortController();
  }
}
