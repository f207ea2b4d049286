import * as React from 'react';
import type { RequestOptions, Retry } from '../api.js';

export interface ActionState<A extends unknown[]> {
  run: (...args: A) => void;
  pending: boolean;
  error?: Error;
  retry?: Retry;
}

/**
 * A write the user asked for (propose, approve, reject, change the mode): one at a time, its
 * failure kept for display until the next try, its answer handed to `onDone`.
 */
export function useAction<A extends unknown[], T>(
  perform: (options: RequestOptions, ...args: A) => Promise<T>,
  onDone: (result: T) => void,
): ActionState<A> {
  const [state, setState] = React.useState<{ pending: boolean; error?: Error; retry?: Retry }>({
    pending: false,
  });
  const mounted = React.useRef(true);
  const running = React.useRef(false);
  React.useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const run = (...args: A) => {
    if (running.current) return;
    running.current = true;
    setState({ pending: true });
    const onRetry = (retry: Retry) => mounted.current && setState({ pending: true, retry });
    perform({ onRetry }, ...args).then(
      (result) => {
        running.current = false;
        if (!mounted.current) return;
        setState({ pending: false });
        onDone(result);
      },
      (error: Error) => {
        running.current = false;
        if (mounted.current) setState({ pending: false, error });
      },
    );
  };
  return { ...state, run };
}
