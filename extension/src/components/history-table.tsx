import * as React from 'react';
import { enteredAt, localTime } from '../support/remediation-states.js';
import type { Remediation } from '../types.js';
import { CommitRef } from './commit-ref.js';
import { StateBadge } from './state-badge.js';
import { MUTED } from './theme.js';

/**
 * The app's remediations past the proposal, newest first, as Argo CD lists history: when, the
 * state reached, what it fixed with which runbook, who took the last step, and the commit.
 */
export function HistoryTable(props: { records: readonly Remediation[] }) {
  if (props.records.length === 0)
    return <p style={MUTED}>No fix has been approved or rejected for this app yet.</p>;
  return (
    <div className="argo-table-list ai-sre-history">
      <div className="argo-table-list__head">
        <div className="row">
          <div className="columns small-2">When</div>
          <div className="columns small-2">State</div>
          <div className="columns small-3">Problem and runbook</div>
          <div className="columns small-2">By</div>
          <div className="columns small-3">Commit</div>
        </div>
      </div>
      {props.records.map((record) => {
        const last = record.history[record.history.length - 1];
        return (
          <div key={record.id} className="argo-table-list__row" data-state={record.state}>
            <div className="row">
              <div className="columns small-2">{localTime(enteredAt(record))}</div>
              <div className="columns small-2">
                <StateBadge state={record.state} />
              </div>
              <div className="columns small-3">
                {record.symptom.type} on {record.symptom.resource.kind} {record.symptom.resource.name}
                <div style={MUTED}>runbook {record.runbook.id}</div>
              </div>
              <div className="columns small-2">
                {last?.by ?? '—'}
                {last?.detail && <div style={MUTED}>{last.detail}</div>}
              </div>
              <div className="columns small-3">
                <CommitRef record={record} />
              </div>
            </div>
          </div>
        );
      })}
    </div>
  );
}
