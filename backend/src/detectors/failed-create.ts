import { eventLastSeen } from '../kube/event-times.js';
import type { CronJob, DaemonSet, Event, Job, KubeObject, ReplicaSet, StatefulSet } from '../kube/objects.js';
import { describeRef, refOf } from '../kube/objects.js';
import type { ClusterSnapshot } from '../kube/snapshot.js';
import { indexSnapshot } from '../kube/snapshot-index.js';
import type { Detector } from './detector.js';
import { eventEvidence, statusEvidence } from './evidence.js';
import { clip } from './support/clip.js';
import type { Evidence, ParamValue, Symptom } from './symptom.js';

type CreateCause = 'QuotaExceeded' | 'ServiceAccountMissing' | 'PodSecurity' | 'Other';

interface CreateFailure {
  cause: CreateCause;
  quota?: string;
  requested?: string;
  used?: string;
  limited?: string;
  serviceAccount?: string;
  policy?: string;
  /** The first container an admission message names. */
  container?: string;
  /** What the admission said after the object name: `exceeded quota: ...`, `violates PodSecurity ...`. */
  reason: string;
}

/** `exceeded quota: compute-quota, requested: limits.memory=512Mi, used: limits.memory=1536Mi, limited: limits.memory=2Gi`. */
const QUOTA_EXCEEDED = /exceeded quota: ([^,\s]+), requested: (\S+?), used: (\S+?), limited: (\S+)/;
/** `failed quota: compute-quota: must specify limits.cpu for: web`: the quota wants limits, not more room. */
const QUOTA_REQUIRES = /failed quota: ([^:\s]+):/;
const SERVICE_ACCOUNT = /error looking up service account [^:\s]+: serviceaccount "([^"]+)" not found/;
const POD_SECURITY = /violates PodSecurity "([^"]+)"/;
/** `pods "web-6f7d8c9b5d-" is forbidden: ...`, `jobs.batch "report-29391720" is forbidden: ...`. */
const FORBIDDEN = /is forbidden: (.*)$/s;

function parseCreateFailure(message: string): CreateFailure {
  const text = message.trim();
  const reason = (FORBIDDEN.exec(text)?.[1] ?? text.replace(/^Error creating(?: job)?: /, '')).trim();
  const quota = QUOTA_EXCEEDED.exec(text);
  if (quota) {
    return {
      cause: 'QuotaExceeded',
      quota: quota[1] ?? '',
      requested: quota[2] ?? '',
      used: quota[3] ?? '',
      limited: (quota[4] ?? '').replace(/\.$/, ''),
      reason,
    };
  }
  const serviceAccount = SERVICE_ACCOUNT.exec(text)?.[1];
  if (serviceAccount) return { cause: 'ServiceAccountMissing', serviceAccount, reason };
  const policy = POD_SECURITY.exec(text)?.[1];
  if (policy) {
    const failure: CreateFailure = { cause: 'PodSecurity', policy, reason };
    const container = /container "([^"]+)"/.exec(text)?.[1];
    if (container) failure.container = container;
    return failure;
  }
  const requiringQuota = QUOTA_REQUIRES.exec(text)?.[1];
  return requiringQuota ? { cause: 'Other', quota: requiringQuota, reason } : { cause: 'Other', reason };
}

function isFinished(job: Job): boolean {
  return (job.status?.conditions ?? []).some(
    (condition) =>
      (condition.type === 'Complete' || condition.type === 'Failed') && condition.status === 'True',
  );
}

/**
 * Whether the controller still lacks the pods (or Jobs) it failed to create. Events outlive the
 * problem by an hour; a controller that has all its pods now only shows history.
 */
function stillShort(object: KubeObject, failures: readonly Event[]): boolean {
  switch (object.kind) {
    case 'ReplicaSet': {
      const replicaSet = object as ReplicaSet;
      return (replicaSet.status?.replicas ?? 0) < (replicaSet.spec?.replicas ?? 1);
    }
    case 'StatefulSet': {
      const statefulSet = object as StatefulSet;
      return (statefulSet.status?.replicas ?? 0) < (statefulSet.spec?.replicas ?? 1);
    }
    case 'DaemonSet': {
      const daemonSet = object as DaemonSet;
      return (
        (daemonSet.status?.currentNumberScheduled ?? 0) < (daemonSet.status?.desiredNumberScheduled ?? 0)
      );
    }
    case 'Job': {
      const job = object as Job;
      return !isFinished(job) && (job.status?.active ?? 0) < (job.spec?.parallelism ?? 1);
    }
    case 'CronJob': {
      const lastSchedule = (object as CronJob).status?.lastScheduleTime;
      const newest = failures[0];
      return !!newest && (!lastSchedule || (eventLastSeen(newest) ?? '') > lastSchedule);
    }
    default:
      return false;
  }
}

interface CreateFinding {
  object: KubeObject;
  failure: CreateFailure;
  event: Event | undefined;
  /** The ReplicaSet's ReplicaFailure condition message, when it has one. */
  condition: string | undefined;
}

function replicaFailure(object: KubeObject): string | undefined {
  if (object.kind !== 'ReplicaSet') return undefined;
  const condition = (object as ReplicaSet).status?.conditions?.find(
    (candidate) => candidate.type === 'ReplicaFailure' && candidate.status === 'True',
  );
  return condition?.message || undefined;
}

