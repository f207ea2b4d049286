import * as React from 'react';
import type { AppApi } from '../api.js';
import { useAction } from '../hooks/use-action.js';
import { may } from '../support/permissions.js';
import { isInFlight, localTime, STATE_LOOKS } from '../support/remediation-states.js';
import type { Permissions, Remediation } from '../types.js';
import { CommitRef } from './commit-ref.js';
import { DecisionButtons } from './decision-buttons.js';
import { DiffView } from './diff-view.js';
import { DraftedNotice } from './drafted-notice.js';
import { RequestProblem } from './request-problem.js';
import { StateBadge } from './state-badge.js';
import { COLORS, MUTED } from './theme.js';

/**
 * One remediation: its state and what that means, the change as a diff per file, Approve / Reject
 * while it waits, the commit once written, and every step with who took it.
 */
export function RemediationCard(props: {
  api: AppApi;
  record: Remediation;
  /** What the user may do; unknown means nothing. */
  permissions: Permissions | undefined;
  onChange: (record: Remediation) => void;
}) {
  const { api, record, permissions, onChange } = props;
  const approve = useAction((options) => api.approve(record.id, options), onChange);
  const reject = useAction(
    (options, reason: string) => api.reject(record.id, reason || undefined, options),
    onChange,
  );
  const [showSteps, setShowSteps] = React.useState(false);
  const action = approve.pending || approve.error || approve.retry ? approve : reject;
  return (
    <div className="ai-sre-remediation" data-state={record.state} style={{ margin: '0.6em 0 1em' }}>
      <div style={{ fontSize: '1.1em' }}>
        <StateBadge state={record.state} /> <span style={MUTED}>· {STATE_LOOKS[record.state].meaning}</span>
        {isInFlight(record) && <span style={MUTED}> This page follows it.</span>}
      </div>
      <div style={{ ...MUTED, marginTop: '0.3em' }}>
        {record.symptom.type} on {record.symptom.resource.kind} {record.symptom.resource.name}, runbook{' '}
        {record.runbook.id}; proposed by {record.history[0]?.by ?? 'unknown'}
        {record.history[0] ? ` at ${localTime(record.history[0].at)}` : ''}.
      </div>
      {record.drafted && <DraftedNotice />}
      {record.error && (
        <p style={{ color: COLORS.failure }}>
          <i className="fa fa-exclamation-circle" /> {record.error}
        </p>
      )}
      {record.commit && (
        <p>
          <CommitRef record={record} />
        </p>
      )}
      {record.change.files.map((file) => (
        <DiffView key={file.path} path={file.path} diff={file.diff} />
      ))}
      {record.change.files.length === 0 && record.plan.revertLastChange && (
        <p>This fix reverts the newest commit that touched the app’s source.</p>
      )}
      {record.state === 'proposed' && (
        <DecisionButtons
          pending={approve.pending || reject.pending}
          canApprove={may(permissions, 'approve')}
          canReject={may(permissions, 'reject')}
          onApprove={approve.run}
          onReject={reject.run}
        />
      )}
      <RequestProblem
        {...(action.error ? { error: action.error } : {})}
        {...(action.retry ? { retry: action.retry } : {})}
      />
      <button
        type="button"
        className="argo-button argo-button--base-o"
        style={{ marginTop: '0.6em' }}
        aria-expanded={showSteps}
        onClick={() => setShowSteps(!showSteps)}
      >
        <i className={`fa fa-angle-${showSteps ? 'down' : 'right'}`} /> Steps ({record.history.length})
      </button>
      {showSteps && (
        <ol className="ai-sre-steps" style={{ margin: '0.5em 0 0', paddingLeft: '1.4em' }}>
          {record.history.map((step) => (
            <li key={`${step.state}/${step.at}`}>
              <StateBadge state={step.state} /> by {step.by} at {localTime(step.at)}
              {step.detail ? `: ${step.detail}` : ''}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
