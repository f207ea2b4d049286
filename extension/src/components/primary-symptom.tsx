import * as React from 'react';
import type { DiagnosisProgress } from '../hooks/diagnosis-progress.js';
import type { Symptom } from '../types.js';
import { EvidenceList } from './evidence-list.js';
import { LlmNote } from './llm-note.js';
import { RootCause } from './root-cause.js';
import { BOX, COLORS, SECTION_TITLE } from './theme.js';

/** What is wrong first: the symptom ranked first, its sentence, the root cause in words and the evidence. */
export function PrimarySymptom(props: { symptom: Symptom; progress: DiagnosisProgress }) {
  const { symptom, progress } = props;
  return (
    <div className="white-box ai-sre-primary" style={BOX}>
      <div style={SECTION_TITLE}>Primary symptom</div>
      <div style={{ fontSize: '1.2em' }}>
        <i className="fa fa-heartbeat" style={{ color: COLORS.failure }} />{' '}
        <strong className="ai-sre-symptom-type">{symptom.type}</strong> on {symptom.resource.kind}{' '}
        {symptom.resource.name}
      </div>
      <p className="ai-sre-symptom-message" style={{ margin: '0.5em 0 0' }}>
        {symptom.message}
      </p>
      <RootCause progress={progress} />
      {progress.llm && <LlmNote llm={progress.llm} />}
      <EvidenceList
        evidence={symptom.evidence}
        {...(progress.explanation ? { cited: progress.explanation.evidence } : {})}
      />
    </div>
  );
}
