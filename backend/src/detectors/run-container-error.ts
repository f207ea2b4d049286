import type { Event } from '../kube/objects.js';
import type { ClusterSnapshot } from '../kube/snapshot.js';
import type { Detector } from './detector.js';
import { eventEvidence, statusEvidence } from './evidence.js';
import { clip } from './support/clip.js';
import { containerEvents } from './support/container-events.js';
import { containerLabel } from './support/container-kinds.js';
import { type ContainerState, containerStates } from './support/containers.js';
import { type PodFinding, symptomsByOwner } from './support/pod-groups.js';
import type { Evidence, Symptom } from './symptom.js';

const WAITING_REASONS = new Set(['RunContainerError', 'CreateContainerError']);

/** What the runtime's text says went wrong, in words a person acts on; `key` groups equal failures. */
interface Diagnosis {
  key: string;
  explanation: string;
}

const DIAGNOSES: readonly { pattern: RegExp; explain: (match: RegExpExecArray) => Diagnosis }[] = [
  {
    pattern: /exec: "([^"]+)": stat [^:]+: no such file or directory/,
    explain: (match) => ({
      key: `missing:${match[1]}`,
      explanation: `its command "${match[1]}" does not exist in the image`,
    }),
  },
  {
    pattern: /exec: "([^"]+)": executable file not found in \$PATH/,
    explain: (match) => ({
      key: `missing:${match[1]}`,
      explanation: `its command "${match[1]}" is not on the image's PATH`,
    }),
  },
  {
    pattern: /exec format error/,
    explain: () => ({
      key: 'exec-format',
      explanation:
        'its executable is built for another CPU architecture or is not a binary (exec format error)',
    }),
  },
  {
    pattern: /exec: "([^"]+)": permission denied/,
    explain: (match) => ({
      key: `permission:${match[1]}`,
      explanation: `its command "${match[1]}" is not executable (permission denied)`,
    }),
  },
];

function diagnose(message: string): Diagnosis {
  for (const { pattern, explain } of DIAGNOSES) {
    const match = pattern.exec(message);
    if (match) return explain(match);
  }
  return { key: 'other', explanation: `the runtime reports: ${clip(message || 'no message', 240)}` };
}

interface RunFinding extends PodFinding {
  state: ContainerState;
  reason: string;
  message: string;
  /** The status fields the reason and message come from: `...state.waiting` or `...lastState.terminated`. */
  field: string;
  diagnosis: Diagnosis;
  failure: Event | undefined;
}

/**
 * The runtime's failure is in the waiting state while the kubelet retries (RunContainerError,
 * CreateContainerError), or in a terminated state with reason StartError once it backs off.
 */
function failureOf(state: ContainerState): { reason: string; message: string; field: string } | undefined {
  const { waiting, terminated } = state.status.state ?? {};
  if (waiting?.reason && WAITING_REASONS.has(waiting.reason)) {
    return { reason: waiting.reason, message: waiting.message ?? '', field: `${state.field}.state.waiting` };
  }
  if (terminated?.reason === 'StartError') {
    return {
      reason: 'StartError',
      message: terminated.message ?? '',
      field: `${state.field}.state.terminated`,
    };
  }
  const last = state.status.lastState?.terminated;
  if (last?.reason === 'StartError' && !state.status.state?.running) {
    return {
      reason: 'StartError',
      message: last.message ?? '',
      field: `${state.field}.lastState.terminated`,
    };
  }
  return undefined;
}

function findingOf(snapshot: ClusterSnapshot, state: ContainerState): RunFinding | undefined {
  const runtimeFailure = failureOf(state);
  if (!runtimeFailure) return undefined;
  const diagnosis = diagnose(runtimeFailure.message);
  return {
    pod: state.pod,
    signature: [state.status.name, diagnosis.key].join('\u0000'),
    state,
    ...runtimeFailure,
    diagnosis,
    failure: containerEvents(snapshot, state).find(
      (event) => event.reason === 'Failed' && (event.message ?? '').startsWith('Error: '),
    ),
  };
}

function evidenceOf(finding: RunFinding): Evidence[] {
  const { state } = finding;
  const evidence: Evidence[] = [statusEvidence(state.pod, `${finding.field}.reason`, finding.reason)];
  if (finding.message) evidence.push(statusEvidence(state.pod, `${finding.field}.message`, finding.message));
  if (finding.failure) evidence.push(eventEvidence(finding.failure));
  return evidence;
}

/** Containers the runtime cannot create or start: missing entrypoint, wrong architecture, OCI errors. */
export const runContainerErrorDetector: Detector = {
  type: 'RunContainerError',
  detect(snapshot: ClusterSnapshot): Symptom[] {
    const findings = snapshot.pods
      .flatMap(containerStates)
      .map((state) => findingOf(snapshot, state))
      .filter((finding): finding is RunFinding => finding !== undefined);
    return symptomsByOwner(snapshot, 'RunContainerError', findings, (finding, subject) => ({
      message: `${subject} cannot start ${containerLabel(finding.state)}: ${finding.diagnosis.explanation}.`,
      params: { container: finding.state.status.name, reason: finding.reason, message: finding.message },
      evidence: evidenceOf(finding),
    }));
  },
};
