import * as React from 'react';
import type { Api } from '../api.js';
import type { DiagnosisProgress } from '../hooks/diagnosis-progress.js';
import { useDiagnosis } from '../hooks/use-diagnosis.js';
import { usePermissions } from '../hooks/use-permissions.js';
import { useRemediations } from '../hooks/use-remediations.js';
import { useSettings } from '../hooks/use-settings.js';
import { applicationHeader, resourceTarget } from '../support/resource-target.js';
import type { HostApplication, HostResource } from '../types.js';
import { FixSection } from './fix-section.js';
import { PrimarySymptom } from './primary-symptom.js';
import { RequestProblem } from './request-problem.js';
import { RunbookMatch } from './runbook-match.js';
import { SymptomCard } from './symptom-card.js';
import { BOX, COLORS, MUTED, SECTION_TITLE } from './theme.js';

export interface DiagnoseTabProps {
  api: Api;
  application: HostApplication;
  resource: HostResource;
}

/** What the tab is waiting for: the deterministic result, then the model's explanation. */
const PHASE_TEXT: Readonly<Record<DiagnosisProgress['phase'], string>> = {
  diagnosing: 'Diagnosing…',
  explaining: 'Asking the model for an explanation…',
  done: '',
};

/**
 * The "AI Diagnose" resource tab: what is wrong with this resource and its app, root cause first,
 * then the other symptoms, the runbook that applies and its fix, ready for approval.
 */
export function DiagnoseTab(props: DiagnoseTabProps) {
  const api = props.api(props.application);
  const target = resourceTarget(props.application, props.resource);
  const appKey = applicationHeader(props.application);
  const state = useDiagnosis(api, target);
  const remediations = useRemediations(api, appKey);
  const settings = useSettings(api, appKey);
  const permissions = usePermissions(api, appKey);
  const { diagnosis, phase } = state;
  const busy = phase !== 'done' && !state.error;
  const others = diagnosis ? diagnosis.symptoms.slice(1) : [];
  return (
    <div className="ai-sre ai-sre-diagnose">
      <div style={{ display: 'flex', alignItems: 'center', gap: '1em', marginBottom: '1em' }}>
        <button type="button" className="argo-button argo-button--base" onClick={state.refresh}>
          <i className={`fa fa-sync${busy ? ' fa-spin' : ''}`} /> Refresh
        </button>
        <span className="ai-sre-phase" style={MUTED} role="status">
          {busy ? PHASE_TEXT[phase] : ''}
          {!busy && diagnosis ? `Diagnosed at ${new Date(diagnosis.capturedAt).toLocaleTimeString()}` : ''}
        </span>
      </div>
      <RequestProblem
        {...(state.error ? { error: state.error } : {})}
        {...(state.retry ? { retry: state.retry } : {})}
        onTryAgain={state.refresh}
      />
      {diagnosis && !diagnosis.primary && (
        <div className="white-box" style={BOX}>
          <i className="fa fa-check-circle" style={{ color: COLORS.success }} /> No symptom found: the
          resources of this app look healthy
          {diagnosis.application.health ? ` (Argo CD says ${diagnosis.application.health})` : ''}.
        </div>
      )}
      {diagnosis?.primary && <PrimarySymptom symptom={diagnosis.primary} progress={state} />}
      {others.length > 0 && (
        <div className="white-box ai-sre-others" style={BOX}>
          <div style={SECTION_TITLE}>Other symptoms ({others.length})</div>
          {others.map((symptom) => (
            <SymptomCard
              key={`${symptom.type}/${symptom.resource.kind}/${symptom.resource.namespace ?? ''}/${symptom.resource.name}/${symptom.message}`}
              symptom={symptom}
              {...(state.explanation ? { cited: state.explanation.evidence } : {})}
            />
          ))}
        </div>
      )}
      {diagnosis && <RunbookMatch runbook={diagnosis.runbook} symptoms={diagnosis.symptoms} />}
      {diagnosis && (
        <FixSection
          api={api}
          target={target}
          runbook={diagnosis.runbook}
          plan={diagnosis.plan}
          settings={settings}
          remediations={remediations}
          permissions={permissions}
        />
      )}
      {diagnosis && diagnosis.notes.length > 0 && (
        <div className="white-box ai-sre-notes" style={BOX}>
          <div style={SECTION_TITLE}>Notes</div>
          <ul style={{ margin: 0, paddingLeft: '1.2em' }}>
            {diagnosis.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
