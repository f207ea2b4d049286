import * as React from 'react';
import type { Symptom } from '../../../backend/src/detectors/symptom.js';
import { EvidenceList } from './evidence-list.js';

export function SymptomCard(props: { symptom: Symptom; primary: boolean }) {
  const { symptom } = props;
  return (
    <div className="white-box" style={{ marginBottom: '1em' }}>
      <div className="white-box__details">
        <p>
          <strong>{props.primary ? 'Primary symptom: ' : ''}</strong>
          <span className="ai-sre-symptom-type">{symptom.type}</span> on {symptom.resource.kind}{' '}
          {symptom.resource.name}
        </p>
        <p className="ai-sre-symptom-message">{symptom.message}</p>
        <EvidenceList evidence={symptom.evidence} />
      </div>
    </div>
  );
}
