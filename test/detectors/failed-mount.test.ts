import { describe, expect, it } from 'vitest';
import { failedMountDetector } from '../../backend/src/detectors/failed-mount.js';
import type { Event, KubeObject, Pod } from '../../backend/src/kube/objects.js';
import { snapshotOf } from '../support/snapshot.js';
import { fixtureObjects, scenarioSnapshot } from './fixture-snapshot.js';

const detect = failedMountDetector.detect;
const NEWEST = 'checkout-7d9c5b6f48-t8w4j';

/** The checkout replicas, with the kubelet's specific FailedMount text replaced and the pods changed alike. */
function checkout(specific?: string, change: (pod: Pod) => void = () => {}): KubeObject[] {
  const objects = fixtureObjects('failed-mount', 'missing-configmap.yaml');
  for (const object of objects) {
    if (object.kind === 'Pod') change(object as Pod);
    const event = object as Event;
    if (specific && event.reason === 'FailedMount' && event.message?.startsWith('MountVolume.SetUp')) {
      event.message = specific;
    }
  }
  return objects;
}

describe('failedMountDetector', () => {
  it('makes one symptom of the replicas whose ConfigMap volume does not exist', () => {
    const symptoms = detect(snapshotOf(checkout()));
    expect(symptoms).toHaveLength(1);
    const [symptom] = symptoms;
    expect(symptom?.type).toBe('FailedMount');
    expect(symptom?.resource).toEqual({ group: '', kind: 'Pod', namespace: 'shop', name: NEWEST });
    expect(symptom?.params).toEqual({
      volume: 'config',
      missingKind: 'ConfigMap',
      missingName: 'checkout-config',
      detail: 'configmap "checkout-config" not found',
    });
    expect(symptom?.message).toBe(
      `Pod shop/${NEWEST} (and 1 more pod of Deployment shop/checkout) cannot mount volume config: ConfigMap checkout-config does not exist.`,
    );
  });

  it('cites the specific error first, then the kubelet’s timeout summary', () => {
    const [symptom] = detect(snapshotOf(checkout()));
    expect(symptom?.evidence).toEqual([
      expect.objectContaining({
        reason: 'FailedMount',
        count: 16,
        message: expect.stringMatching(/^MountVolume/),
      }),
      expect.objectContaining({
        reason: 'FailedMount',
        count: 7,
        message: expect.stringMatching(/^Unable to attach/),
      }),
    ]);
    expect(symptom?.evidence.every((item) => item.resource.name === NEWEST)).toBe(true);
  });

  it.each([
    [
      'a missing Secret',
      'MountVolume.SetUp failed for volume "tls" : secret "checkout-tls" not found',
      {
        volume: 'tls',
        missingKind: 'Secret',
        missingName: 'checkout-tls',
        detail: 'secret "checkout-tls" not found',
      },
      'cannot mount volume tls: Secret checkout-tls does not exist.',
    ],
    [
      'a key the ConfigMap lacks',
      'MountVolume.SetUp failed for volume "config" : configmap references non-existent config key: checkout.yaml',
      { volume: 'config', detail: 'configmap references non-existent config key: checkout.yaml' },
      'cannot mount volume config: configmap references non-existent config key: checkout.yaml.',
    ],
    [
      'an NFS server that refuses the mount',
      'MountVolume.SetUp failed for volume "shared" : mount failed: exit status 32\nMounting command: mount\nMounting arguments: -t nfs 10.20.0.5:/exports/shop /var/lib/kubelet/pods/x/volumes/kubernetes.io~nfs/shared\nOutput: mount.nfs: access denied by server while mounting 10.20.0.5:/exports/shop',
      { volume: 'shared' },
      'cannot mount volume shared: mount failed: exit status 32 Mounting command: mount',
    ],
  ])('reads %s', (_label, message, params, sentence) => {
    const [symptom] = detect(snapshotOf(checkout(message)));
    expect(symptom?.params).toMatchObject(params);
    expect(symptom?.params.missingKind === undefined).toBe(!('missingKind' in params));
    expect(symptom?.message).toContain(sentence);
  });

  it('falls back to the summary when the specific error has expired', () => {
    const objects = checkout().filter(
      (object) => !(object.kind === 'Event' && (object as Event).message?.startsWith('MountVolume.SetUp')),
    );
    const [symptom] = detect(snapshotOf(objects));
    expect(symptom?.params).toEqual({ volume: 'config', detail: 'timed out waiting for the condition' });
    expect(symptom?.message).toContain('cannot mount volume config: timed out waiting for the condition.');
    expect(symptom?.evidence).toHaveLength(1);
  });

  it('reports a volume the attach controller cannot attach', () => {
    const symptoms = detect(snapshotOf(fixtureObjects('failed-mount', 'multi-attach.yaml')));
    expect(symptoms).toHaveLength(1);
    const [symptom] = symptoms;
    expect(symptom?.resource).toEqual({ group: '', kind: 'Pod', namespace: 'orders', name: 'orders-db-0' });
    expect(symptom?.params).toEqual({
      volume: 'pvc-4c2e8b71-93a5-4d0f-b6e1-7f5a2c9d8e13',
      detail: "Volume is already exclusively attached to one node and can't be attached to another",
    });
    expect(symptom?.message).toMatch(/^Pod orders\/orders-db-0 cannot attach volume pvc-4c2e8b71-/);
    expect(symptom?.evidence.map((item) => item.kind === 'event' && item.reason)).toEqual([
      'FailedAttachVolume',
      'FailedMount',
    ]);
  });

  it.each([
    [
      'pods that started once the ConfigMap appeared',
      (pod: Pod) => {
        if (pod.status) pod.status.phase = 'Running';
      },
    ],
    [
      'pods being deleted',
      (pod: Pod) => {
        if (pod.metadata) pod.metadata.deletionTimestamp = '2026-11-22T13:30:00Z';
      },
    ],
    [
      'a new pod of the same name, when the events were about the old one',
      (pod: Pod) => {
        if (pod.metadata) pod.metadata.uid = `${pod.metadata.uid?.slice(0, -4)}beef`;
      },
    ],
  ])('finds nothing for %s', (_label, change) => {
    expect(detect(snapshotOf(checkout(undefined, change)))).toEqual([]);
  });

  it.each([
    ['a pod the scheduler cannot place', 'unschedulable-insufficient-memory'],
    ['pods that cannot pull their image', 'image-registry-mirror'],
    ['a CronJob whose runs failed', 'cronjob-backoff-limit'],
  ])('finds nothing for %s', (_label, id) => {
    expect(detect(scenarioSnapshot(id))).toEqual([]);
  });
});
