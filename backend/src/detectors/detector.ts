import type { ClusterSnapshot } from '../kube/snapshot.js';
import type { Symptom, SymptomType } from './symptom.js';

/** Finds one symptom type. Pure: the same snapshot always gives the same symptoms, in the same order. */
export interface Detector {
  readonly type: SymptomType;
  detect(snapshot: ClusterSnapshot): Symptom[];
}
