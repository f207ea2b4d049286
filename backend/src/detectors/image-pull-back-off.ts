import { parseImageReference } from '../kube/image-reference.js';
import type { Event } from '../kube/objects.js';
import { refKey, refOf } from '../kube/objects.js';
import type { ClusterSnapshot } from '../kube/snapshot.js';
import { indexSnapshot } from '../kube/snapshot-index.js';
import type { Detector } from './detector.js';
import { eventEvidence, statusEvidence } from './evidence.js';
import { clip } from './support/clip.js';
import { containerEvents } from './support/container-events.js';
import { containerLabel } from './support/container-kinds.js';
import { type ContainerState, containerStates } from './support/containers.js';
import { type PodFinding, symptomsByOwner } from './support/pod-groups.js';
import type { Evidence, ParamValue, Symptom } from './symptom.js';

const PULL_REASONS = new Set(['ImagePullBackOff', 'ErrImagePull', 'InvalidImageName', 'ErrImageNeverPull']);

type PullCause = 'NotFound' | 'Unauthorized' | 'Unreachable' | 'InvalidReference';

/**
 * Clues in the kubelet's text, most telling first: the first that occurs anywhere decides.
 * Authorization comes before "not found" because registries answer "denied" for images that may
 * exist, and Docker's "pull access denied ... does not exist or may require authorization" is a
 * credentials question first. Generic transport words (deadline, dial tcp) come last so that the
 * specific one beside them (i/o timeout, no such host) is the clue reported.
 */
