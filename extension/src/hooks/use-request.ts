import * as React from 'react';
import type { RequestOptions, Retry } from '../api.js';

export interface RequestState<T> {
  data?: T;
  /** The last load failed; `data` still holds what the load before it returned. */
  error?: Error;
  loading: boolean;
  /** A try failed and another is coming. */
  retry?: Retry;
  reload: () => void;
  /** Shows a newer value at once (an action's answer), until the next load. */
  replace: (update: (current: T | undefined) => T) => void;
}

/**
 * Loads on mount, whenever `key` changes and on reload; then again after `pollMs(data)` when that
 * gives a number, reckoned from the data shown (so an approval shown at once speeds the polling up
 * at once). An answer that arrives after a newer load started, or after unmount, is dropped, and
 * nothing is polled after unmount.
 */
export function useRequest<T>(
  load: (options: RequestOptions) => Promise<T>,
  key: string,
  pollMs?: (data: T) => number | undefined,
): RequestState<T> {
  const [state, setState] = React.useState<{ data?: T; error?: Error; loading: boolean; retry?: Retry }>({
    loading: true,
  });
  const [generation, setGeneration] = React.useState(0);
  // The latest functions, without making every render a new load.
  const latest = React.useRef({ load, pollMs });
  latest.current = { load, pollMs };

  // biome-ignore lint/correctness/useExhaustiveDependencies: key and generation say when to start anew; the rest is read through `latest`
  React.useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ ...previous, loading: true, retry: undefined }));
    latest.current
      .load({
        signal: controller.signal,
        onRetry: (retry) => {
          if (!controller.signal.aborted) setState((previous) => ({ ...previous, retry }));
        },
      })
      .then(
        (data) => {
          if (controller.signal.aborted) return;
          setState({ data, loading: false });
        },
        (error: Error) => {
          if (controller.signal.aborted) return;
          setState((previous) => ({ data: previous.data, error, loading: false }));
        },
      );
    return () => controller.abort();
  }, [key, generation]);

  const { data, loading } = state;
  React.useEffect(() => {
    if (data === undefined || loading) return;
    const next = latest.current.pollMs?.(data);
    if (next === undefined) return;
    const timer = setTimeout(() => setGeneration((value) => value + 1), next);
    return () => clearTimeout(timer);
  }, [data, loading]);

  const reload = React.useCallback(() => setGeneration((value) => value + 1), []);
  const replace = React.useCallback(
    (update: (current: T | undefined) => T) =>
      setState((previous) => ({ ...previous, data: update(previous.data), error: undefined })),
    [],
  );
  return { ...state, reload, replace };
}
