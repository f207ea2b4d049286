import type { Event, Node, Pod } from '../kube/objects.js';
import { compareQuantities, describeQuantity, parseQuantity, type Quantity } from '../kube/quantity.js';
import type { ClusterSnapshot } from '../kube/snapshot.js';
import { indexSnapshot } from '../kube/snapshot-index.js';
import type { Detector } from './detector.js';
import { eventEvidence, statusEvidence } from './evidence.js';
import { clip } from './support/clip.js';
import { dominantReason, type FitError, parseFitError, type SchedulingReason } from './support/fit-error.js';
import { selectorText } from './support/label-selector.js';
import { type PodDemand, podDemand } from './support/pod-demand.js';
import { type PodFinding, symptomsByOwner } from './support/pod-groups.js';
import type { Evidence, ParamValue, Symptom } from './symptom.js';

const CONDITION_FIELD = 'status.conditions[type=PodScheduled].message';

interface LargestNode {
  node: Node;
  text: string;
  value: Quantity;
}

interface UnschedulableFinding extends PodFinding {
  /** The scheduler's text, from the PodScheduled condition or else the newest FailedScheduling event. */
  text: string;
  fromCondition: boolean;
  event: Event | undefined;
  fitError: FitError;
  reason: SchedulingReason;
  demand: PodDemand | undefined;
  largest: LargestNode | undefined;
  taint: TaintSeen | undefined;
  selector: string | undefined;
}

function byName(nodes: readonly Node[]): Node[] {
  return [...nodes].sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
}

function largestAllocatable(nodes: readonly Node[], resource: string): LargestNode | undefined {
  let largest: LargestNode | undefined;
  for (const node of byName(nodes)) {
    const text = node.status?.allocatable?.[resource];
    const value = text === undefined ? undefined : parseQuantity(text);
    if (
      text !== undefined &&
      value !== undefined &&
      (!largest || compareQuantities(value, largest.value) > 0)
    ) {
      largest = { node, text, value };
    }
  }
  return largest;
}

interface TaintSeen {
  /** As kubectl writes it: `dedicated=gpu:NoSchedule`, with the effect when a node shows the taint. */
  text: string;
  node?: Node;
  effect?: string;
}

function taintOf(nodes: readonly Node[], reason: SchedulingReason): TaintSeen {
  const key = reason.taint?.key ?? '';
  const value = reason.taint?.value ?? '';
  const keyValue = value ? `${key}=${value}` : key;
  for (const node of byName(nodes)) {
    const taint = node.spec?.taints?.find(
      (candidate) => candidate.key === key && (candidate.value ?? '') === value,
    );
    if (taint) return { text: `${keyValue}:${taint.effect}`, node, effect: taint.effect };
  }
  return { text: keyValue };
}

/** The pod's node selector, or else its required node affinity terms, as one line. */
function selectorOf(pod: Pod): string | undefined {
  const nodeSelector = pod.spec?.nodeSelector;
  if (nodeSelector && Object.keys(nodeSelector).length > 0) return selectorText(nodeSelector);
  const terms =
    pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  const text = terms
    .map((term) =>
      (term.matchExpressions ?? [])
        .map((expression) =>
          [
            expression.key,
            expression.operator,
            ...(expression.values?.length ? [expression.values.join(',')] : []),
          ].join(' '),
        )
        .join(', '),
    )
    .filter(Boolean)
    .join(' or ');
  return text || undefined;
}

function findingOf(snapshot: ClusterSnapshot, pod: Pod): UnschedulableFinding | undefined {
  if (pod.spec?.nodeName || pod.status?.phase !== 'Pending' || pod.metadata?.deletionTimestamp)
    return undefined;
  const condition = pod.status?.conditions?.find((candidate) => candidate.type === 'PodScheduled');
  if (condition?.status === 'True') return undefined;
  const fromCondition =
    condition?.status === 'False' && condition.reason === 'Unschedulable' && !!condition.message;
  const event = indexSnapshot(snapshot)
    .eventsFor(pod)
    .find((candidate) => candidate.reason === 'FailedScheduling');
  const text = fromCondition ? (condition?.message ?? '') : (event?.message ?? '');
  if (!text) return undefined;
  const fitError = parseFitError(text);
  const reason = dominantReason(fitError);
  if (!reason) return undefined;
  const demand = reason.resource ? podDemand(pod, reason.resource) : undefined;
  const largest = reason.resource ? largestAllocatable(snapshot.nodes, reason.resource) : undefined;
  const taint = reason.cause === 'Taint' ? taintOf(snapshot.nodes, reason) : undefined;
  const selector = reason.cause === 'NodeSelector' ? selectorOf(pod) : undefined;
  return {
    pod,
    signature: [reason.cause ?? reason.text, reason.resource ?? '', taint?.text ?? '', selector ?? ''].join(
      '\u0000',
    ),
    text,
    fromCondition,
    event,
    fitError,
    reason,
    demand,
    largest,
    taint,
    selector,
  };
}

