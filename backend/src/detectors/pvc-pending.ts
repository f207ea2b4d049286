import type { Event, PersistentVolumeClaim, Pod, StorageClass } from '../kube/objects.js';
import { describeRef, refOf } from '../kube/objects.js';
import type { ClusterSnapshot } from '../kube/snapshot.js';
import { indexSnapshot } from '../kube/snapshot-index.js';
import type { Detector } from './detector.js';
import { eventEvidence, statusEvidence } from './evidence.js';
import type { Evidence, Symptom } from './symptom.js';

type PendingCause =
  | 'StorageClassMissing'
  | 'ProvisioningFailed'
  | 'WaitForFirstConsumer'
  | 'NoDefaultStorageClass';

/**
 * How long a claim may wait on a provisioner or on its first consumer's scheduling before the wait
 * is a failure: cloud volumes take seconds to a couple of minutes to create.
 */
const PROVISIONING_GRACE_MS = 5 * 60 * 1000;

const DEFAULT_CLASS_ANNOTATIONS = [
  'storageclass.kubernetes.io/is-default-class',
  'storageclass.beta.kubernetes.io/is-default-class',
];

interface PendingFinding {
  pvc: PersistentVolumeClaim;
  cause: PendingCause;
  /** For a provisioner that never answered: how long the claim has waited, in milliseconds. */
  waited?: number;
  /** For a class that binds on first use: the consumer the scheduler has not placed. */
  unscheduledPod?: string;
  storageClass: string;
  detail: string;
  event: Event | undefined;
  consumers: Pod[];
}

function isDefault(storageClass: StorageClass): boolean {
  return DEFAULT_CLASS_ANNOTATIONS.some((key) => storageClass.metadata?.annotations?.[key] === 'true');
}

function consumersOf(snapshot: ClusterSnapshot, pvc: PersistentVolumeClaim): Pod[] {
  return snapshot.pods
    .filter(
      (pod) =>
        pod.metadata?.namespace === pvc.metadata?.namespace &&
        !pod.metadata?.deletionTimestamp &&
        (pod.spec?.volumes ?? []).some(
          (volume) => volume.persistentVolumeClaim?.claimName === pvc.metadata?.name,
        ),
    )
    .sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
}

function pendingFor(snapshot: ClusterSnapshot, pvc: PersistentVolumeClaim): number {
  const created = Date.parse(pvc.metadata?.creationTimestamp ?? '');
  const now = Date.parse(snapshot.capturedAt);
  return Number.isNaN(created) || Number.isNaN(now) ? Number.POSITIVE_INFINITY : now - created;
}

/** `Waiting for a volume to be created either by the external provisioner 'ebs.csi.aws.com' or ...`. */
const PROVISIONER = /external provisioner ['"]([^'"]+)['"]/;
const ROOT_CAUSE_LENGTH = 160;

/**
 * The end of a provisioner's error chain, where Go errors put the root cause:
 * `…api error VolumeLimitExceeded: You have exceeded your maximum io2 storage limit`.
 */
function rootCause(detail: string): string {
  const flat = detail.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  if (flat.length <= ROOT_CAUSE_LENGTH) return flat;
  const tail = flat.slice(-ROOT_CAUSE_LENGTH);
  return `…${tail.slice(tail.indexOf(' ') + 1)}`;
}

const CLASS_NOT_FOUND = /storageclass\.storage\.k8s\.io "([^"]+)" not found/;

/**
 * Decides why a Pending claim waits, from the most certain sign to the least: the controller saying
 * the class does not exist, the class missing from the cluster's list, a claim without a class in a
 * cluster without a default, a provisioner's error, then waits that have lasted too long. A claim
 * whose class binds on first use and that no pod uses yet is not failing: it waits by design.
 */
