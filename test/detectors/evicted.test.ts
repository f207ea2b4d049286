import { describe, expect, it } from 'vitest';
import { evictedDetector } from '../../backend/src/detectors/evicted.js';
import type { KubeObject, Pod } from '../../backend/src/kube/objects.js';
import { snapshotOf } from '../support/snapshot.js';
import { fixtureObjects, scenarioSnapshot } from './fixture-snapshot.js';

const detect = evictedDetector.detect;
const NEWEST = 'thumbnailer-8f6d4c7b95-vw9kd';
const NODE = 'ip-10-20-2-117.eu-west-1.compute.internal';

/** The thumbnailer pods, with the eviction message of the evicted ones replaced. */
function thumbnailer(message?: string): KubeObject[] {
  const objects = fixtureObjects('evicted', 'memory-pressure.yaml');
  for (const object of objects) {
    const pod = object as Pod;
    if (message !== undefined && object.kind === 'Pod' && pod.status?.reason === 'Evicted') {
      pod.status.message = message;
    }
  }
  return objects;
}

describe('evictedDetector', () => {
  it('makes one symptom of the replicas evicted for memory, named after the newest', () => {
    const symptoms = detect(snapshotOf(thumbnailer()));
    expect(symptoms).toHaveLength(1);
    const [symptom] = symptoms;
    expect(symptom?.type).toBe('Evicted');
    expect(symptom?.resource).toEqual({ group: '', kind: 'Pod', namespace: 'media', name: NEWEST });
    expect(symptom?.params).toEqual({
      resource: 'memory',
      container: 'thumbnailer',
      usage: '1671168Ki',
      request: '256Mi',
      node: NODE,
    });
    expect(symptom?.message).toBe(
      `Pod media/${NEWEST} (and 1 more pod of Deployment media/thumbnailer) was evicted from node ${NODE} because the node ran low on memory; container thumbnailer used 1.6Gi against a request of 256Mi.`,
    );
  });

  it('cites the pod’s reason and message and the kubelet’s Evicted event', () => {
    const [symptom] = detect(snapshotOf(thumbnailer()));
    const pod = `status:/Pod/media/${NEWEST}`;
    expect(symptom?.evidence.map((item) => item.id)).toEqual([
      `${pod}:status.reason`,
      `${pod}:status.message`,
      expect.stringMatching(new RegExp(`^event:media/${NEWEST}\\.`)),
    ]);
    expect(symptom?.evidence[2]).toMatchObject({ reason: 'Evicted', type: 'Warning' });
  });

  it.each([
    [
      'ephemeral storage under node pressure, with no request',
      'The node was low on resource: ephemeral-storage. Threshold quantity: 4281126156, available: 3993156Ki. Container thumbnailer was using 6318252Ki, request is 0, has larger consumption of ephemeral-storage. ',
      { resource: 'ephemeral-storage', container: 'thumbnailer', usage: '6318252Ki', request: '0' },
      'because the node ran low on ephemeral-storage; container thumbnailer used 6Gi against a request of 0.',
    ],
    [
      'the message kubelets before 1.19 wrote',
      'The node was low on resource: ephemeral-storage. Container thumbnailer was using 20Ki, which exceeds its request of 0. ',
      { resource: 'ephemeral-storage', container: 'thumbnailer', usage: '20Ki', request: '0' },
      'container thumbnailer used 20Ki against a request of 0.',
    ],
    [
      'a container past its own ephemeral-storage limit',
      'Container thumbnailer exceeded its local ephemeral storage limit "1Gi". ',
      { resource: 'ephemeral-storage', container: 'thumbnailer' },
      'because container thumbnailer went past its ephemeral-storage limit of 1Gi.',
    ],
    [
      'a pod past the total limit of its containers',
      'Pod ephemeral local storage usage exceeds the total limit of containers 2Gi. ',
      { resource: 'ephemeral-storage' },
      'because it went past its ephemeral-storage limit of 2Gi.',
    ],
    [
      'an emptyDir past its sizeLimit',
      'Usage of EmptyDir volume "scratch" exceeds the limit "500Mi". ',
      { resource: 'ephemeral-storage' },
      'because it went past its ephemeral-storage limit of 500Mi.',
    ],
    [
      'a node condition',
      'The node had condition: [DiskPressure]. ',
      { resource: 'ephemeral-storage' },
      'because the node ran low on ephemeral-storage.',
    ],
    ['no message at all', '', {}, `was evicted from node ${NODE}: the kubelet gave no reason.`],
  ])('reads %s', (_label, message, params, sentence) => {
    const [symptom] = detect(snapshotOf(thumbnailer(message)));
    expect(symptom?.params).toEqual({ ...params, node: NODE });
    expect(symptom?.message).toContain(sentence);
  });

  it('keeps evictions for different resources apart', () => {
    const objects = thumbnailer();
    const older = objects.find((object) => object.metadata?.name === 'thumbnailer-8f6d4c7b95-2hxlq') as Pod;
    if (older.status) older.status.message = 'The node had condition: [DiskPressure]. ';
    const symptoms = detect(snapshotOf(objects));
    expect(symptoms.map((symptom) => [symptom.resource.name, symptom.params.resource])).toEqual([
      ['thumbnailer-8f6d4c7b95-2hxlq', 'ephemeral-storage'],
      [NEWEST, 'memory'],
    ]);
  });

  it('ignores failed pods that were not evicted', () => {
    const objects = thumbnailer();
    for (const object of objects) {
      const pod = object as Pod;
      if (pod.status?.reason === 'Evicted') {
        pod.status.reason = 'NodeShutdown';
        pod.status.message = 'Pod was terminated in response to imminent node shutdown.';
      }
    }
    expect(detect(snapshotOf(objects))).toEqual([]);
  });

  it.each([
    ['pods killed for memory by the kernel', 'oom-raise-memory'],
    ['a pod the scheduler cannot place', 'unschedulable-insufficient-memory'],
    ['Job pods that exited with an error', 'cronjob-backoff-limit'],
  ])('finds nothing for %s', (_label, id) => {
    expect(detect(scenarioSnapshot(id))).toEqual([]);
  });
});
