import type { Event, Pod } from '../kube/objects.js';
import type { ClusterSnapshot } from '../kube/snapshot.js';
import { indexSnapshot } from '../kube/snapshot-index.js';
import type { Detector } from './detector.js';
import { eventEvidence } from './evidence.js';
import { clip } from './support/clip.js';
import { type PodFinding, symptomsByOwner } from './support/pod-groups.js';
import type { ParamValue, Symptom } from './symptom.js';

const MOUNT_REASONS = new Set(['FailedMount', 'FailedAttachVolume']);

type MissingKind = 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim';

const MISSING_KINDS: Readonly<Record<string, MissingKind>> = {
  configmap: 'ConfigMap',
  configmaps: 'ConfigMap',
  secret: 'Secret',
  secrets: 'Secret',
  persistentvolumeclaim: 'PersistentVolumeClaim',
  persistentvolumeclaims: 'PersistentVolumeClaim',
};

interface MountFailure {
  volume: string;
  /** The kubelet's or attach controller's reason, after the volume name. */
  detail: string;
  missingKind?: MissingKind;
  missingName?: string;
  /** The kubelet's summary (`Unable to attach or mount volumes: ...`) names no cause of its own. */
  summary: boolean;
}

/** `MountVolume.SetUp failed for volume "config" : configmap "web-config" not found`, and its kin. */
const FOR_VOLUME = /for volume "([^"]+)"\s*:?\s*(.*)$/s;
/** `Multi-Attach error for volume "pvc-1f2e" Volume is already used by pod(s) db-0`. */
const MULTI_ATTACH = /^Multi-Attach error for volume "([^"]+)"\s*(.*)$/s;
/** `Unable to attach or mount volumes: unmounted volumes=[config], unattached volumes=[...]: timed out ...`. */
const SUMMARY = /unmounted volumes=\[([^\]]*)\]/;
const MISSING = /\b(configmaps?|secrets?|persistentvolumeclaims?) "([^"]+)" not found/i;

function parseFailure(message: string): MountFailure | undefined {
  const summary = SUMMARY.exec(message);
  if (summary) {
    const volume = summary[1]?.trim().split(/\s+/)[0] ?? '';
    const detail = /\]:\s*([^\]]*)$/.exec(message)?.[1]?.trim() ?? message;
    return volume ? { volume, detail, summary: true } : undefined;
  }
  const match = MULTI_ATTACH.exec(message) ?? FOR_VOLUME.exec(message);
  if (!match?.[1]) return undefined;
  const detail = (match[2] ?? '').trim();
  const failure: MountFailure = { volume: match[1], detail, summary: false };
  const missing = MISSING.exec(detail);
  const kind = missing?.[1] ? MISSING_KINDS[missing[1].toLowerCase()] : undefined;
  if (kind && missing?.[2]) {
    failure.missingKind = kind;
    failure.missingName = missing[2];
  }
  return failure;
}

interface MountFinding extends PodFinding {
  failure: MountFailure;
  event: Event;
  /** The kubelet's periodic summary for the same pod, when the cause came from another event. */
  summaryEvent: Event | undefined;
}

/**
 * The kubelet repeats the specific error and, every two minutes, a summary naming only the volume.
 * The specific error explains; the summary adds the timeout. Events of a pod that has since started
 * are history: mounting happens before any container runs, so only Pending pods are stuck on it.
 */
function findingOf(snapshot: ClusterSnapshot, pod: Pod): MountFinding | undefined {
  if (pod.status?.phase !== 'Pending' || pod.metadata?.deletionTimestamp) return undefined;
  const parsed = indexSnapshot(snapshot)
    .eventsFor(pod)
    .filter((event) => MOUNT_REASONS.has(event.reason ?? ''))
    .flatMap((event) => {
      const failure = parseFailure(event.message ?? '');
      return failure ? [{ event, failure }] : [];
    });
  const specific = parsed.find((entry) => !entry.failure.summary);
  const summary = parsed.find((entry) => entry.failure.summary);
  const chosen = specific ?? summary;
  if (!chosen) return undefined;
  const { failure } = chosen;
  return {
    pod,
    signature: [failure.volume, failure.missingKind ?? '', failure.missingName ?? ''].join('\u0000'),
    failure,
    event: chosen.event,
    summaryEvent: specific && summary ? summary.event : undefined,
  };
}

function explanation(failure: MountFailure): string {
  if (failure.missingKind && failure.missingName) {
    return `${failure.missingKind} ${failure.missingName} does not exist`;
  }
  return clip(failure.detail);
}

function paramsOf(failure: MountFailure): Record<string, ParamValue> {
  const params: Record<string, ParamValue> = { volume: failure.volume, detail: failure.detail };
  if (failure.missingKind) params.missingKind = failure.missingKind;
  if (failure.missingName) params.missingName = failure.missingName;
  return params;
}

/** Pods stuck before start because a volume cannot be attached or mounted (FailedMount, FailedAttachVolume). */
export const failedMountDetector: Detector = {
  type: 'FailedMount',
  detect(snapshot: ClusterSnapshot): Symptom[] {
    const findings = snapshot.pods
      .map((pod) => findingOf(snapshot, pod))
      .filter((finding): finding is MountFinding => finding !== undefined);
    return symptomsByOwner(snapshot, 'FailedMount', findings, (finding, subject) => ({
      message: `${subject} cannot ${finding.event.reason === 'FailedAttachVolume' ? 'attach' : 'mount'} volume ${finding.failure.volume}: ${explanation(finding.failure)}.`,
      params: paramsOf(finding.failure),
      evidence: [finding.event, ...(finding.summaryEvent ? [finding.summaryEvent] : [])].map(eventEvidence),
    }));
  },
};
