import * as React from 'react';
import type { ShownPlan } from '../types.js';
import { MONOSPACE, MUTED } from './theme.js';

function shown(value: unknown): string {
  if (value === undefined) return '(not set)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * What the runbook's actions change, before Git is touched: each field of the object that lives in
 * Git with its value now and after the fix.
 */
export function PlanEdits(props: { plan: ShownPlan }) {
  const { plan } = props;
  return (
    <div className="ai-sre-plan">
      <p style={{ margin: '0 0 0.4em' }}>
        Changes {plan.target.kind} <strong>{plan.target.name}</strong>
        {plan.target.namespace ? ` in ${plan.target.namespace}` : ''}, in Git:
      </p>
      {plan.revertLastChange && <p>Revert the newest commit that touched the app’s source.</p>}
      <ul style={{ margin: 0, paddingLeft: '1.2em' }}>
        {plan.edits.map((edit) => (
          <li key={`${edit.object.kind}/${edit.object.name}/${edit.path}`}>
            <span style={MONOSPACE}>{edit.path}</span>: <span style={MONOSPACE}>{shown(edit.from)}</span>{' '}
            <i className="fa fa-long-arrow-alt-right" /> <strong style={MONOSPACE}>{shown(edit.to)}</strong>{' '}
            <span style={MUTED}>({edit.action})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
