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

interface CrashFinding extends PodFinding {
  state: ContainerState;
  termination: Termination | undefined;
  backOff: Event | undefined;
  log: ContainerLog | undefined;
  excerpt: LogExcerpt | undefined;
}

function findingOf(snapshot: ClusterSnapshot, state: ContainerState): CrashFinding | undefined {
  // An init container that crash-loops blocks the pod: that is InitContainerFailed's to report.
  if (state.init && !isSidecar(state)) return undefined;
  if (state.status.state?.waiting?.reason !== 'CrashLoopBackOff') return undefined;
  const termination = state.status.lastState?.terminated;
  if (isReportedAsItsCause(termination)) return undefined;
  const log = lastRunLog(snapshot, state);
  const excerpt = log ? errorExcerpt(log) : undefined;
  return {
    pod: state.pod,
    signature: [state.status.name, termination?.exitCode ?? '', termination?.reason ?? ''].join('\u0000'),
    state,
    termination,
    backOff: restartBackOffEvent(snapshot, state),
    log,
    excerpt,
  };
}

function paramsOf(finding: CrashFinding): Record<string, ParamValue> {
  const params: Record<string, ParamValue> = { container: finding.state.status.name };
  if (finding.termination) {
    params.exitCode = finding.termination.exitCode;
    if (finding.termination.reason) params.reason = finding.termination.reason;
  }
  params.restartCount = finding.state.status.restartCount;
  if (finding.excerpt) params.logExcerpt = finding.excerpt.line;
  return params;
}

function evidenceOf(finding: CrashFinding): Evidence[] {
  const { state, termination } = finding;
  const evidence: Evidence[] = [
    statusEvidence(state.pod, `${state.field}.state.waiting.reason`, 'CrashLoopBackOff'),
    statusEvidence(state.pod, `${state.field}.restartCount`, String(state.status.restartCount)),
  ];
  if (termination) {
    const field = `${state.field}.lastState.terminated`;
    evidence.push(statusEvidence(state.pod, `${field}.exitCode`, String(termination.exitCode)));
    if (termination.reason) evidence.push(statusEvidence(state.pod, `${field}.reason`, termination.reason));
    if (termination.message)
      evidence.push(statusEvidence(state.pod, `${field}.message`, termination.message));
  }
  if (finding.backOff) evidence.push(eventEvidence(finding.backOff));
  if (finding.log && finding.excerpt) evidence.push(logEvidence(finding.log, finding.excerpt.lines));
  return evidence;
}

function sentence(finding: CrashFinding, subject: string): string {
  const { state, termination, excerpt } = finding;
  const restarts = state.status.restartCount === 1 ? '1 restart' : `${state.status.restartCount} restarts`;
  const exit = termination ? `exited with ${describeExit(termination)}` : 'keeps exiting';
  const ending = excerpt ? `; its log ends with "${clip(excerpt.line, 160)}"` : '';
  return `${subject} is crash-looping: container ${state.status.name} ${exit} after ${restarts}${ending}.`;
}

/** App containers (and native sidecars) the kubelet keeps restarting because they exit on their own. */
export const crashLoopBackOffDetector: Detector = {
  type: 'CrashLoopBackOff',
  detect(snapshot: ClusterSnapshot): Symptom[] {
    const findings = snapshot.pods
      .flatMap(containerStates)
      .map((state) => findingOf(snapshot, state))
      .filter((finding): finding is CrashFinding => finding !== undefined);
    return symptomsByOwner(snapshot, 'CrashLoopBackOff', findings, (finding, subject) => ({
      message: sentence(finding, subject),
      params: paramsOf(finding),
      evidence: evidenceOf(finding),
    }));
  },
};