function findingOf(snapshot: ClusterSnapshot, pvc: PersistentVolumeClaim): PendingFinding | undefined {
  if (pvc.status?.phase !== 'Pending' || pvc.metadata?.deletionTimestamp) return undefined;
  const events = indexSnapshot(snapshot).eventsFor(pvc);
  const className = pvc.spec?.storageClassName ?? '';
  const classes = snapshot.storageClasses;
  const storageClass = classes.find((candidate) => candidate.metadata?.name === className);
  const consumers = consumersOf(snapshot, pvc);
  const finding = (cause: PendingCause, detail: string, event: Event | undefined): PendingFinding => ({
    pvc,
    cause,
    storageClass: className,
    detail,
    event,
    consumers,
  });

  const notFound = events.find(
    (event) => event.reason === 'ProvisioningFailed' && CLASS_NOT_FOUND.test(event.message ?? ''),
  );
  if (className && (notFound || (classes.length > 0 && !storageClass))) {
    return finding(
      'StorageClassMissing',
      notFound?.message ?? `storageclass.storage.k8s.io "${className}" not found`,
      notFound,
    );
  }
  const noClassSet = events.find((event) => /no storage class is set/.test(event.message ?? ''));
  if (!className && (noClassSet || (classes.length > 0 && !classes.some(isDefault)))) {
    return finding(
      'NoDefaultStorageClass',
      noClassSet?.message ?? 'the claim names no storage class and the cluster has no default one',
      noClassSet,
    );
  }
  const failed = events.find((event) => event.reason === 'ProvisioningFailed');
  if (failed) return finding('ProvisioningFailed', failed.message ?? '', failed);

  const waited = pendingFor(snapshot, pvc);
  if (waited < PROVISIONING_GRACE_MS) return undefined;
  const waitsForConsumer =
    storageClass?.volumeBindingMode === 'WaitForFirstConsumer' ||
    events.some((event) => event.reason === 'WaitForFirstConsumer');
  const selectedNode = pvc.metadata?.annotations?.['volume.kubernetes.io/selected-node'];
  if (waitsForConsumer && !selectedNode) {
    const unscheduledPod = consumers.find((pod) => !pod.spec?.nodeName)?.metadata?.name;
    if (!unscheduledPod) return undefined;
    const wait = events.find((event) => event.reason === 'WaitForFirstConsumer');
    return {
      ...finding(
        'WaitForFirstConsumer',
        `waiting for Pod ${unscheduledPod} to be scheduled before binding`,
        wait,
      ),
      unscheduledPod,
    };
  }
  const provisioning = events.find(
    (event) => event.reason === 'ExternalProvisioning' || event.reason === 'Provisioning',
  );
  if (!provisioning) return undefined;
  return {
    ...finding('ProvisioningFailed', provisioning.message ?? '', provisioning),
    waited,
  };
}

function explanation(finding: PendingFinding, snapshot: ClusterSnapshot): string {
  switch (finding.cause) {
    case 'StorageClassMissing': {
      const existing = snapshot.storageClasses
        .map((storageClass) => storageClass.metadata?.name ?? '')
        .filter(Boolean)
        .sort();
      const choice = existing.length > 0 ? ` (the cluster has ${existing.join(', ')})` : '';
      return `its StorageClass ${finding.storageClass} does not exist${choice}`;
    }
    case 'NoDefaultStorageClass':
      return 'it names no StorageClass and the cluster has no default one';
    case 'WaitForFirstConsumer':
      return `its StorageClass ${finding.storageClass} binds on first use and Pod ${finding.unscheduledPod}, which uses it, is not scheduled`;
    case 'ProvisioningFailed': {
      if (finding.waited === undefined) return `the provisioner failed: ${rootCause(finding.detail)}`;
      const provisioner =
        PROVISIONER.exec(finding.detail)?.[1] ??
        finding.pvc.metadata?.annotations?.['volume.kubernetes.io/storage-provisioner'] ??
        'the provisioner';
      const minutes = Math.floor(finding.waited / 60_000);
      const time = Number.isFinite(minutes) ? ` in ${minutes} minutes` : '';
      return `${provisioner} has not created its volume${time}`;
    }
  }
}

function evidenceOf(finding: PendingFinding): Evidence[] {
  const evidence: Evidence[] = [statusEvidence(finding.pvc, 'status.phase', 'Pending')];
  if (finding.storageClass) {
    evidence.push(statusEvidence(finding.pvc, 'spec.storageClassName', finding.storageClass));
  }
  if (finding.event) evidence.push(eventEvidence(finding.event));
  return evidence;
}

/** PersistentVolumeClaims stuck in Pending: a missing class, no default class, a failing provisioner. */
export const pvcPendingDetector: Detector = {
  type: 'PVCPending',
  detect(snapshot: ClusterSnapshot): Symptom[] {
    return [...snapshot.persistentVolumeClaims]
      .sort((a, b) => describeRef(refOf(a)).localeCompare(describeRef(refOf(b))))
      .map((pvc) => findingOf(snapshot, pvc))
      .filter((finding): finding is PendingFinding => finding !== undefined)
      .map((finding) => {
        const resource = refOf(finding.pvc);
        const consumer = finding.consumers[0];
        const waiting =
          consumer && finding.cause !== 'WaitForFirstConsumer'
            ? `; Pod ${consumer.metadata?.name} waits for it`
            : '';
        return {
          type: 'PVCPending',
          resource,
          message: `${describeRef(resource)} is Pending: ${explanation(finding, snapshot)}${waiting}.`,
          params: { storageClass: finding.storageClass, cause: finding.cause, detail: finding.detail },
          evidence: evidenceOf(finding),
        };
      });
  },
};
