import type { Event } from '../kube/objects.js';
import type { ClusterSnapshot, ContainerLog } from '../kube/snapshot.js';
import type { Detector } from './detector.js';
import { eventEvidence, logEvidence, statusEvidence } from './evidence.js';
import { clip } from './support/clip.js';
import { restartBackOffEvent } from './support/container-events.js';
import { isSidecar } from './support/container-kinds.js';
import { lastRunLog } from './support/container-logs.js';
import { type ContainerState, containerStates } from './support/containers.js';
import { errorExcerpt, type LogExcerpt } from './support/log-excerpt.js';
import { type PodFinding, symptomsByOwner } from './support/pod-groups.js';
import { describeExit, isReportedAsItsCause, type Termination } from './support/terminations.js';
import type { Evidence, ParamValue, Symptom } from './symptom.js';

interface InitFinding extends PodFinding {
  state: ContainerState;
  termination: Termination | undefined;
  /** `...state.terminated` when it failed for good (Init:Error), `...lastState.terminated` when it will retry. */
  terminationField: string;
  crashLooping: boolean;
  backOff: Event | undefined;
  log: ContainerLog | undefined;
  excerpt: LogExcerpt | undefined;
}

/** Init:CrashLoopBackOff (the kubelet retries it) or Init:Error (it exited non-zero and will not be retried). */
function failedRun(
  state: ContainerState,
): { termination: Termination | undefined; field: string } | undefined {
  const { waiting, terminated } = state.status.state ?? {};
  if (terminated && terminated.exitCode !== 0) {
    return { termination: terminated, field: `${state.field}.state.terminated` };
  }
  if (waiting?.reason === 'CrashLoopBackOff') {
    return { termination: state.status.lastState?.terminated, field: `${state.field}.lastState.terminated` };
  }
  return undefined;
}

function findingOf(snapshot: ClusterSnapshot, state: ContainerState): InitFinding | undefined {
  if (!state.init || isSidecar(state)) return undefined;
  const failed = failedRun(state);
  if (!failed || isReportedAsItsCause(failed.termination)) return undefined;
  const log = lastRunLog(snapshot, state);
  const excerpt = log ? errorExcerpt(log) : undefined;
  return {
    pod: state.pod,
    signature: [state.status.name, failed.termination?.exitCode ?? '', failed.termination?.reason ?? ''].join(
      '\u0000',
    ),
    state,
    termination: failed.termination,
    terminationField: failed.field,
    crashLooping: state.status.state?.waiting?.reason === 'CrashLoopBackOff',
    backOff: restartBackOffEvent(snapshot, state),
    log,
    excerpt,
  };
}

function paramsOf(finding: InitFinding): Record<string, ParamValue> {
  const params: Record<string, ParamValue> = { container: finding.state.status.name };
  if (finding.termination) {
    params.exitCode = finding.termination.exitCode;
    if (finding.termination.reason) params.reason = finding.termination.reason;
  }
  if (finding.excerpt) params.logExcerpt = finding.excerpt.line;
  return params;
}

function evidenceOf(finding: InitFinding): Evidence[] {
  const { state, termination, terminationField } = finding;
  const evidence: Evidence[] = [];
  if (finding.crashLooping) {
    evidence.push(
      statusEvidence(state.pod, `${state.field}.state.waiting.reason`, 'CrashLoopBackOff'),
      statusEvidence(state.pod, `${state.field}.restartCount`, String(state.status.restartCount)),
    );
  }
  if (termination) {
    evidence.push(statusEvidence(state.pod, `${terminationField}.exitCode`, String(termination.exitCode)));
    if (termination.reason) {
      evidence.push(statusEvidence(state.pod, `${terminationField}.reason`, termination.reason));
    }
    if (termination.message) {
      evidence.push(statusEvidence(state.pod, `${terminationField}.message`, termination.message));
    }
  }
  if (finding.backOff) evidence.push(eventEvidence(finding.backOff));
  if (finding.log && finding.excerpt) evidence.push(logEvidence(finding.log, finding.excerpt.lines));
  return evidence;
}

function sentence(finding: InitFinding, subject: string): string {
  const { state, termination, excerpt } = finding;
  const exit = termination ? `exited with ${describeExit(termination)}` : 'keeps failing';
  const restarts = state.status.restartCount === 1 ? '1 restart' : `${state.status.restartCount} restarts`;
  const retry = finding.crashLooping
    ? ` after ${restarts}`
    : state.pod.spec?.restartPolicy === 'Never'
      ? ' and will not be retried'
      : '';
  const ending = excerpt ? `; its log ends with "${clip(excerpt.line, 160)}"` : '';
  return `${subject} cannot initialize: init container ${state.status.name} ${exit}${retry}${ending}.`;
}

/** Init containers that fail, so the pod's app containers never start. */
export const initContainerFailedDetector: Detector = {
  type: 'InitContainerFailed',
  detect(snapshot: ClusterSnapshot): Symptom[] {
    const findings = snapshot.pods
      .flatMap(containerStates)
      .map((state) => findingOf(snapshot, state))
      .filter((finding): finding is InitFinding => finding !== undefined);
    return symptomsByOwner(snapshot, 'InitContainerFailed', findings, (finding, subject) => ({
      message: sentence(finding, subject),
      params: paramsOf(finding),
      evidence: evidenceOf(finding),
    }));
  },
};
