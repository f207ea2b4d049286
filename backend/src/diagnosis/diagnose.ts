import type { Detector } from '../detectors/detector.js';
import type { ClusterSnapshot } from '../kube/snapshot.js';
import type { RunbookCatalog } from '../runbooks/catalog.js';
import { detectSymptoms } from './detect.js';
import type { Diagnosis, PhaseTiming } from './diagnosis.js';
import { rankSymptoms } from './rank.js';
import { chooseRemedy } from './remedy.js';

/** Milliseconds from an arbitrary origin; injected so tests and benchmarks control time. */
export type Stopwatch = () => number;

/** What a diagnosis runs on besides the snapshot: the detectors, the runbooks in force, a stopwatch. */
export interface DiagnosisTools {
  detectors: readonly Detector[];
  runbooks: RunbookCatalog;
  stopwatch: Stopwatch;
}

/**
 * Detects and ranks the symptoms of a snapshot, then finds the runbook and its fix plan.
 * Pure apart from the stopwatch that times it.
 */
export function diagnoseSnapshot(
  snapshot: ClusterSnapshot,
  tools: DiagnosisTools,
  earlierTimings: readonly PhaseTiming[] = [],
): Diagnosis {
  const { stopwatch } = tools;
  const detectStart = stopwatch();
  const detected = detectSymptoms(snapshot, tools.detectors);
  const rankStart = stopwatch();
  const symptoms = rankSymptoms(snapshot, detected.symptoms);
  const matchStart = stopwatch();
  const remedy = chooseRemedy(snapshot, symptoms, tools.runbooks);
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
    runbook: remedy.runbook,
    plan: remedy.plan,
    notes: [...snapshot.notes, ...detected.notes, ...remedy.notes],
    timings: [
      ...earlierTimings,
      { phase: 'detect', ms: rankStart - detectStart },
      { phase: 'rank', ms: matchStart - rankStart },
      { phase: 'match', ms: end - matchStart },
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
  tools: DiagnosisTools,
): Promise<{ diagnosis: Diagnosis; snapshot: ClusterSnapshot }> {
  const start = tools.stopwatch();
  const snapshot = await gather();
  const gathered = tools.stopwatch();
  const diagnosis = diagnoseSnapshot(snapshot, tools, [{ phase: 'gather', ms: gathered - start }]);
  return { diagnosis, snapshot };
}