const CAUSE_CLUES: readonly { cause: PullCause; pattern: RegExp }[] = [
  ...clues('InvalidReference', [
    /invalid reference format/i,
    /couldn't parse image (?:name|reference)/i,
    /must be lowercase/i,
  ]),
  ...clues('Unauthorized', [
    /\b401 Unauthorized\b/i,
    /\b403 Forbidden\b/i,
    /status(?: code)?:? 40[13]\b/i,
    /pull access denied/i,
    /unauthorized/i,
    /forbidden/i,
    /denied/i,
    /authentication required/i,
    /failed to authorize/i,
    /no basic auth credentials/i,
    /insufficient_scope/i,
  ]),
  ...clues('NotFound', [
    /manifest unknown/i,
    /name unknown/i,
    /\b404 Not Found\b/i,
    /not found/i,
    /no such image/i,
    /does not exist/i,
  ]),
  ...clues('Unreachable', [
    /i\/o timeout/i,
    /no such host/i,
    /connection refused/i,
    /connection reset by peer/i,
    /network is unreachable/i,
    /no route to host/i,
    /TLS handshake timeout/i,
    /x509: [^:"]+/i,
    /server gave HTTP response to HTTPS client/i,
    /too many requests|toomanyrequests/i,
    /rate limit/i,
    /service unavailable|bad gateway|gateway timeout|internal server error/i,
    /unexpected EOF/i,
    /context deadline exceeded|DeadlineExceeded/i,
    /timed out/i,
    /dial tcp/i,
  ]),
];

function clues(cause: PullCause, patterns: readonly RegExp[]): { cause: PullCause; pattern: RegExp }[] {
  return patterns.map((pattern) => ({ cause, pattern }));
}

const CAUSE_PHRASES: Readonly<Record<PullCause, string>> = {
  NotFound: 'the registry has no such image',
  Unauthorized: 'the registry refused access',
  Unreachable: 'the registry is unreachable or unavailable',
  InvalidReference: 'the image reference is invalid',
};

/** Reasons that say the cause themselves; the kubelet never asked a registry. */
const CAUSE_OF_REASON: Readonly<Record<string, PullCause>> = {
  InvalidImageName: 'InvalidReference',
  ErrImageNeverPull: 'NotFound',
};

interface Classification {
  cause: PullCause;
  /** The words that gave the cause away: `i/o timeout`, `manifest unknown`, `401`. */
  clue: string;
}

function classify(text: string): Classification | undefined {
  for (const { cause, pattern } of CAUSE_CLUES) {
    const match = pattern.exec(text);
    if (match) return { cause, clue: match[0] };
  }
  return undefined;
}

interface PullFinding extends PodFinding {
  state: ContainerState;
  reason: string;
  image: string;
  classification: Classification | undefined;
  /** The newest event that holds the registry's answer, when the waiting message does not. */
  failure: Event | undefined;
  backOff: Event | undefined;
  /** A pod of the same workload whose status or events told the cause this pod's no longer tell. */
  witness?: PullFinding;
}

function isPullFailure(event: Event): boolean {
  const message = event.message ?? '';
  return (
    (event.reason === 'Failed' && message.startsWith('Failed to pull image')) ||
    event.reason === 'InspectFailed' ||
    event.reason === 'ErrImageNeverPull'
  );
}

function findingOf(snapshot: ClusterSnapshot, state: ContainerState): PullFinding | undefined {
  const waiting = state.status.state?.waiting;
  if (!waiting?.reason || !PULL_REASONS.has(waiting.reason)) return undefined;
  const events = containerEvents(snapshot, state);
  const failure = events.find(isPullFailure);
  const backOff = events.find(
    (event) => event.reason === 'BackOff' && (event.message ?? '').startsWith('Back-off pulling image'),
  );
  const known = classify(waiting.message ?? '') ?? classify(failure?.message ?? '');
  const cause = CAUSE_OF_REASON[waiting.reason];
  const classification = cause ? { cause, clue: known?.clue ?? waiting.reason } : known;
  const image = state.spec?.image ?? state.status.image;
  return {
    pod: state.pod,
    signature: [state.status.name, image, classification?.cause ?? ''].join('\u0000'),
    state,
    reason: waiting.reason,
    image,
    classification,
    failure,
    backOff,
  };
}

/**
 * Replicas pulling the same image fail for the same reason, but a pod's events expire and its
 * waiting message may only say "Back-off pulling image": such a pod takes the cause a sibling shows.
 */
function withSiblingCauses(snapshot: ClusterSnapshot, findings: readonly PullFinding[]): PullFinding[] {
  const index = indexSnapshot(snapshot);
  const keyOf = (finding: PullFinding) =>
    [refKey(refOf(index.topOwner(finding.pod))), finding.state.status.name, finding.image].join('\u0000');
  const witnesses = new Map<string, PullFinding>();
  for (const finding of findings) {
    if (finding.classification && !witnesses.has(keyOf(finding))) witnesses.set(keyOf(finding), finding);
  }
  return findings.map((finding) => {
    const witness = finding.classification ? undefined : witnesses.get(keyOf(finding));
    return witness
      ? { ...finding, classification: witness.classification, signature: witness.signature, witness }
      : finding;
  });
}

function paramsOf(finding: PullFinding): Record<string, ParamValue> {
  const params: Record<string, ParamValue> = { image: finding.image };
  const reference = parseImageReference(finding.image);
  if (reference) {
    params.registry = reference.registry;
    params.repository = reference.repository;
    if (reference.digest) params.digest = reference.digest;
    if (reference.tag || !reference.digest) params.tag = reference.tag ?? 'latest';
  }
  if (finding.classification) params.cause = finding.classification.cause;
  params.container = finding.state.status.name;
  params.reason = finding.reason;
  return params;
}

function evidenceOf(finding: PullFinding): Evidence[] {
  const { state } = finding;
  const waiting = state.status.state?.waiting;
  const evidence: Evidence[] = [
    statusEvidence(state.pod, `${state.field}.state.waiting.reason`, finding.reason),
  ];
  if (waiting?.message) {
    evidence.push(statusEvidence(state.pod, `${state.field}.state.waiting.message`, waiting.message));
  }
  if (finding.failure) evidence.push(eventEvidence(finding.failure));
  if (finding.backOff) evidence.push(eventEvidence(finding.backOff));
  const witness = finding.witness;
  if (witness) {
    const message = witness.state.status.state?.waiting?.message;
    if (message) {
      evidence.push(statusEvidence(witness.pod, `${witness.state.field}.state.waiting.message`, message));
    }
    if (witness.failure) evidence.push(eventEvidence(witness.failure));
  }
  return evidence;
}

function explanation(finding: PullFinding): string {
  if (finding.reason === 'ErrImageNeverPull')
    return 'the image is not on the node and its pull policy is Never';
  if (!finding.classification) return `the kubelet reports ${finding.reason}`;
  const { cause, clue } = finding.classification;
  return `${CAUSE_PHRASES[cause]} (${clip(clue, 80)})`;
}

/** Containers (init containers too) whose image the kubelet cannot pull or cannot use. */
export const imagePullBackOffDetector: Detector = {
  type: 'ImagePullBackOff',
  detect(snapshot: ClusterSnapshot): Symptom[] {
    const findings = snapshot.pods
      .flatMap(containerStates)
      .map((state) => findingOf(snapshot, state))
      .filter((finding): finding is PullFinding => finding !== undefined);
    return symptomsByOwner(
      snapshot,
      'ImagePullBackOff',
      withSiblingCauses(snapshot, findings),
      (finding, subject) => ({
        message: `${subject} cannot pull image ${finding.image} for ${containerLabel(finding.state)}: ${explanation(finding)}.`,
        params: paramsOf(finding),
        evidence: evidenceOf(finding),
      }),
    );
  },
};
