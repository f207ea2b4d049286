import * as React from 'react';
import type { Evidence } from '../../../backend/src/detectors/symptom.js';

function describe(evidence: Evidence): string {
  switch (evidence.kind) {
    case 'event':
      return `${evidence.type} ${evidence.reason} on ${evidence.resource.kind} ${evidence.resource.name} (×${evidence.count}): ${evidence.message}`;
    case 'status':
      return `${evidence.resource.kind} ${evidence.resource.name} ${evidence.field}: ${evidence.value}`;
    case 'log':
      return `log of ${evidence.resource.name}/${evidence.container}${evidence.previous ? ' (previous instance)' : ''}`;
  }
}

/** The events, status fields and log lines a symptom rests on; collapsed until asked for. */
export function EvidenceList(props: { evidence: Evidence[] }) {
  const [open, setOpen] = React.useState(false);
  if (props.evidence.length === 0) return null;
  return (
    <div className="ai-sre-evidence">
      <button type="button" className="argo-button argo-button--base-o" onClick={() => setOpen(!open)}>
        <i className={`fa fa-angle-${open ? 'down' : 'right'}`} /> Evidence ({props.evidence.length})
      </button>
      {open && (
        <ul>
          {props.evidence.map((evidence) => (
            <li key={evidence.id}>
              {describe(evidence)}
              {evidence.kind === 'log' && (
                <pre style={{ whiteSpace: 'pre-wrap' }}>{evidence.lines.join('\n')}</pre>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
