import type { ResourceRef } from '../kube/objects.js';

/** The vocabulary runbooks match on (DESIGN.md, "Symptom types"). */
export const SYMPTOM_TYPES = [
  'ImagePullBackOff',
  'CrashLoopBackOff',
  'OOMKilled',
  'CreateContainerConfigError',
  'RunContainerError',
  'InitContainerFailed',
  'FailedMount',
  'Unschedulable',
  'ProbeFailed',
  'Evicted',
  'ProgressDeadlineExceeded',
  'FailedCreate',
  'JobFailed',
  'ServiceNoEndpoints',
  'IngressMisconfigured',
  'PVCPending',
  'HPAMetricsUnavailable',
  'SyncFailed',
  'ComparisonError',
  'Degraded',
] as const;

export type SymptomType = (typeof SYMPTOM_TYPES)[number];

export function isSymptomType(value: string): value is SymptomType {
  return (SYMPTOM_TYPES as readonly string[]).includes(value);
}

export type ParamValue = string | number | boolean;

interface EvidenceBase {
  /** Stable within a diagnosis; the LLM cites these and nothing else. */
  id: string;
  resource: ResourceRef;
}

/** A core/v1 Event about the resource. */
export interface EventEvidence extends EvidenceBase {
  kind: 'event';
  type: string;
  reason: string;
  message: string;
  count: number;
  lastSeen?: string;
}

/** A field of the resource's status (or the Application's), with the text found there. */
export interface StatusEvidence extends EvidenceBase {
  kind: 'status';
  /** Path in the syntax of scenarios/FORMAT.md: `status.containerStatuses[name=web].state.waiting.reason`. */
  field: string;
  value: string;
}

/** Lines of a container log. */
export interface LogEvidence extends EvidenceBase {
  kind: 'log';
  container: string;
  previous: boolean;
  lines: string[];
}

export type Evidence = EventEvidence | StatusEvidence | LogEvidence;

export interface Symptom {
  type: SymptomType;
  /** The object the symptom is about: the Pod that cannot pull, the Deployment past its deadline. */
  resource: ResourceRef;
  /** One sentence naming the object: `Pod shop/web-7d9-x2k cannot pull image ...`. */
  message: string;
  /** The parameters DESIGN.md lists for the type; `container` whenever a container is concerned. */
  params: Record<string, ParamValue>;
  evidence: Evidence[];
}
