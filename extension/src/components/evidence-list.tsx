import * as React from 'react';
import type { Evidence } from '../types.js';
import { COLORS, MONOSPACE, MUTED } from './theme.js';

function source(evidence: Evidence): string {
  switch (evidence.kind) {
    case 'event':
      return `${evidence.type} event ${evidence.reason} on ${evidence.resource.kind} ${evidence.resource.name}${evidence.count > 1 ? ` (×${evidence.count})` : ''}`;
    case 'status':
      return `${evidence.resource.kind} ${evidence.resource.name}: ${evidence.field}`;
    case 'log':
      return `Log of ${evidence.resource.name}, container ${evidence.container}${evidence.previous ? ' (previous instance)' : ''}`;
  }
}

function content(evidence: Evidence): string {
  switch (evidence.kind) {
    case 'event':
      return evidence.message;
    case 'status':
      return evidence.value;
    case 'log':
      return evidence.lines.join('\n');
  }
}

const ICONS: Readonly<Record<Evidence['kind'], string>> = {
  event: 'fa fa-bell',
  status: 'fa fa-info-circle',
  log: 'fa fa-file-alt',
};

/**
 * The events, status fields and log lines a symptom rests on, collapsed until asked for. Evidence
 * the model cited in its explanation is marked, so a reader can check the explanation against it.
 */
export function EvidenceList(props: { evidence: readonly Evidence[]; cited?: readonly string[] }) {
  const [open, setOpen] = React.useState(false);
  if (props.evidence.length === 0) return null;
  return (
    <div className="ai-sre-evidence" style={{ marginTop: '0.6em' }}>
      <button
        type="button"
        className="argo-button argo-button--base-o"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        <i className={`fa fa-angle-${open ? 'down' : 'right'}`} /> Evidence ({props.evidence.length})
      </button>
      {open && (
        <ul style={{ listStyle: 'none', margin: '0.6em 0 0', padding: 0 }}>
          {props.evidence.map((evidence) => (
            <li key={evidence.id} style={{ marginBottom: '0.6em' }}>
              <div style={MUTED}>
                <i className={ICONS[evidence.kind]} /> {source(evidence)}
                {props.cited?.includes(evidence.id) && (
                  <span style={{ marginLeft: '0.5em', color: COLORS.running }}>
                    <i className="fa fa-quote-right" /> cited by the model
                  </span>
                )}
              </div>
              <pre
                style={{
                  ...MONOSPACE,
                  whiteSpace: 'pre-wrap',
                  wordBreak: 'break-word',
                  margin: '0.3em 0 0',
                  padding: '0.5em 0.7em',
                  border: `1px solid ${COLORS.border}`,
                  borderRadius: '3px',
                  maxHeight: '20em',
                  overflow: 'auto',
                }}
              >
                {content(evidence)}
              </pre>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
