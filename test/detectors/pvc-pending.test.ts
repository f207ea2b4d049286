import { describe, expect, it } from 'vitest';
import { pvcPendingDetector } from '../../backend/src/detectors/pvc-pending.js';
import type { Symptom } from '../../backend/src/detectors/symptom.js';
import type { KubeObject, StorageClass } from '../../backend/src/kube/objects.js';
import { snapshotOf } from '../support/snapshot.js';
import { fixtureObjects, scenarioSnapshot } from './fixture-snapshot.js';

const detect = pvcPendingDetector.detect;
/** The fixture's claims were recorded at half past ten; the grace period counts from their creation. */
const capturedAt = '2026-11-24T10:30:00Z';

const claims = () => fixtureObjects('pvc-pending', 'claims.yaml');
const detectIn = (objects: KubeObject[]) => detect(snapshotOf(objects, { capturedAt }));
const byClaim = (symptoms: Symptom[], name: string) =>
  symptoms.find((symptom) => symptom.resource.name === name);

describe('pvcPendingDetector', () => {
  it('reports the claims that fail, in namespace and name order, and leaves the waits by design alone', () => {
    expect(detectIn(claims()).map((symptom) => [symptom.resource.name, symptom.params.cause])).toEqual([
      ['archive', 'ProvisioningFailed'],
      ['exports', 'StorageClassMissing'],
      ['index-search-0', 'WaitForFirstConsumer'],
      ['ledger-wal', 'ProvisioningFailed'],
    ]);
  });

  it('names the missing class, the classes that exist and the pod that waits', () => {
    const symptom = byClaim(detectIn(claims()), 'exports');
    expect(symptom?.type).toBe('PVCPending');
    expect(symptom?.resource).toEqual({
      group: '',
      kind: 'PersistentVolumeClaim',
      namespace: 'data',
      name: 'exports',
    });
    expect(symptom?.params).toEqual({
      storageClass: 'fast',
      cause: 'StorageClassMissing',
      detail: 'storageclass.storage.k8s.io "fast" not found',
    });
    expect(symptom?.message).toBe(
      'PersistentVolumeClaim data/exports is Pending: its StorageClass fast does not exist (the cluster has gp2, gp3, io2-immediate); Pod exporter-5f7b9c8d64-2rkvw waits for it.',
    );
    expect(symptom?.evidence.map((item) => item.id)).toEqual([
      'status:/PersistentVolumeClaim/data/exports:status.phase',
      'status:/PersistentVolumeClaim/data/exports:spec.storageClassName',
      expect.stringMatching(/^event:data\/exports\./),
    ]);
    expect(symptom?.evidence[2]).toMatchObject({ reason: 'ProvisioningFailed', count: 126 });
  });

  it('knows a class is missing from the cluster’s list when the controller’s event has expired', () => {
    const objects = claims().filter(
      (object) =>
        !(object.kind === 'Event' && (object as { reason?: string }).reason === 'ProvisioningFailed'),
    );
    const symptom = byClaim(detectIn(objects), 'exports');
    expect(symptom?.params).toEqual({
      storageClass: 'fast',
      cause: 'StorageClassMissing',
      detail: 'storageclass.storage.k8s.io "fast" not found',
    });
    expect(symptom?.evidence.map((item) => item.kind)).toEqual(['status', 'status']);
  });

  it('does not call a class missing when the cluster’s classes could not be read', () => {
    const objects = claims().filter(
      (object) =>
        object.kind !== 'StorageClass' &&
        !(object.kind === 'Event' && (object as { reason?: string }).reason === 'ProvisioningFailed'),
    );
    expect(byClaim(detectIn(objects), 'exports')).toBeUndefined();
  });

  it('reports a provisioner’s error by the root cause at the end of its chain', () => {
    const symptom = byClaim(detectIn(claims()), 'archive');
    expect(symptom?.params.storageClass).toBe('io2-immediate');
    expect(symptom?.params.detail).toMatch(/^failed to provision volume with StorageClass "io2-immediate"/);
    expect(symptom?.message).toMatch(
      /^PersistentVolumeClaim data\/archive is Pending: the provisioner failed: ….*api error VolumeLimitExceeded: You have exceeded your maximum io2 storage limit of 20 TiB in this region\.$/,
    );
  });

  it('reports a provisioner that has not answered after the grace period, and not before', () => {
    const symptom = byClaim(detectIn(claims()), 'ledger-wal');
    expect(symptom?.params).toMatchObject({ cause: 'ProvisioningFailed', storageClass: 'io2-immediate' });
    expect(symptom?.message).toBe(
      'PersistentVolumeClaim data/ledger-wal is Pending: ebs.csi.aws.com has not created its volume in 12 minutes.',
    );
    const early = detect(snapshotOf(claims(), { capturedAt: '2026-11-24T10:20:00Z' }));
    expect(byClaim(early, 'ledger-wal')).toBeUndefined();
  });

  it('reports a claim that binds on first use when its pod cannot be scheduled', () => {
    const symptom = byClaim(detectIn(claims()), 'index-search-0');
    expect(symptom?.params).toEqual({
      storageClass: 'gp3',
      cause: 'WaitForFirstConsumer',
      detail: 'waiting for Pod search-0 to be scheduled before binding',
    });
    expect(symptom?.message).toBe(
      'PersistentVolumeClaim data/index-search-0 is Pending: its StorageClass gp3 binds on first use and Pod search-0, which uses it, is not scheduled.',
    );
  });

  it('leaves a first-use claim alone once its pod is placed and the volume is being created', () => {
    const objects = claims();
    for (const object of objects) {
      if (object.kind === 'Pod' && object.metadata?.name === 'search-0') {
        (object as { spec: { nodeName?: string } }).spec.nodeName =
          'ip-10-20-1-34.eu-west-1.compute.internal';
      }
    }
    expect(byClaim(detectIn(objects), 'index-search-0')).toBeUndefined();
  });

  it('reports a claim without a class in a cluster without a default class', () => {
    const symptoms = detectIn(fixtureObjects('pvc-pending', 'no-default-class.yaml'));
    expect(symptoms).toHaveLength(1);
    expect(symptoms[0]?.params).toEqual({
      storageClass: '',
      cause: 'NoDefaultStorageClass',
      detail: 'no persistent volumes available for this claim and no storage class is set',
    });
    expect(symptoms[0]?.message).toBe(
      'PersistentVolumeClaim data/legacy-uploads is Pending: it names no StorageClass and the cluster has no default one.',
    );
    expect(symptoms[0]?.evidence.map((item) => item.kind)).toEqual(['status', 'event']);
  });

  it('knows there is no default class from the cluster’s list alone', () => {
    const objects = fixtureObjects('pvc-pending', 'no-default-class.yaml').filter(
      (object) => object.kind !== 'Event',
    );
    expect(detectIn(objects)[0]?.params.cause).toBe('NoDefaultStorageClass');
    const withDefault = objects.map((object) => {
      if (object.kind !== 'StorageClass') return object;
      const storageClass = structuredClone(object) as StorageClass;
      storageClass.metadata = {
        ...storageClass.metadata,
        annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
      };
      return storageClass;
    });
    expect(detectIn(withDefault)).toEqual([]);
  });

  it.each([
    ['a pod the scheduler cannot place for memory', 'unschedulable-insufficient-memory'],
    ['pods killed for memory', 'oom-raise-memory'],
  ])('finds nothing for %s', (_label, id) => {
    expect(detect(scenarioSnapshot(id))).toEqual([]);
  });
});
