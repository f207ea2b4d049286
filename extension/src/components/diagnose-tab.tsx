import * as React from 'react';
import { groupOf, type ResourceRef } from '../../../backend/src/kube/objects.js';
import type { HostApplication } from '../api.js';
import { useDiagnosis } from '../hooks/use-diagnosis.js';
import { SymptomCard } from './symptom-card.js';

interface HostResource {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string };
}

function targetOf(resource: HostResource): ResourceRef | undefined {
  if (!resource?.kind || !resource.metadata?.name) return undefined;
  const ref: ResourceRef = {
    group: groupOf(resource.apiVersion),
    kind: resource.kind,
    name: resource.metadata.name,
  };
  if (resource.metadata.namespace) ref.namespace = resource.metadata.namespace;
  return ref;
}

/** The "AI Diagnose" resource tab: what is wrong with this resource and its app, root cause first. */
export function DiagnoseTab(props: { application: HostApplication; resource: HostResource }) {
  const { diagnosis, error, loading, refresh } = useDiagnosis(props.application, targetOf(props.resource));
  return (
    <div className="ai-sre">
      <button type="button" className="argo-button argo-button--base" onClick={refresh} disabled={loading}>
        <i className={`fa fa-sync${loading ? ' fa-spin' : ''}`} />{' '}
        {loading ? 'Diagnosing…' : 'Diagnose again'}
      </button>
      {error && <p className="ai-sre-error">{error}</p>}
      {diagnosis && diagnosis.symptoms.length === 0 && (
        <p>No symptom found: the resources of this app look healthy.</p>
      )}
      {diagnosis?.symptoms.map((symptom, position) => (
        <SymptomCard
          key={`${symptom.type}/${symptom.resource.name}/${position}`}
          symptom={symptom}
          primary={position === 0}
        />
      ))}
      {diagnosis && diagnosis.notes.length > 0 && (
        <div className="white-box">
          <p>Not everything could be read:</p>
          <ul>
            {diagnosis.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
