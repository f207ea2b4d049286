import type { Detector } from '../detectors/detector.js';
import type { ClusterSnapshot } from '../kube/snapshot.js';
import { detectSymptoms } from './detect.js';
import type { Diagnosis, PhaseTiming } from './diagnosis.js';
import { rankSymptoms } from './rank.js';

/** Milliseconds from an arbitrary origin; injected so tests and benchmarks control time. */
export type Stopwatch = () => number;

/** Detects and ranks the symptoms of a snapshot. Pure apart from the stopwatch that times it. */
export function diagnoseSnapshot(
  snapshot: ClusterSnapshot,
  detectors: readonly Detector[],
  stopwatch: Stopwatch,
  earlierTimings: readonly PhaseTiming[] = [],
): Diagnosis {
  const detectStart = stopwatch();
  const detected = detectSymptoms(snapshot, detectors);
  const rankStart = stopwatch();
  const symptoms = rankSymptoms(snapshot, detected.symptoms);
  const end = stopwatch();
  const { application } = snapshot;
  const diagnosis: Diagnosis = {
    application: {
      namespace: application.metadata.namespace ?? '',
      name: application.metadata.name ?? '',
      project: application.spec.project,
    },
    capturedAt: snapshot.capturedAt,
    primary: symptoms[0] ?? null,
    symptoms,
    notes: [...snapshot.notes, ...detected.notes],
    timings: [
      ...earlierTimings,
      { phase: 'detect', ms: rankStart - detectStart },
      { phase: 'rank', ms: end - rankStart },
    ],
  };
  const health = application.status?.health?.status;
  const sync = application.status?.sync?.status;
  if (health) diagnosis.application.health = health;
  if (sync) diagnosis.application.sync = sync;
  if (snapshot.target) diagnosis.target = snapshot.target;
  return diagnosis;
}

/** Gathers a snapshot, then diagnoses it; the one pipeline routes, controller and CLI all call. */
export async function diagnose(
  gather: () => Promise<ClusterSnapshot>,
  detectors: readonly Detector[],
  stopwatch: Stopwatch,
): Promise<{ diagnosis: Diagnosis; snapshot: ClusterSnapshot }> {
  const start = stopwatch();
  const snapshot = await gather();
  const gathered = stopwatch();
  const diagnosis = diagnoseSnapshot(snapshot, detectors, stopwatch, [
    { phase: 'gather', ms: gathered - start },
  ]);
  return { diagnosis, snapshot };
}
