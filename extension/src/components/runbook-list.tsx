import * as React from 'react';
import type { RunbookList as Listing } from '../types.js';
import { COLORS, MONOSPACE, MUTED } from './theme.js';

/**
 * The runbooks whose scope includes the app, with what each answers and does, then the runbooks
 * skipped as invalid with their problem, so a runbook someone expected is not silently missing.
 */
export function RunbookList(props: { listing: Listing }) {
  const { runbooks, problems } = props.listing;
  return (
    <div className="ai-sre-runbooks">
      {runbooks.length === 0 ? (
        <p style={MUTED}>No runbook applies to this app.</p>
      ) : (
        <div className="argo-table-list">
          {runbooks.map((runbook) => (
            <div key={runbook.id} className="argo-table-list__row">
              <div className="row">
                <div className="columns small-4">
                  <i className="fa fa-book" /> <strong>{runbook.id}</strong>
                  <div style={{ ...MUTED, ...MONOSPACE }}>
                    {runbook.source.namespace}/{runbook.source.configMap} ({runbook.source.key})
                  </div>
                </div>
                <div className="columns small-5">
                  {runbook.description ?? runbook.solution ?? ''}
                  <div style={MUTED}>
                    When: {runbook.symptomType ?? 'any symptom'}
                    {runbook.symptomText ? ` (“${runbook.symptomText}”)` : ''}
                  </div>
                </div>
                <div className="columns small-3">
                  {runbook.actions.length > 0
                    ? runbook.actions.join(', ')
                    : 'no actions: a model drafts the edit'}
                  <div style={MUTED}>
                    {runbook.automation === 'auto' ? 'may run unattended' : 'approval only'}
                  </div>
                </div>
              </div>
            </div>
          ))}
        </div>
      )}
      {problems.length > 0 && (
        <div className="ai-sre-runbook-problems" style={{ marginTop: '1em' }}>
          <p style={{ color: COLORS.failure, margin: '0 0 0.4em' }}>
            <i className="fa fa-exclamation-triangle" /> {problems.length} runbook
            {problems.length === 1 ? ' was' : 's were'} skipped as invalid:
          </p>
          <ul style={{ margin: 0, paddingLeft: '1.2em' }}>
            {problems.map((problem) => (
              <li
                key={`${problem.source.namespace}/${problem.source.configMap}/${problem.source.key}/${problem.field ?? ''}`}
              >
                {problem.description}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
