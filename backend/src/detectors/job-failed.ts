import type { Job, Pod } from '../kube/objects.js';
import { describeRef, refOf } from '../kube/objects.js';
import type { ClusterSnapshot } from '../kube/snapshot.js';
import { indexSnapshot, type SnapshotIndex } from '../kube/snapshot-index.js';
import type { Detector } from './detector.js';
import { eventEvidence, logEvidence, statusEvidence } from './evidence.js';
import { clip } from './support/clip.js';
import { type ContainerState, containerStates } from './support/containers.js';
import { errorExcerpt, tailOf } from './support/log-excerpt.js';
import type { Evidence, ParamValue, Symptom } from './symptom.js';

/** Kubernetes' default when a Job does not set spec.backoffLimit. */
const DEFAULT_BACKOFF_LIMIT = 6;
const LOG_LINES = 20;

/** Job controller event reasons that repeat the Failed condition. */
const FAILURE_EVENTS = new Set([
  'BackoffLimitExceeded',
  'DeadlineExceeded',
  'PodFailurePolicy',
  'MaxFailedIndexesExceeded',
  'FailedIndexes',
]);

function conditionOf(job: Job, type: string) {
  return job.status?.conditions?.find((condition) => condition.type === type && condition.status === 'True');
}

function isFinished(job: Job): boolean {
  return !!conditionOf(job, 'Complete') || !!conditionOf(job, 'Failed');
}

function startOf(job: Job): string {
  return job.status?.startTime ?? job.metadata?.creationTimestamp ?? '';
}

/**
 * A CronJob's runs are history once a later run has finished: only its newest finished Job speaks
 * for it. A Job no CronJob owns speaks for itself.
 */
function isLatestRun(job: Job, jobs: readonly Job[], index: SnapshotIndex): boolean {
  const cronJob = index.owner(job);
  if (cronJob?.kind !== 'CronJob') return true;
  const newer = jobs.find(
    (other) =>
      other !== job && index.owner(other) === cronJob && isFinished(other) && startOf(other) > startOf(job),
  );
  return newer === undefined;
}

interface ExitedContainer {
  state: ContainerState;
  exitCode: number;
  /** Whether the exit is in lastState (restartPolicy OnFailure restarted the container since). */
  previous: boolean;
}

/** The newest pod's container that exited non-zero: how the Job's failure shows in its pods. */
function exitedContainer(pods: readonly Pod[]): ExitedContainer | undefined {
  const newestFirst = [...pods].sort((a, b) =>
    (b.metadata?.creationTimestamp ?? '').localeCompare(a.metadata?.creationTimestamp ?? ''),
  );
  for (const pod of newestFirst) {
    for (const state of containerStates(pod)) {
      const current = state.status.state?.terminated;
      if (current && current.exitCode !== 0) return { state, exitCode: current.exitCode, previous: false };
      const last = state.status.lastState?.terminated;
      if (last && last.exitCode !== 0) return { state, exitCode: last.exitCode, previous: true };
    }
  }
  return undefined;
}

interface LogFinding {
  evidence: Evidence;
  /** The last error-bearing line, for the sentence. */
  line: string | undefined;
}

/** A short log is shown whole (a usage message explains its error line); a long one by its last error. */
function logOf(index: SnapshotIndex, exited: ExitedContainer): LogFinding | undefined {
  const pod = exited.state.pod;
  const logs = index.logsOf(
    pod.metadata?.namespace ?? '',
    pod.metadata?.name ?? '',
    exited.state.status.name,
  );
  const log = exited.previous ? (logs.previous ?? logs.current) : (logs.current ?? logs.previous);
  if (!log) return undefined;
  const excerpt = errorExcerpt(log);
  const lines = log.lines.length <= LOG_LINES || !excerpt ? tailOf(log, LOG_LINES) : excerpt.lines;
  return lines.length > 0 ? { evidence: logEvidence(log, lines), line: excerpt?.line } : undefined;
}

function symptomOf(snapshot: ClusterSnapshot, job: Job): Symptom | undefined {
  const failed = conditionOf(job, 'Failed');
  if (!failed) return undefined;
  const index = indexSnapshot(snapshot);
  if (!isLatestRun(job, snapshot.jobs, index)) return undefined;
  const reason = failed.reason ?? 'Failed';
  const failedPods = job.status?.failed ?? 0;
  const backoffLimit = job.spec?.backoffLimit ?? DEFAULT_BACKOFF_LIMIT;
  const exited = exitedContainer(index.podsOf(job));
  const params: Record<string, ParamValue> = { reason, failed: failedPods, backoffLimit };
  if (exited) {
    params.exitCode = exited.exitCode;
    params.container = exited.state.status.name;
  }

  const evidence: Evidence[] = [
    statusEvidence(job, 'status.conditions[type=Failed].reason', reason),
    ...(failed.message
      ? [statusEvidence(job, 'status.conditions[type=Failed].message', failed.message)]
      : []),
  ];
  const event = index.eventsFor(job).find((candidate) => FAILURE_EVENTS.has(candidate.reason ?? ''));
  if (event) evidence.push(eventEvidence(event));
  if (exited) {
    const state = exited.previous ? 'lastState' : 'state';
    const field = `${exited.state.field}.${state}.terminated.exitCode`;
    evidence.push(statusEvidence(exited.state.pod, field, String(exited.exitCode)));
  }
  const log = exited ? logOf(index, exited) : undefined;
  if (log) evidence.push(log.evidence);

  const resource = refOf(job);
  const cronJob = index.owner(job);
  const scheduled = cronJob?.kind === 'CronJob' ? ` (the latest run of ${describeRef(refOf(cronJob))})` : '';
  const why = failed.message ? clip(failed.message) : reason;
  const said = log?.line ? ` (${clip(log.line, 160)})` : '';
  const exit = exited
    ? `; container ${exited.state.status.name} exited with code ${exited.exitCode}${said}`
    : '';
  return {
    type: 'JobFailed',
    resource,
    message: `${describeRef(resource)}${scheduled} failed: ${why} (${failedPods} failed ${failedPods === 1 ? 'pod' : 'pods'}, backoffLimit ${backoffLimit})${exit}.`,
    params,
    evidence,
  };
}

/** Jobs that gave up (Failed=True: backoff limit, deadline, pod failure policy); for a CronJob, its latest run. */
export const jobFailedDetector: Detector = {
  type: 'JobFailed',
  detect(snapshot: ClusterSnapshot): Symptom[] {
    return [...snapshot.jobs]
      .sort((a, b) => describeRef(refOf(a)).localeCompare(describeRef(refOf(b))))
      .map((job) => symptomOf(snapshot, job))
      .filter((symptom): symptom is Symptom => symptom !== undefined);
  },
};
