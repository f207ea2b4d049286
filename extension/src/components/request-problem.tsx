import * as React from 'react';
import type { Retry } from '../api.js';
import { ApiError, type FailureKind } from '../api-error.js';
import { COLORS } from './theme.js';

/** Failures that may pass; a refusal or a missing permission stays the same however often it is tried. */
const AGAIN_MAY_HELP: ReadonlySet<FailureKind> = new Set(['unavailable', 'network', 'timeout', 'stream']);

/**
 * What went wrong with a request, in words: a retry under way ("Retrying… (try 2 of 3)"), or the
 * failure with how often it was tried and, where trying again may help, a button for it.
 */
export function RequestProblem(props: { error?: Error; retry?: Retry; onTryAgain?: () => void }) {
  const { error, retry, onTryAgain } = props;
  if (retry && !error) {
    return (
      <div className="ai-sre-retry" role="status" style={{ color: COLORS.text, margin: '0.5em 0' }}>
        <i className="fa fa-circle-notch fa-spin" /> {retry.reason} Retrying… (try {retry.attempt} of{' '}
        {retry.of})
      </div>
    );
  }
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : undefined;
  const tried = apiError && apiError.attempts > 1 ? ` (tried ${apiError.attempts} times)` : '';
  return (
    <div
      className="ai-sre-error"
      role="alert"
      style={{
        borderLeft: `3px solid ${COLORS.failure}`,
        padding: '0.5em 0.8em',
        margin: '0.5em 0',
        background: COLORS.removedBackground,
      }}
    >
      <i className="fa fa-exclamation-circle" style={{ color: COLORS.failure }} /> {error.message}
      {tried}
      {onTryAgain && (!apiError || AGAIN_MAY_HELP.has(apiError.kind)) && (
        <button
          type="button"
          className="argo-button argo-button--base-o"
          style={{ marginLeft: '1em' }}
          onClick={onTryAgain}
        >
          Try again
        </button>
      )}
    </div>
  );
}
