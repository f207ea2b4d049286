import type { Event } from '../kube/objects.js';
import type { ClusterSnapshot, ContainerLog } from '../kube/snapshot.js';
import type { Detector } from './detector.js';
import { eventEvidence, logEvidence, statusEvidence } from './evidence.js';
import { restartBackOffEvent } from './support/container-events.js';
import { containerLabel, containerSpecField } from './support/container-kinds.js';
import { lastRunLog } from './support/container-logs.js';
import { type ContainerState, containerStates } from './support/containers.js';
import { tailOf } from './support/log-excerpt.js';
import { type PodFinding, symptomsByOwner } from './support/pod-groups.js';
import type { Termination } from './support/terminations.js';
import type { Evidence, ParamValue, Symptom } from './symptom.js';

/** A killed process leaves no error line; its last lines say what it was doing when memory ran out. */
const LOG_TAIL_LINES = 5;

interface OomFinding extends PodFinding {
  state: ContainerState;
  termination: Termination;
  /** Where the termination sits: `state.terminated` (killed just now, or never restarted) or `lastState.terminated`. */
  terminationField: string;
  memoryLimit: string | undefined;
  backOff: Event | undefined;
  log: ContainerLog | undefined;
}

function findingOf(snapshot: ClusterSnapshot, state: ContainerState): OomFinding | undefined {
  const current = state.status.state?.terminated;
  const last = state.status.lastState?.terminated;
  const [termination, field] =
    current?.reason === 'OOMKilled'
      ? [current, 'state.terminated']
      : last?.reason === 'OOMKilled'
        ? [last, 'lastState.terminated']
        : [undefined, ''];
  if (!termination) return undefined;
  const memoryLimit = state.spec?.resources?.limits?.memory;
  return {
    pod: state.pod,
    signature: [state.status.name, memoryLimit ?? ''].join('\u0000'),
    state,
    termination,
    terminationField: `${state.field}.${field}`,
    memoryLimit,
    backOff: restartBackOffEvent(snapshot, state),
    log: lastRunLog(snapshot, state),
  };
}

function paramsOf(finding: OomFinding): Record<string, ParamValue> {
  const params: Record<string, ParamValue> = { container: finding.state.status.name };
  if (finding.memoryLimit) params.memoryLimit = finding.memoryLimit;
  params.restartCount = finding.state.status.restartCount;
  return params;
}

function evidenceOf(finding: OomFinding): Evidence[] {
  const { state, termination, terminationField } = finding;
  const evidence: Evidence[] = [
    statusEvidence(state.pod, `${terminationField}.reason`, 'OOMKilled'),
    statusEvidence(state.pod, `${terminationField}.exitCode`, String(termination.exitCode)),
    statusEvidence(state.pod, `${state.field}.restartCount`, String(state.status.restartCount)),
  ];
  if (finding.memoryLimit) {
    evidence.push(
      statusEvidence(state.pod, `${containerSpecField(state)}.resources.limits.memory`, finding.memoryLimit),
    );
  }
  if (finding.backOff) evidence.push(eventEvidence(finding.backOff));
  if (finding.log) {
    const tail = tailOf(finding.log, LOG_TAIL_LINES);
    if (tail.length > 0) evidence.push(logEvidence(finding.log, tail));
  }
  return evidence;
}

function sentence(finding: OomFinding, subject: string): string {
  const { state, memoryLimit } = finding;
  const limit = memoryLimit
    ? `for exceeding its memory limit of ${memoryLimit}`
    : 'for running out of memory, with no memory limit of its own';
  const restarts = state.status.restartCount === 1 ? '1 restart' : `${state.status.restartCount} restarts`;
  return `${subject} had ${containerLabel(state)} killed ${limit} (${restarts} so far).`;
}

/** Containers the kernel killed for memory, now or in their previous run. */
export const oomKilledDetector: Detector = {
  type: 'OOMKilled',
  detect(snapshot: ClusterSnapshot): Symptom[] {
    const findings = snapshot.pods
      .flatMap(containerStates)
      .map((state) => findingOf(snapshot, state))
      .filter((finding): finding is OomFinding => finding !== undefined);
    return symptomsByOwner(snapshot, 'OOMKilled', findings, (finding, subject) => ({
      message: sentence(finding, subject),
      params: paramsOf(finding),
      evidence: evidenceOf(finding),
    }));
  },
};
