import * as React from 'react';
import type { ChosenRunbook, RunbookSummary, Symptom } from '../types.js';
import { BOX, MONOSPACE, MUTED, SECTION_TITLE } from './theme.js';

function sourceOf(runbook: RunbookSummary): string {
  const { namespace, configMap, key } = runbook.source;
  return `${namespace}/${configMap} (${key})`;
}

const SOURCE_STYLE = { ...MUTED, ...MONOSPACE };

/**
 * The runbook that answers the diagnosis (or that none does), who chose it, what it may do on its
 * own, and the runbooks that matched too and lost to a more specific one.
 */
export function RunbookMatch(props: { runbook: ChosenRunbook | null; symptoms: readonly Symptom[] }) {
  const { runbook } = props;
  if (!runbook) {
    return (
      <div className="white-box ai-sre-runbook" style={BOX}>
        <div style={SECTION_TITLE}>Runbook</div>
        <p>
          <i className="fa fa-book" /> No runbook matches this problem, so no fix is proposed. Your platform
          team can write one for it: a ConfigMap labelled <code>argocd-ai-sre/runbook: "true"</code>.
        </p>
      </div>
    );
  }
  const answered = props.symptoms[runbook.symptom];
  return (
    <div className="white-box ai-sre-runbook" style={BOX}>
      <div style={SECTION_TITLE}>Runbook</div>
      <div style={{ fontSize: '1.1em' }}>
        <i className="fa fa-book" /> <strong className="ai-sre-runbook-id">{runbook.id}</strong>{' '}
        <span style={SOURCE_STYLE}>{sourceOf(runbook)}</span>
      </div>
      {runbook.description && <p style={{ margin: '0.4em 0' }}>{runbook.description}</p>}
      <p style={MUTED}>
        {runbook.chosenBy === 'llm'
          ? `Chosen by the model among free-text runbooks: ${runbook.reason ?? ''}`
          : `Matched ${answered ? `${answered.type} on ${answered.resource.kind} ${answered.resource.name}` : 'a symptom'}.`}{' '}
        {runbook.automation === 'auto'
          ? 'It may fix apps in auto mode without asking.'
          : 'Its fixes always wait for a person’s approval.'}{' '}
        Verified for {runbook.verify.timeout}
        {runbook.verify.revertOnFailure ? ', reverted if the app does not heal.' : '.'}
      </p>
      {runbook.alternatives.length > 0 && (
        <div>
          <div style={{ ...SECTION_TITLE, marginTop: '0.8em' }}>Also matched</div>
          <ul style={{ margin: 0, paddingLeft: '1.2em' }}>
            {runbook.alternatives.map((alternative) => (
              <li key={alternative.id}>
                <strong>{alternative.id}</strong>
                {alternative.description ? `: ${alternative.description}` : ''}{' '}
                <span style={SOURCE_STYLE}>{sourceOf(alternative)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