function findingOf(snapshot: ClusterSnapshot, object: KubeObject): CreateFinding | undefined {
  const failures = indexSnapshot(snapshot)
    .eventsFor(object)
    .filter((event) => event.reason === 'FailedCreate');
  const condition = replicaFailure(object);
  const text = failures[0]?.message ?? condition;
  if (!text || !(condition || stillShort(object, failures))) return undefined;
  return { object, failure: parseCreateFailure(text), event: failures[0], condition };
}

/** `limits.memory=512Mi,requests.memory=256Mi` as a map from resource to amount. */
function amounts(list: string | undefined): Map<string, string> {
  return new Map(
    (list ?? '')
      .split(',')
      .map((entry) => entry.split('='))
      .filter((pair): pair is [string, string] => pair.length === 2 && !!pair[0] && !!pair[1]),
  );
}

function quotaSummary(failure: CreateFailure): string {
  const used = amounts(failure.used);
  const limited = amounts(failure.limited);
  return [...amounts(failure.requested)]
    .map(([resource, requested]) => {
      const parts = [`requested ${requested}`];
      const usedAmount = used.get(resource);
      const limit = limited.get(resource);
      if (usedAmount) parts.push(`used ${usedAmount}`);
      if (limit) parts.push(`limited ${limit}`);
      return `${resource}: ${parts.join(', ')}`;
    })
    .join('; ');
}

/**
 * The names of the Pod Security checks that failed, without the advice in parentheses:
 * `allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true`.
 */
function violations(reason: string): string {
  return reason
    .replace(/^.*?violates PodSecurity "[^"]+":\s*/, '')
    .replace(/\s*\([^()]*\)/g, '')
    .trim();
}

function explanation(snapshot: ClusterSnapshot, finding: CreateFinding): string {
  const { failure } = finding;
  const namespace = finding.object.metadata?.namespace ?? '';
  switch (failure.cause) {
    case 'QuotaExceeded':
      return `ResourceQuota ${failure.quota} would be exceeded (${quotaSummary(failure)})`;
    case 'ServiceAccountMissing': {
      const exists = snapshot.serviceAccounts.some(
        (account) =>
          account.metadata?.namespace === namespace && account.metadata?.name === failure.serviceAccount,
      );
      return exists
        ? `ServiceAccount ${failure.serviceAccount} was missing (it exists now; the controller retries with back-off)`
        : `ServiceAccount ${failure.serviceAccount} does not exist in namespace ${namespace}`;
    }
    case 'PodSecurity':
      return `they violate PodSecurity "${failure.policy}" (${clip(violations(failure.reason), 240)})`;
    default:
      return clip(failure.reason, 240);
  }
}

function paramsOf(failure: CreateFailure): Record<string, ParamValue> {
  const params: Record<string, ParamValue> = { cause: failure.cause };
  for (const key of [
    'quota',
    'requested',
    'used',
    'limited',
    'serviceAccount',
    'policy',
    'container',
  ] as const) {
    const value = failure[key];
    if (value) params[key] = value;
  }
  return params;
}

function evidenceOf(snapshot: ClusterSnapshot, finding: CreateFinding): Evidence[] {
  const evidence: Evidence[] = [];
  if (finding.event) evidence.push(eventEvidence(finding.event));
  if (finding.condition) {
    evidence.push(
      statusEvidence(finding.object, 'status.conditions[type=ReplicaFailure].message', finding.condition),
    );
  }
  const { failure } = finding;
  const quota = snapshot.resourceQuotas.find(
    (candidate) =>
      candidate.metadata?.namespace === finding.object.metadata?.namespace &&
      candidate.metadata?.name === failure.quota,
  );
  if (quota) {
    const resources = [...amounts(failure.requested).keys()];
    for (const field of ['hard', 'used'] as const) {
      const values = quota.status?.[field] ?? {};
      const text = resources
        .filter((resource) => values[resource] !== undefined)
        .map((resource) => `${resource}=${values[resource]}`)
        .join(',');
      if (text) evidence.push(statusEvidence(quota, `status.${field}`, text));
    }
  }
  return evidence;
}

const CREATING_KIND: Readonly<Record<string, string>> = { CronJob: 'Jobs' };

/**
 * Controllers that cannot create their pods (ReplicaSets, StatefulSets, DaemonSets, Jobs) or Jobs
 * (CronJobs): quota, a missing ServiceAccount, Pod Security admission, or another admission refusal.
 */
export const failedCreateDetector: Detector = {
  type: 'FailedCreate',
  detect(snapshot: ClusterSnapshot): Symptom[] {
    const controllers: KubeObject[] = [
      ...snapshot.replicaSets,
      ...snapshot.statefulSets,
      ...snapshot.daemonSets,
      ...snapshot.jobs,
      ...snapshot.cronJobs,
    ];
    return controllers
      .map((object) => findingOf(snapshot, object))
      .filter((finding): finding is CreateFinding => finding !== undefined)
      .map((finding) => {
        const resource = refOf(finding.object);
        const creates = CREATING_KIND[resource.kind] ?? 'pods';
        return {
          type: 'FailedCreate' as const,
          resource,
          message: `${describeRef(resource)} cannot create ${creates}: ${explanation(snapshot, finding)}.`,
          params: paramsOf(finding.failure),
          evidence: evidenceOf(snapshot, finding),
        };
      })
      .sort((a, b) => describeRef(a.resource).localeCompare(describeRef(b.resource)));
  },
};
