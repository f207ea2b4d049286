import * as React from 'react';
import type { DiagnosisProgress } from '../hooks/diagnosis-progress.js';
import { COLORS, SECTION_TITLE } from './theme.js';

const CONFIDENCE_COLORS = { high: COLORS.success, medium: COLORS.waiting, low: COLORS.failure } as const;

/**
 * The root cause in words: the model's explanation with its confidence, its text as it streams,
 * or, without a model, nothing but what the detectors said (shown by the primary symptom).
 */
export function RootCause(props: { progress: DiagnosisProgress }) {
  const { explanation, draft, phase, llm } = props.progress;
  if (explanation) {
    const color = CONFIDENCE_COLORS[explanation.confidence];
    return (
      <div className="ai-sre-root-cause" style={{ marginTop: '1em' }}>
        <div style={SECTION_TITLE}>
          Root cause{' '}
          <span
            className="ai-sre-confidence"
            style={{ color, border: `1px solid ${color}`, borderRadius: '3px', padding: '0 0.4em' }}
          >
            {explanation.confidence} confidence
          </span>
        </div>
        <p style={{ fontSize: '1.05em' }}>{explanation.rootCause}</p>
        <p>{explanation.summary}</p>
        <p>
          <strong>Next step:</strong> {explanation.nextStep}
        </p>
        <p style={{ color: COLORS.text, fontSize: '0.9em' }}>
          <i className="fa fa-robot" /> Explained by {explanation.model}, from the evidence below.
        </p>
      </div>
    );
  }
  const streaming = phase === 'explaining' && !llm;
  if (!streaming) return null;
  const text = draft.rootCause ?? draft.summary;
  return (
    <div className="ai-sre-root-cause" style={{ marginTop: '1em' }} aria-busy="true">
      <div style={SECTION_TITLE}>
        Root cause <i className="fa fa-circle-notch fa-spin" />
      </div>
      {text ? (
        <p style={{ color: COLORS.text }}>{text}</p>
      ) : (
        <p style={{ color: COLORS.text }}>The model is reading the evidence…</p>
      )}
    </div>
  );
}