function nodesPhrase(finding: UnschedulableFinding): string {
  const { count } = finding.reason;
  const nodes = finding.fitError.nodes;
  if (nodes !== undefined && count >= nodes) return nodes === 1 ? 'the only node' : `all ${nodes} nodes`;
  return nodes === undefined ? `${count} node(s)` : `${count} of ${nodes} nodes`;
}

function unboundClaims(snapshot: ClusterSnapshot, pod: Pod): string[] {
  const namespace = pod.metadata?.namespace;
  return (pod.spec?.volumes ?? []).flatMap((volume) => {
    const claim = volume.persistentVolumeClaim?.claimName;
    if (!claim) return [];
    const pvc = snapshot.persistentVolumeClaims.find(
      (candidate) => candidate.metadata?.namespace === namespace && candidate.metadata?.name === claim,
    );
    return pvc?.status?.phase === 'Bound' ? [] : [claim];
  });
}

function explanation(snapshot: ClusterSnapshot, finding: UnschedulableFinding): string {
  const { reason, demand, largest } = finding;
  switch (reason.cause) {
    case 'InsufficientResources': {
      const resource = reason.resource ?? '';
      const asked = demand
        ? `it requests ${demand.requested} of ${resource}`
        : `it requests more ${resource}`;
      if (demand && largest && compareQuantities(demand.value, largest.value) > 0) {
        const most = describeQuantity(largest.value, resource);
        return `${asked}, more than any node can offer (the largest allocatable ${resource} is ${most}, on node ${largest.node.metadata?.name})`;
      }
      return `${asked} and ${nodesPhrase(finding)} lack that much unreserved ${resource}`;
    }
    case 'NodeSelector':
      return `${nodesPhrase(finding)} do not match its node selector or affinity${finding.selector ? ` (${finding.selector})` : ''}`;
    case 'Taint':
      return `${nodesPhrase(finding)} have the taint ${finding.taint?.text} that it does not tolerate`;
    case 'AntiAffinity':
      return `${nodesPhrase(finding)} would break its pod anti-affinity rules`;
    case 'UnboundPVC': {
      const claims = unboundClaims(snapshot, finding.pod);
      if (claims.length === 0) return 'a PersistentVolumeClaim it uses is not bound';
      const names = claims.join(', ');
      return claims.length === 1
        ? `its PersistentVolumeClaim ${names} is not bound`
        : `its PersistentVolumeClaims ${names} are not bound`;
    }
    default:
      return `the scheduler reports: ${clip(finding.text)}`;
  }
}

function paramsOf(finding: UnschedulableFinding): Record<string, ParamValue> {
  const { reason, demand } = finding;
  const params: Record<string, ParamValue> = { cause: reason.cause ?? 'Other' };
  if (finding.fitError.nodes !== undefined) params.nodes = finding.fitError.nodes;
  if (reason.resource) params.resource = reason.resource;
  if (demand) {
    params.requested = demand.requested;
    params.container = demand.container;
  }
  if (finding.taint) params.taint = finding.taint.text;
  if (finding.selector) params.selector = finding.selector;
  return params;
}

function evidenceOf(finding: UnschedulableFinding): Evidence[] {
  const evidence: Evidence[] = [];
  if (finding.fromCondition) evidence.push(statusEvidence(finding.pod, CONDITION_FIELD, finding.text));
  if (finding.event) evidence.push(eventEvidence(finding.event));
  const resource = finding.reason.resource;
  if (resource && finding.largest) {
    evidence.push(
      statusEvidence(finding.largest.node, `status.allocatable.${resource}`, finding.largest.text),
    );
  }
  const taint = finding.taint;
  if (taint?.node && taint.effect) {
    evidence.push(
      statusEvidence(taint.node, `spec.taints[key=${finding.reason.taint?.key}].effect`, taint.effect),
    );
  }
  return evidence;
}

/** Pending pods the scheduler cannot place: their PodScheduled condition and FailedScheduling events. */
export const unschedulableDetector: Detector = {
  type: 'Unschedulable',
  detect(snapshot: ClusterSnapshot): Symptom[] {
    const findings = snapshot.pods
      .map((pod) => findingOf(snapshot, pod))
      .filter((finding): finding is UnschedulableFinding => finding !== undefined);
    return symptomsByOwner(snapshot, 'Unschedulable', findings, (finding, subject) => ({
      message: `${subject} cannot be scheduled: ${explanation(snapshot, finding)}.`,
      params: paramsOf(finding),
      evidence: evidenceOf(finding),
    }));
  },
};
