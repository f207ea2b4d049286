import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Detector } from '../../backend/src/detectors/detector.js';
import { evictedDetector } from '../../backend/src/detectors/evicted.js';
import { failedCreateDetector } from '../../backend/src/detectors/failed-create.js';
import { failedMountDetector } from '../../backend/src/detectors/failed-mount.js';
import { jobFailedDetector } from '../../backend/src/detectors/job-failed.js';
import { progressDeadlineExceededDetector } from '../../backend/src/detectors/progress-deadline-exceeded.js';
import { pvcPendingDetector } from '../../backend/src/detectors/pvc-pending.js';
import type { Symptom } from '../../backend/src/detectors/symptom.js';
import { unschedulableDetector } from '../../backend/src/detectors/unschedulable.js';
import { scenarioSnapshot, scenariosDir } from './fixture-snapshot.js';

const detectors: readonly Detector[] = [
  failedMountDetector,
  unschedulableDetector,
  evictedDetector,
  pvcPendingDetector,
  progressDeadlineExceededDetector,
  failedCreateDetector,
  jobFailedDetector,
];

interface Expectation {
  primary: string;
  symptoms: string[];
}

function expectationOf(id: string): Expectation {
  return parse(readFileSync(join(scenariosDir, id, 'scenario.yaml'), 'utf8')).expect as Expectation;
}

const scenarios = [
  'unschedulable-insufficient-memory',
  'quota-exceeded-failedcreate',
  'pvc-missing-storageclass',
  'cronjob-backoff-limit',
  'evicted-ephemeral-storage',
];

describe.each(scenarios)('scenario %s', (id) => {
  const expectation = expectationOf(id);
  const symptoms = detectors.flatMap((detector) => detector.detect(scenarioSnapshot(id)));

  it('has its primary symptom found by this group’s detectors', () => {
    expect(symptoms.map((symptom) => symptom.type)).toContain(expectation.primary);
  });

  it('has every expected symptom of this group’s types found', () => {
    const types = new Set(detectors.map((detector) => detector.type));
    const expected = expectation.symptoms.filter((type) => types.has(type as Symptom['type']));
    expect([...new Set(symptoms.map((symptom) => symptom.type))].sort()).toEqual([...expected].sort());
  });
});
