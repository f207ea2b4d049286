import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { crashLoopBackOffDetector } from '../../backend/src/detectors/crash-loop-back-off.js';
import { createContainerConfigErrorDetector } from '../../backend/src/detectors/create-container-config-error.js';
import type { Detector } from '../../backend/src/detectors/detector.js';
import { imagePullBackOffDetector } from '../../backend/src/detectors/image-pull-back-off.js';
import { initContainerFailedDetector } from '../../backend/src/detectors/init-container-failed.js';
import { oomKilledDetector } from '../../backend/src/detectors/oom-killed.js';
import { probeFailedDetector } from '../../backend/src/detectors/probe-failed.js';
import { runContainerErrorDetector } from '../../backend/src/detectors/run-container-error.js';
import type { ResourceRef } from '../../backend/src/kube/objects.js';
import { refOf, sameRef } from '../../backend/src/kube/objects.js';
import { indexSnapshot } from '../../backend/src/kube/snapshot-index.js';
import { scenarioSnapshot, scenariosDir } from './fixture-snapshot.js';

const containerDetectors: readonly Detector[] = [
  imagePullBackOffDetector,
  crashLoopBackOffDetector,
  oomKilledDetector,
  createContainerConfigErrorDetector,
  runContainerErrorDetector,
  initContainerFailedDetector,
  probeFailedDetector,
];
const ourTypes = new Set<string>(containerDetectors.map((detector) => detector.type));

interface ScenarioExpectations {
  target?: ResourceRef;
  expect: { primary: string; symptoms: string[] };
}

function expectationsOf(id: string): ScenarioExpectations {
  return parse(readFileSync(join(scenariosDir, id, 'scenario.yaml'), 'utf8')) as ScenarioExpectations;
}

describe('container failure detectors on the recorded scenarios', () => {
  it.each([
    'config-missing-secret',
    'init-migration-failed',
    'readiness-wrong-port',
    'run-entrypoint-not-found',
    'crashloop-missing-env-no-runbook',
    'image-registry-mirror',
    'oom-raise-memory',
  ])('%s: the expected primary symptom is found, on a pod of the target', (id) => {
    const { target, expect: expected } = expectationsOf(id);
    const snapshot = scenarioSnapshot(id);
    const symptoms = containerDetectors.flatMap((detector) => detector.detect(snapshot));

    const primary = symptoms.filter((symptom) => symptom.type === expected.primary);
    expect(primary).toHaveLength(1);
    for (const type of expected.symptoms.filter((name) => ourTypes.has(name))) {
      expect(symptoms.map((symptom) => symptom.type)).toContain(type);
    }
    if (target) {
      const index = indexSnapshot(snapshot);
      const pod = index.find(primary[0]?.resource ?? { group: '', kind: '', name: '' });
      expect(pod).toBeDefined();
      const owners = pod ? index.ownerChain(pod).map(refOf) : [];
      expect(owners.some((owner) => sameRef(owner, target))).toBe(true);
    }
  });

  it.each([
    ['config-missing-secret', ['CreateContainerConfigError']],
    ['init-migration-failed', ['InitContainerFailed']],
    ['readiness-wrong-port', ['ProbeFailed']],
    ['run-entrypoint-not-found', ['RunContainerError']],
  ])('%s: only the failure it records is reported by this group', (id, types) => {
    const snapshot = scenarioSnapshot(id);
    const found = containerDetectors
      .flatMap((detector) => detector.detect(snapshot))
      .map((symptom) => symptom.type);
    expect(found).toEqual(types);
  });
});
