import type { Event, HorizontalPodAutoscaler } from '../kube/objects.js';
import { describeRef, refOf } from '../kube/objects.js';
import type { ClusterSnapshot } from '../kube/snapshot.js';
import { indexSnapshot } from '../kube/snapshot-index.js';
import type { Detector } from './detector.js';
import { eventEvidence, statusEvidence } from './evidence.js';
import { clipSentenceEnd } from './support/clip.js';
import { byNamespaceAndName } from './support/object-order.js';
import type { Evidence, ParamValue, Symptom } from './symptom.js';

/** Why the HPA cannot act, from its conditions or, when it has none yet, from its events. */
interface Failure {
  reason: string;
  message: string;
  evidence: Evidence[];
}

/** Warning reasons the HPA controller records when it cannot read metrics or the target's scale. */
const FAILURE_EVENT =
  /^(FailedGet\w*Metric|FailedComputeMetricsReplicas|FailedGetScale|FailedUpdateScale|FailedRescale|InvalidSelector|InvalidMetricSourceType|SelectorRequired)$/;

/** The controller wraps the metric name into its errors in a few known shapes (replica_calculator.go). */
const METRIC_IN_MESSAGE = [
  /missing request for (\S+) in container/,
  /failed to get (\S+) utilization/,
  /failed to get (\S+) resource metric value/,
  /unable to get metrics for resource (\S+?):/,
  /unable to get external metric [^/\s]+\/([^/\s]+)\//,
  /unable to get metric (\S+?):/,
];

/** The controller's preamble to every metric failure; the sentence says it in other words. */
const COMPUTE_PREFIX = /^the HPA was unable to compute the replica count: /;

/** Older controllers quote the names (%q), current ones do not. */
const MISSING_REQUEST = /missing request for (\S+) in container "?([^"\s]+?)"? of Pod/;

function conditionFailure(hpa: HorizontalPodAutoscaler): Failure | undefined {
  const conditions = hpa.status?.conditions ?? [];
  const scalingActive = conditions.find(
    (condition) =>
      condition.type === 'ScalingActive' &&
      condition.status === 'False' &&
      condition.reason !== 'ScalingDisabled',
  );
  const ableToScale = conditions.find(
    (condition) =>
      condition.type === 'AbleToScale' &&
      condition.status === 'False' &&
      condition.reason?.startsWith('Failed'),
  );
  const failing = [scalingActive, ableToScale].filter((condition) => condition !== undefined);
  const primary = failing[0];
  if (!primary) return undefined;
  return {
    reason: primary.reason ?? '',
    message: primary.message ?? '',
    evidence: failing.map((condition) =>
      statusEvidence(
        hpa,
        `status.conditions[type=${condition.type}].message`,
        condition.message ?? condition.reason ?? '',
      ),
    ),
  };
}

/** Without conditions (a status never written, a trimmed recording) the newest specific event speaks. */
function eventFailure(events: Event[]): Failure | undefined {
  const specific = events.find((event) => event.reason !== 'FailedComputeMetricsReplicas') ?? events[0];
  if (!specific) return undefined;
  return { reason: specific.reason ?? '', message: specific.message ?? '', evidence: [] };
}

function metricOf(hpa: HorizontalPodAutoscaler, message: string): string {
  for (const pattern of METRIC_IN_MESSAGE) {
    const found = pattern.exec(message)?.[1];
    if (found) return found;
  }
  const spec = hpa.spec?.metrics?.[0];
  if (!spec) return 'cpu'; // an HPA without metrics scales on 80% average CPU utilization
  return (
    spec.resource?.name ??
    spec.containerResource?.name ??
    spec.pods?.metric.name ??
    spec.object?.metric.name ??
    spec.external?.metric.name ??
    ''
  );
}

function failureEvents(snapshot: ClusterSnapshot, hpa: HorizontalPodAutoscaler): Event[] {
  return indexSnapshot(snapshot)
    .eventsFor(hpa)
    .filter((event) => event.type === 'Warning' && FAILURE_EVENT.test(event.reason ?? ''));
}

/** The newest event of each reason: a controller repeats the same failure every sync period. */
function newestPerReason(events: Event[]): Event[] {
  const seen = new Set<string>();
  return events.filter((event) => {
    const reason = event.reason ?? '';
    if (seen.has(reason)) return false;
    seen.add(reason);
    return true;
  });
}

function diagnose(snapshot: ClusterSnapshot, hpa: HorizontalPodAutoscaler): Symptom | undefined {
  const events = failureEvents(snapshot, hpa);
  const hasConditions = (hpa.status?.conditions ?? []).length > 0;
  const failure = hasConditions ? conditionFailure(hpa) : eventFailure(events);
  if (!failure) return undefined;

  const reference = hpa.spec?.scaleTargetRef;
  const target = reference ? `${reference.kind}/${reference.name}` : '';
  const metric = metricOf(hpa, failure.message);
  const missing = MISSING_REQUEST.exec(failure.message);
  const params: Record<string, ParamValue> = {
    reason: failure.reason,
    metric,
    target,
    missingRequests: missing !== null,
  };
  const container = missing?.[2];
  if (container) params.container = container;

  const name = describeRef(refOf(hpa));
  const message =
    missing && container
      ? `${name} cannot scale ${target}: container ${container} of its pods has no ${missing[1]} request, so ${missing[1]} utilization cannot be computed.`
      : `${name} cannot scale ${target}: ${clipSentenceEnd(failure.message.replace(COMPUTE_PREFIX, '') || failure.reason)}`;
  return {
    type: 'HPAMetricsUnavailable',
    resource: refOf(hpa),
    message,
    params,
    evidence: [...failure.evidence, ...newestPerReason(events).slice(0, 4).map(eventEvidence)],
  };
}

/**
 * An autoscaler that cannot read its metric or its target's scale. Argo CD often still reports such
 * an HPA Healthy (its AbleToScale condition is True), so this is found from the HPA's own status.
 */
export const hpaMetricsUnavailableDetector: Detector = {
  type: 'HPAMetricsUnavailable',
  detect(snapshot) {
    return [...snapshot.horizontalPodAutoscalers].sort(byNamespaceAndName).flatMap((hpa) => {
      const symptom = diagnose(snapshot, hpa);
      return symptom ? [symptom] : [];
    });
  },
};
