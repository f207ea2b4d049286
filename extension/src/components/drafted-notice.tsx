import * as React from 'react';
import { COLORS } from './theme.js';

/** Said plainly wherever a model's draft is shown: nothing vouches for it until a person checks it. */
export function DraftedNotice(props: { rationale?: string }) {
  return (
    <div
      className="ai-sre-drafted"
      role="note"
      style={{ borderLeft: `3px solid ${COLORS.waiting}`, padding: '0.5em 0.8em', margin: '0.6em 0' }}
    >
      <i className="fa fa-robot" style={{ color: COLORS.waiting }} /> <strong>Drafted by a model.</strong> No
      runbook action produced this edit: a person must check every line before approving it. It is never
      applied without approval, whatever the app’s mode.
      {props.rationale && <div style={{ marginTop: '0.3em' }}>The model’s reasoning: {props.rationale}</div>}
    </div>
  );
}
