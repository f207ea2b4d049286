import type { Detector } from '../detectors/detector.js';
import type { Symptom } from '../detectors/symptom.js';
import { refKey, refOf } from '../kube/objects.js';
import type { ClusterSnapshot } from '../kube/snapshot.js';
import { indexSnapshot } from '../kube/snapshot-index.js';

/**
 * Degraded only repeats Argo CD's health message; it stays only where no other symptom explains the
 * resource (the resource itself, or anything it owns). An Application-level Degraded stays only alone.
 */
function withoutExplainedDegraded(snapshot: ClusterSnapshot, symptoms: readonly Symptom[]): Symptom[] {
  const index = indexSnapshot(snapshot);
  const explained = new Set<string>();
  for (const symptom of symptoms) {
    if (symptom.type === 'Degraded') continue;
    explained.add(refKey(symptom.resource));
    const object = index.find(symptom.resource);
    if (object) for (const owner of index.ownerChain(object)) explained.add(refKey(refOf(owner)));
  }
  const others = symptoms.some((symptom) => symptom.type !== 'Degraded');
  return symptoms.filter((symptom) => {
    if (symptom.type !== 'Degraded') return true;
    if (symptom.resource.kind === 'Application' && symptom.resource.group === 'argoproj.io') return !others;
    return !explained.has(refKey(symptom.resource));
  });
}

/** Runs every detector on the snapshot; a detector that throws becomes a note, not a failed diagnosis. */
export function detectSymptoms(
  snapshot: ClusterSnapshot,
  detectors: readonly Detector[],
): { symptoms: Symptom[]; notes: string[] } {
  const symptoms: Symptom[] = [];
  const notes: string[] = [];
  for (const detector of detectors) {
    try {
      symptoms.push(...detector.detect(snapshot));
    } catch (error) {
      notes.push(`detector ${detector.type} failed: ${(error as Error).message}`);
    }
  }
  return { symptoms: withoutExplainedDegraded(snapshot, symptoms), notes };
}
