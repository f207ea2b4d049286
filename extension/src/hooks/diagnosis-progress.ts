import type { DiagnosisEvent } from '../diagnosis-stream.js';
import type { DiagnosisResult, Explanation, ExplanationField, LlmOutcome } from '../types.js';

/**
 * A diagnosis as it streams in: `diagnosing` until the deterministic result arrives, `explaining`
 * while the model works on it, `done` when the whole diagnosis is in.
 */
export interface DiagnosisProgress {
  phase: 'diagnosing' | 'explaining' | 'done';
  diagnosis?: DiagnosisResult;
  /** The explanation's text so far; shown as it streams, dropped unless an explanation follows. */
  draft: Partial<Record<ExplanationField, string>>;
  explanation?: Explanation;
  llm?: LlmOutcome;
}

export const STARTING: DiagnosisProgress = { phase: 'diagnosing', draft: {} };

/** The next state of a streaming diagnosis; pure, so each event's effect is tested on its own. */
export function advance(progress: DiagnosisProgress, event: DiagnosisEvent): DiagnosisProgress {
  switch (event.type) {
    case 'diagnosis':
      return { ...progress, phase: 'explaining', diagnosis: event.diagnosis };
    case 'runbook':
      return progress.diagnosis
        ? { ...progress, diagnosis: { ...progress.diagnosis, runbook: event.runbook } }
        : progress;
    case 'plan':
      return progress.diagnosis
        ? { ...progress, diagnosis: { ...progress.diagnosis, plan: event.plan } }
        : progress;
    case 'explanation-delta':
      return {
        ...progress,
        draft: { ...progress.draft, [event.field]: (progress.draft[event.field] ?? '') + event.text },
      };
    case 'explanation':
      return { ...progress, explanation: event.explanation, draft: {} };
    case 'llm-status':
      // A model that failed half-way leaves a draft that no explanation vouches for.
      return { ...progress, llm: event.llm, draft: progress.explanation ? progress.draft : {} };
    case 'done': {
      const { explanation, llm } = event.diagnosis;
      return {
        phase: 'done',
        diagnosis: event.diagnosis,
        draft: {},
        ...(explanation ? { explanation } : {}),
        ...(llm ? { llm } : {}),
      };
    }
  }
}
