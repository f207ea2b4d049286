import type { Symptom } from '../detectors/symptom.js';
import type { ResourceRef } from '../kube/objects.js';
import type { Explanation, LlmOutcome } from '../llm/outcome.js';
import type { FixPlan } from '../runbooks/plan/index.js';
import type { RunbookChoice } from './remedy.js';

export interface PhaseTiming {
  phase: 'gather' | 'detect' | 'rank' | 'match';
  ms: number;
}

/** What a diagnosis found: symptoms root cause first, and what it could not see. */
export interface Diagnosis {
  application: {
    namespace: string;
    name: string;
    project: string;
    health?: string;
    sync?: string;
  };
  target?: ResourceRef;
  capturedAt: string;
  primary: Symptom | null;
  symptoms: Symptom[];
  /** The runbook that answers the highest-ranked symptom any runbook matches, or null. */
  runbook: RunbookChoice | null;
  /** The runbook's fix as edits on the objects that live in Git, or null. */
  plan: FixPlan | null;
  notes: string[];
  timings: PhaseTiming[];
  /** The model's reading of the diagnosis; absent when no model answered. */
  explanation?: Explanation;
  /** How the LLM step went; absent when it did not run (the scenario command without --llm). */
  llm?: LlmOutcome;
}
