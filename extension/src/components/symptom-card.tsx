import * as React from 'react';
import type { Symptom } from '../types.js';
import { EvidenceList } from './evidence-list.js';
import { COLORS } from './theme.js';

/** One detected symptom: its type, the resource it was seen on, its sentence and its evidence. */
export function SymptomCard(props: { symptom: Symptom; cited?: readonly string[] }) {
  const { symptom } = props;
  return (
    <div className="ai-sre-symptom" style={{ padding: '0.6em 0', borderTop: `1px solid ${COLORS.border}` }}>
      <div>
        <i className="fa fa-exclamation-triangle" style={{ color: COLORS.waiting }} />{' '}
        <strong className="ai-sre-symptom-type">{symptom.type}</strong> on {symptom.resource.kind}{' '}
        {symptom.resource.name}
      </div>
      <div className="ai-sre-symptom-message" style={{ marginTop: '0.3em' }}>
        {symptom.message}
      </div>
      <EvidenceList evidence={symptom.evidence} {...(props.cited ? { cited: props.cited } : {})} />
    </div>
  );
}
