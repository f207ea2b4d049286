import * as React from 'react';
import type { Api } from '../api.js';
import { usePermissions } from '../hooks/use-permissions.js';
import { useRemediations, withRecord } from '../hooks/use-remediations.js';
import { useRunbooks } from '../hooks/use-runbooks.js';
import { useSettings } from '../hooks/use-settings.js';
import { isWaiting } from '../support/remediation-states.js';
import { applicationHeader } from '../support/resource-target.js';
import type { HostApplication, Remediation } from '../types.js';
import { HistoryTable } from './history-table.js';
import { ModeSwitch } from './mode-switch.js';
import { PermissionNote } from './permission-note.js';
import { RemediationCard } from './remediation-card.js';
import { RequestProblem } from './request-problem.js';
import { RunbookList } from './runbook-list.js';
import { BOX, MUTED, SECTION_TITLE } from './theme.js';

export interface StatusFlyoutProps {
  api: Api;
  application: HostApplication;
}

const LOADING = <p style={MUTED}>Loading…</p>;

/**
 * The AI SRE panel that opens from the status bar: the app's mode, the proposals waiting for a
 * decision with their diffs, what happened to earlier fixes, and the runbooks that apply.
 */
export function StatusFlyout(props: StatusFlyoutProps) {
  const api = props.api(props.application);
  const appKey = applicationHeader(props.application);
  const settings = useSettings(api, appKey);
  const remediations = useRemediations(api, appKey);
  const runbooks = useRunbooks(api, appKey);
  const permissions = usePermissions(api, appKey);
  const records = remediations.data;
  const update = (record: Remediation) => remediations.replace((current) => withRecord(current, record));
  const waiting = records?.filter(isWaiting) ?? [];
  return (
    <div className="ai-sre ai-sre-flyout" style={{ padding: '1em' }}>
      <PermissionNote permissions={permissions} actions={['changeMode', 'approve', 'reject']} />
      <div className="white-box" style={BOX}>
        <h4 style={SECTION_TITLE}>Mode</h4>
        <ModeSwitch api={api} settings={settings} permissions={permissions} />
      </div>
      <div className="white-box" style={BOX}>
        <h4 style={SECTION_TITLE}>Pending proposals</h4>
        {records === undefined && !remediations.error && LOADING}
        {records !== undefined && waiting.length === 0 && (
          <p style={MUTED}>No fix is waiting for approval.</p>
        )}
        {waiting.map((record) => (
          <RemediationCard
            key={record.id}
            api={api}
            record={record}
            permissions={permissions.data}
            onChange={update}
          />
        ))}
        <RequestProblem
          {...(remediations.error ? { error: remediations.error } : {})}
          {...(remediations.retry ? { retry: remediations.retry } : {})}
          onTryAgain={remediations.reload}
        />
      </div>
      <div className="white-box" style={BOX}>
        <h4 style={SECTION_TITLE}>History</h4>
        {records === undefined && !remediations.error && LOADING}
        {records !== undefined && <HistoryTable records={records.filter((record) => !isWaiting(record))} />}
      </div>
      <div className="white-box" style={BOX}>
        <h4 style={SECTION_TITLE}>Runbooks</h4>
        {runbooks.data ? <RunbookList listing={runbooks.data} /> : !runbooks.error && LOADING}
        <RequestProblem
          {...(runbooks.error ? { error: runbooks.error } : {})}
          {...(runbooks.retry ? { retry: runbooks.retry } : {})}
          onTryAgain={runbooks.reload}
        />
      </div>
    </div>
  );
}
