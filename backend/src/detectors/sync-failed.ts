import type { Application, ResourceResult } from '../kube/application.js';
import type { KubeObject, ResourceRef } from '../kube/objects.js';
import { describeRef, refKey, refOf } from '../kube/objects.js';
import type { ClusterSnapshot } from '../kube/snapshot.js';
import { indexSnapshot } from '../kube/snapshot-index.js';
import type { Detector } from './detector.js';
import { eventEvidence, statusEvidence } from './evidence.js';
import { applicationObject } from './support/application-object.js';
import { clipSentenceEnd } from './support/clip.js';
import type { Evidence, ParamValue, Symptom } from './symptom.js';

type Cause =
  | 'InvalidManifest'
  | 'MissingCRD'
  | 'MissingNamespace'
  | 'ImmutableField'
  | 'ProjectDenied'
  | 'Other';

/**
 * Tried in order: an immutable-field rejection also says "is invalid", and a project denial may name
 * a namespace, so the more specific patterns come first.
 */
const CAUSE_PATTERNS: readonly [Cause, RegExp][] = [
  [
    'ProjectDenied',
    /not permitted in project|not permitted to manage|do not match any of the allowed destinations/i,
  ],
  ['MissingNamespace', /namespaces "[^"]*" not found/],
  [
    'MissingCRD',
    /could not find the requested resource|no matches for kind|could not find (?:version "[^"]*" of )?\S+ for requested resource|CRD is installed/i,
  ],
  [
    'ImmutableField',
    /field is immutable|may not change once set|updates to statefulset spec for fields other than/i,
  ],
  [
    'InvalidManifest',
    /error validating data|ValidationError|unknown field|strict decoding error|cannot be handled as a|cannot unmarshal|error converting YAML|is invalid/i,
  ],
];

const IMMUTABLE_FIELD =
  /([\w.[\]]+): (?:Invalid value: .*?: )?(?:field is immutable|may not change once set)/;
const MISSING_NAMESPACE = /namespaces "([^"]*)" not found/;
const FAILED_PHASES = new Set(['Failed', 'Error']);
/** "Failed sync attempt to <sha>", "Failed last sync attempt to [<sha>]", "Skipping sync attempt to <sha>". */
const ATTEMPTED_REVISION = /attempt to \[?([0-9a-f]{7,40})\]?/;
/** kubectl's advice to skip validation, which does not apply to a sync; the raw detail keeps it. */
const KUBECTL_HINT = /; if you choose to ignore these errors.*$/;

function classify(detail: string): Cause {
  return CAUSE_PATTERNS.find(([, pattern]) => pattern.test(detail))?.[0] ?? 'Other';
}

/** The end of the sentence: why the API server or Argo CD refused, in words, with its final stop. */
function explain(cause: Cause, detail: string, application: Application): string {
  switch (cause) {
    case 'ImmutableField': {
      const field = IMMUTABLE_FIELD.exec(detail)?.[1];
      return `the change modifies ${field ?? 'a field'}, which cannot change once the object exists.`;
    }
    case 'MissingNamespace': {
      const namespace = MISSING_NAMESPACE.exec(detail)?.[1];
      return namespace ? `its namespace ${namespace} does not exist.` : 'its namespace does not exist.';
    }
    case 'MissingCRD':
      return 'the cluster does not know its kind (the CRD is not installed).';
    case 'ProjectDenied':
      return `the Argo CD project ${application.spec.project} does not permit it.`;
    case 'InvalidManifest':
      return `the API server rejected the manifest as invalid: ${clipSentenceEnd(detail.replace(KUBECTL_HINT, ''), 160)}`;
    case 'Other':
      return clipSentenceEnd(detail);
  }
}

function isFailed(result: ResourceResult): boolean {
  return result.status === 'SyncFailed' || result.hookPhase === 'Failed' || result.hookPhase === 'Error';
}

function resultRef(result: ResourceResult): ResourceRef {
  const ref: ResourceRef = { group: result.group ?? '', kind: result.kind, name: result.name };
  if (result.namespace) ref.namespace = result.namespace;
  return ref;
}

/** Evidence every SyncFailed symptom of the app shares: the operation's message, SyncError conditions, events. */
function applicationEvidence(snapshot: ClusterSnapshot, app: KubeObject): Evidence[] {
  const status = snapshot.application.status;
  const evidence: Evidence[] = [];
  const operation = status?.operationState;
  if (operation?.message)
    evidence.push(statusEvidence(app, 'status.operationState.message', operation.message));
  for (const [index, condition] of (status?.conditions ?? []).entries()) {
    if (condition.type === 'SyncError') {
      evidence.push(statusEvidence(app, `status.conditions[${index}].message`, condition.message));
    }
  }
  const warnings = indexSnapshot(snapshot)
    .eventsFor(app)
    .filter((event) => event.type === 'Warning')
    .slice(0, 2)
    .map(eventEvidence);
  return [...evidence, ...warnings];
}

/** Where the failure was seen: the operation's phase and revision, or only what a condition says. */
interface Attempt {
  phase?: string;
  revision?: string;
}

function operationAttempt(application: Application): Attempt {
  const operation = application.status?.operationState;
  const attempt: Attempt = {};
  if (operation?.phase) attempt.phase = operation.phase;
  if (operation?.syncResult?.revision) attempt.revision = operation.syncResult.revision;
  return attempt;
}

function symptomFor(
  application: Application,
  resource: ResourceRef,
  detail: string,
  attempt: Attempt,
  evidence: Evidence[],
): Symptom {
  const cause = classify(detail);
  const params: Record<string, ParamValue> = { cause, detail };
  if (attempt.phase) params.phase = attempt.phase;
  if (attempt.revision) params.revision = attempt.revision;
  return {
    type: 'SyncFailed',
    resource,
    message: `Argo CD could not sync ${describeRef(resource)}: ${explain(cause, detail, application)}`,
    params,
    evidence,
  };
}

/**
 * A sync that did not apply: one symptom per resource the API server rejected (the resource may not
 * exist live yet), else one for the Application carrying the operation's or SyncError's message.
 */
export const syncFailedDetector: Detector = {
  type: 'SyncFailed',
  detect(snapshot) {
    const application = snapshot.application;
    const app = applicationObject(application);
    const appRef = refOf(app);
    const operation = application.status?.operationState;
    const shared = applicationEvidence(snapshot, app);

    const failed = (operation?.syncResult?.resources ?? [])
      .map((result, index) => ({ result, index }))
      .filter(({ result }) => isFailed(result))
      .sort((a, b) => refKey(resultRef(a.result)).localeCompare(refKey(resultRef(b.result))));
    if (operation && operation.phase !== 'Succeeded' && failed.length > 0) {
      return failed.map(({ result, index }) => {
        const detail = result.message ?? operation.message ?? '';
        const field = `status.operationState.syncResult.resources[${index}].message`;
        return symptomFor(application, resultRef(result), detail, operationAttempt(application), [
          statusEvidence(app, field, detail),
          ...shared,
        ]);
      });
    }

    if (operation?.phase && FAILED_PHASES.has(operation.phase)) {
      return [
        symptomFor(application, appRef, operation.message ?? '', operationAttempt(application), shared),
      ];
    }
    // A SyncError without a failed operation concerns a revision the last operation did not try.
    const syncError = application.status?.conditions?.find((condition) => condition.type === 'SyncError');
    if (!syncError) return [];
    const attempt: Attempt = {};
    const revision = ATTEMPTED_REVISION.exec(syncError.message)?.[1];
    if (revision) attempt.revision = revision;
    return [symptomFor(application, appRef, syncError.message, attempt, shared)];
  },
};
