import type { Symptom } from '../detectors/symptom.js';
import type { ResourceRef } from '../kube/objects.js';

export interface PhaseTiming {
  phase: 'gather' | 'detect' | 'rank';
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
  notes: string[];
  timings: PhaseTiming[];
}
