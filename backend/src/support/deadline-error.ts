import { HttpError } from '../http-error.js';

/** `5 s`, `1.5 s`, `250 ms`: a deadline as people read it. */
export function formatDeadline(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

/**
 * An outbound call (Kubernetes, Git, a forge's API) that did not answer in time: a 504 whose message
 * names what was waited for and how long. Named TimeoutError, like the other timeouts, so that
 * retry logic treats it as transient.
 */
export class DeadlineError extends HttpError {
  override name = 'TimeoutError';

  constructor(
    what: string,
    readonly timeoutMs: number,
  ) {
    super(504, `${what} did not answer within ${formatDeadline(timeoutMs)}`);
  }
}
