import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectors } from '../../backend/src/detectors/index.js';
import { SYMPTOM_TYPES } from '../../backend/src/detectors/symptom.js';
import { SYMPTOM_PARAMS } from '../../backend/src/detectors/symptom-params.js';
import type { Event, KubeObject, Pod } from '../../backend/src/kube/objects.js';
import type { ClusterSnapshot } from '../../backend/src/kube/snapshot.js';
import { fixtureObjects, scenarioSnapshot } from '../detectors/fixture-snapshot.js';
import { snapshotOf } from '../support/snapshot.js';
import { scenarioIds } from './scenario-diagnosis.js';

const fixturesDir = join(import.meta.dirname, '..', 'detectors', 'fixtures');

/** The pending replicas of the Unschedulable fixture, rejected for another reason than memory. */
function unschedulableFor(message: string, change: (pod: Pod) => void): KubeObject[] {
  const objects = fixtureObjects('unschedulable', 'pending-replicas.yaml', 'nodes.yaml');
  for (const object of objects) {
    if (object.kind === 'Pod' && (object as Pod).status?.phase === 'Pending') {
      const pod = object as Pod;
      for (const condition of pod.status?.conditions ?? []) condition.message = message;
      change(pod);
    }
    if (object.kind === 'Event' && (object as Event).reason === 'FailedScheduling')
      (object as Event).message = message;
  }
  return objects;
}

/** Every recorded cluster the detector tests use, each fixture file alone and each folder whole. */
function recordedSnapshots(): ClusterSnapshot[] {
  const snapshots = scenarioIds.map(scenarioSnapshot);
  for (const type of readdirSync(fixturesDir).sort()) {
    const files = readdirSync(join(fixturesDir, type)).sort();
    snapshots.push(snapshotOf(fixtureObjects(type, ...files)));
    for (const file of files) snapshots.push(snapshotOf(fixtureObjects(type, file)));
  }
  snapshots.push(
    snapshotOf(
      unschedulableFor(
        '0/3 nodes are available: 3 node(s) had untolerated taint {dedicated: gpu}.',
        () => {},
      ),
    ),
    snapshotOf(
      unschedulableFor(
        "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.",
        (pod) => {
          if (pod.spec) pod.spec.nodeSelector = { 'node-pool': 'highmem' };
        },
      ),
    ),
  );
  return snapshots;
}

describe('SYMPTOM_PARAMS', () => {
  const carried = new Map<string, Set<string>>(SYMPTOM_TYPES.map((type) => [type, new Set<string>()]));
  for (const snapshot of recordedSnapshots()) {
    for (const detector of detectors) {
      for (const symptom of detector.detect(snapshot)) {
        for (const param of Object.keys(symptom.params)) carried.get(symptom.type)?.add(param);
      }
    }
  }

  it.each(SYMPTOM_TYPES)(
    '%s: lists exactly the params its detector sets on the recorded clusters',
    (type) => {
      expect([...(carried.get(type) ?? [])].sort()).toEqual([...SYMPTOM_PARAMS[type]].sort());
    },
  );
});
