import * as React from 'react';
import type { AppApi, Retry } from '../api.js';
import { targetKey } from '../support/resource-target.js';
import type { ResourceRef } from '../types.js';
import { advance, type DiagnosisProgress, STARTING } from './diagnosis-progress.js';

export interface DiagnosisState extends DiagnosisProgress {
  /** The request or the stream failed; whatever had arrived stays shown. */
  error?: Error;
  retry?: Retry;
  refresh: () => void;
}

/**
 * Diagnoses on mount, when the target changes and on refresh (bypassing the backend's cache), showing each streamed event as it
 * comes. A refresh abandons the stream under way; nothing from it is shown afterwards.
 */
export function useDiagnosis(api: AppApi, target: ResourceRef | undefined): DiagnosisState {
  const [progress, setProgress] = React.useState<DiagnosisProgress>(STARTING);
  const [failure, setFailure] = React.useState<{ error?: Error; retry?: Retry }>({});
  const [generation, setGeneration] = React.useState(0);
  const key = targetKey(target);
  const latest = React.useRef({ api, target });
  latest.current = { api, target };
  // Set by Refresh: the next diagnosis bypasses the backend's cache; opening the tab does not.
  const fresh = React.useRef(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: key and generation say when to start anew; the rest is read through `latest`
  React.useEffect(() => {
    const controller = new AbortController();
    const live = () => !controller.signal.aborted;
    const refresh = fresh.current;
    fresh.current = false;
    setProgress(STARTING);
    setFailure({});
    latest.current.api
      .diagnose(
        latest.current.target,
        (event) => live() && setProgress((current) => advance(current, event)),
        {
          signal: controller.signal,
          onRetry: (retry) => live() && setFailure({ retry }),
          refresh,
        },
      )
      .then(
        () => live() && setFailure({}),
        (error: Error) => live() && setFailure({ error }),
      );
    return () => controller.abort();
  }, [key, generation]);

  const refresh = React.useCallback(() => {
    fresh.current = true;
    setGeneration((value) => value + 1);
  }, []);
  return { ...progress, ...failure, refresh };
}
