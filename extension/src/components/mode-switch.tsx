import * as React from 'react';
import type { AppApi } from '../api.js';
import { useAction } from '../hooks/use-action.js';
import type { RequestState } from '../hooks/use-request.js';
import { MODE_NAMES } from '../support/mode-names.js';
import { may } from '../support/permissions.js';
import type { AppSettings, Mode, Permissions } from '../types.js';
import { RequestProblem } from './request-problem.js';
import { COLORS, MUTED } from './theme.js';

const MODES: readonly Mode[] = ['off', 'approve', 'auto'];

/**
 * The app's mode: off, approve or auto, disabled for users who may not change it (the flyout
 * says why). Auto lets the backend commit to the app's repository
 * unattended, so switching to it asks first.
 */
export function ModeSwitch(props: {
  api: AppApi;
  settings: RequestState<AppSettings>;
  permissions: RequestState<Permissions>;
}) {
  const { api, settings, permissions } = props;
  const [confirming, setConfirming] = React.useState(false);
  const change = useAction(
    (options, mode: Mode) => api.setMode(mode, options),
    (next: AppSettings) => {
      settings.replace(() => next);
      setConfirming(false);
    },
  );
  const current = settings.data?.mode;
  const allowed = may(permissions.data, 'changeMode');
  const choose = (mode: Mode) => {
    if (mode === current) return;
    if (mode === 'auto') setConfirming(true);
    else {
      setConfirming(false);
      change.run(mode);
    }
  };
  return (
    <div className="ai-sre-mode">
      <div
        role="radiogroup"
        aria-label="AI SRE mode"
        style={{ display: 'flex', gap: '1.5em', flexWrap: 'wrap' }}
      >
        {MODES.map((mode) => (
          <label
            key={mode}
            style={{ cursor: allowed ? 'pointer' : 'default', fontWeight: current === mode ? 600 : 400 }}
          >
            <input
              type="radio"
              name="ai-sre-mode"
              value={mode}
              checked={current === mode}
              disabled={!allowed || change.pending || current === undefined}
              onChange={() => choose(mode)}
              style={{ marginRight: '0.4em' }}
            />
            {MODE_NAMES[mode].label}
          </label>
        ))}
      </div>
      {current && (
        <p style={{ ...MUTED, margin: '0.5em 0 0' }}>
          {MODE_NAMES[current].label}: {MODE_NAMES[current].meaning}.
          {settings.data && settings.data.defaultMode !== current
            ? ` Apps without a mode of their own use ${MODE_NAMES[settings.data.defaultMode].label}.`
            : ''}
        </p>
      )}
      {settings.data?.paused && (
        <p style={{ color: COLORS.waiting }}>
          <i className="fa fa-pause-circle" /> Automatic fixes are paused for every app: in auto mode, fixes
          wait for approval until the pause is lifted.
        </p>
      )}
      {confirming && (
        <div
          className="ai-sre-confirm"
          role="alertdialog"
          aria-label="Switch to auto mode?"
          style={{
            border: `1px solid ${COLORS.waiting}`,
            borderRadius: '3px',
            padding: '0.8em',
            margin: '0.8em 0',
          }}
        >
          <p style={{ marginTop: 0 }}>
            <strong>Switch to auto mode?</strong> When this app stays Degraded, fixes from runbooks marked{' '}
            <code>automation: auto</code> are committed to its Git repository without asking anyone, a few a
            day at most, and reverted when the app does not heal. Other fixes still wait for approval.
          </p>
          <button
            type="button"
            className="argo-button argo-button--base"
            disabled={change.pending}
            onClick={() => change.run('auto')}
          >
            Switch to auto
          </button>{' '}
          <button
            type="button"
            className="argo-button argo-button--base-o"
            onClick={() => setConfirming(false)}
          >
            Cancel
          </button>
        </div>
      )}
      <RequestProblem {...(settings.error ? { error: settings.error } : {})} />
      <RequestProblem
        {...(change.error ? { error: change.error } : {})}
        {...(change.retry ? { retry: change.retry } : {})}
      />
    </div>
  );
}
