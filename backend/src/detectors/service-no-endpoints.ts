import type { EndpointSlice, Endpoints, KubeObject, Pod, Service } from '../kube/objects.js';
import { describeRef, newestFirst, refOf } from '../kube/objects.js';
import type { ClusterSnapshot } from '../kube/snapshot.js';
import { indexSnapshot } from '../kube/snapshot-index.js';
import type { Detector } from './detector.js';
import { eventEvidence, statusEvidence } from './evidence.js';
import { selectorMatches, selectorText } from './support/label-selector.js';
import { byNamespaceAndName } from './support/object-order.js';
import type { Evidence, Symptom } from './symptom.js';

/** Why the endpoints controller publishes no ready address, checked in this order. */
type Finding =
  | { cause: 'NoMatchingPods' }
  | { cause: 'PortMismatch'; port: { index: number; name: string } }
  | { cause: 'PodsNotReady' };

/** What the Endpoints object and EndpointSlices of one Service publish. */
interface Published {
  ready: number;
  evidence: Evidence[];
}

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
const MAX_WORKLOAD_EVIDENCE = 5;

function addressList(names: string[]): string {
  return names.length === 0 ? 'none' : names.join(', ');
}

function fromEndpoints(endpoints: Endpoints): Published {
  const ready: string[] = [];
  const notReady: string[] = [];
  for (const subset of endpoints.subsets ?? []) {
    for (const address of subset.addresses ?? []) ready.push(address.targetRef?.name ?? address.ip);
    for (const address of subset.notReadyAddresses ?? [])
      notReady.push(address.targetRef?.name ?? address.ip);
  }
  const value = `ready: ${addressList(ready)}; not ready: ${addressList(notReady)}`;
  return { ready: ready.length, evidence: [statusEvidence(endpoints, 'subsets', value)] };
}

function fromSlice(slice: EndpointSlice): Published {
  const ready: string[] = [];
  const notReady: string[] = [];
  for (const endpoint of slice.endpoints ?? []) {
    const name = endpoint.targetRef?.name ?? endpoint.addresses.join(' ');
    // A nil ready condition means ready (discovery.k8s.io/v1 EndpointConditions).
    if (endpoint.conditions?.ready === false) notReady.push(name);
    else ready.push(name);
  }
  const value = `ready: ${addressList(ready)}; not ready: ${addressList(notReady)}`;
  return { ready: ready.length, evidence: [statusEvidence(slice, 'endpoints', value)] };
}

/** Undefined when the snapshot holds neither an Endpoints object nor a slice for the Service. */
function published(snapshot: ClusterSnapshot, service: Service): Published | undefined {
  const namespace = service.metadata?.namespace;
  const name = service.metadata?.name;
  const sources: Published[] = [
    ...snapshot.endpoints
      .filter((item) => item.metadata?.namespace === namespace && item.metadata?.name === name)
      .map(fromEndpoints),
    ...snapshot.endpointSlices
      .filter(
        (item) =>
          item.metadata?.namespace === namespace && item.metadata?.labels?.[SERVICE_NAME_LABEL] === name,
      )
      .map(fromSlice),
  ];
  if (sources.length === 0) return undefined;
  // Endpoints and slices mirror each other; whichever shows a ready address proves the Service has one.
  return {
    ready: Math.max(...sources.map((source) => source.ready)),
    evidence: sources.flatMap((source) => source.evidence),
  };
}

/** Pods the endpoints controller would consider: selected, not finished, not being deleted. */
function selectedPods(snapshot: ClusterSnapshot, service: Service, selector: Record<string, string>): Pod[] {
  return snapshot.pods
    .filter(
      (pod) =>
        pod.metadata?.namespace === service.metadata?.namespace &&
        !pod.metadata?.deletionTimestamp &&
        pod.status?.phase !== 'Succeeded' &&
        pod.status?.phase !== 'Failed' &&
        selectorMatches(selector, pod.metadata?.labels),
    )
    .sort(newestFirst);
}

function isReady(pod: Pod): boolean {
  return (
    pod.status?.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True') ??
    false
  );
}

function declaresPort(pod: Pod, name: string): boolean {
  return (pod.spec?.containers ?? []).some((container) =>
    container.ports?.some((port) => port.name === name),
  );
}

/** The first named targetPort that no selected pod declares; the endpoints controller skips such pods. */
function missingNamedPort(service: Service, pods: Pod[]): { index: number; name: string } | undefined {
  const ports = service.spec?.ports ?? [];
  for (const [index, port] of ports.entries()) {
    const target = port.targetPort;
    if (typeof target === 'string' && !pods.some((pod) => declaresPort(pod, target))) {
      return { index, name: target };
    }
  }
  return undefined;
}

function warningEvents(snapshot: ClusterSnapshot, object: KubeObject, limit: number): Evidence[] {
  return indexSnapshot(snapshot)
    .eventsFor(object)
    .filter((event) => event.type === 'Warning')
    .slice(0, limit)
    .map(eventEvidence);
}

/** The pod labels the namespace's workloads do stamp, to set beside a selector that matches none. */
function workloadLabels(snapshot: ClusterSnapshot, namespace: string | undefined): Evidence[] {
  const workloads = [...snapshot.deployments, ...snapshot.statefulSets, ...snapshot.daemonSets]
    .filter((workload) => workload.metadata?.namespace === namespace)
    .sort(byNamespaceAndName);
  return workloads
    .slice(0, MAX_WORKLOAD_EVIDENCE)
    .map((workload) =>
      statusEvidence(
        workload,
        'spec.template.metadata.labels',
        selectorText(workload.spec?.template.metadata?.labels ?? {}),
      ),
    );
}

function declaredPorts(pod: Pod): Evidence[] {
  return (pod.spec?.containers ?? []).map((container) =>
    statusEvidence(
      pod,
      `spec.containers[name=${container.name}].ports`,
      (container.ports ?? []).map((port) => `${port.name ?? '(unnamed)'}:${port.containerPort}`).join(', ') ||
        'none',
    ),
  );
}

/** Why the pod is not ready in the kubelet's words, or its phase when it never got that far. */
function readiness(pod: Pod): Evidence {
  const condition = pod.status?.conditions?.find((candidate) => candidate.type === 'Ready');
  if (condition?.message)
    return statusEvidence(pod, 'status.conditions[type=Ready].message', condition.message);
  if (condition) return statusEvidence(pod, 'status.conditions[type=Ready].status', condition.status);
  return statusEvidence(pod, 'status.phase', pod.status?.phase ?? 'Unknown');
}

function podCount(count: number): string {
  return count === 1 ? '1 pod matches' : `${count} pods match`;
}

function findCause(service: Service, pods: Pod[], readyPods: Pod[]): Finding | undefined {
  if (pods.length === 0) return { cause: 'NoMatchingPods' };
  const port = missingNamedPort(service, pods);
  if (port) return { cause: 'PortMismatch', port };
  if (readyPods.length === 0) return { cause: 'PodsNotReady' };
  return undefined;
}

/** The sentence and the cause-specific evidence; `pods` come newest first. */
function explain(
  snapshot: ClusterSnapshot,
  service: Service,
  finding: Finding,
  pods: Pod[],
  selector: string,
): { message: string; evidence: Evidence[] } {
  const name = describeRef(refOf(service));
  switch (finding.cause) {
    case 'NoMatchingPods':
      return {
        message: `${name} has no endpoints: no pod matches its selector ${selector}.`,
        evidence: workloadLabels(snapshot, service.metadata?.namespace),
      };
    case 'PortMismatch': {
      const matching = pods.length === 1 ? 'pod' : `${pods.length} pods`;
      const { index, name: port } = finding.port;
      return {
        message: `${name} has no endpoints: its targetPort "${port}" names no port of the ${matching} matching its selector ${selector}.`,
        evidence: [
          statusEvidence(service, `spec.ports[${index}].targetPort`, port),
          ...(pods[0] ? declaredPorts(pods[0]) : []),
        ],
      };
    }
    case 'PodsNotReady': {
      const newest = pods[0];
      return {
        message: `${name} has no ready endpoints: ${podCount(pods.length)} its selector ${selector} but none is ready.`,
        evidence: newest ? [readiness(newest), ...warningEvents(snapshot, newest, 3)] : [],
      };
    }
  }
}

function diagnose(
  snapshot: ClusterSnapshot,
  service: Service,
  selector: Record<string, string>,
): Symptom | undefined {
  const publishedAddresses = published(snapshot, service);
  if (publishedAddresses && publishedAddresses.ready > 0) return undefined;

  const pods = selectedPods(snapshot, service, selector);
  const readyPods = pods.filter(isReady);
  const finding = findCause(service, pods, readyPods);
  if (!finding) return undefined;

  const selectorString = selectorText(selector);
  const { message, evidence } = explain(snapshot, service, finding, pods, selectorString);
  return {
    type: 'ServiceNoEndpoints',
    resource: refOf(service),
    message,
    params: {
      cause: finding.cause,
      selector: selectorString,
      matchingPods: pods.length,
      readyPods: readyPods.length,
    },
    evidence: [
      statusEvidence(service, 'spec.selector', selectorString),
      ...(publishedAddresses?.evidence ?? []),
      ...evidence,
      ...warningEvents(snapshot, service, 3),
    ],
  };
}

/**
 * A Service whose selector yields no ready address: traffic to it fails even while Argo CD shows the
 * Service itself Healthy. Services without a selector manage their endpoints by hand and are skipped.
 */
export const serviceNoEndpointsDetector: Detector = {
  type: 'ServiceNoEndpoints',
  detect(snapshot) {
    return [...snapshot.services].sort(byNamespaceAndName).flatMap((service) => {
      const selector = service.spec?.selector;
      if (service.spec?.type === 'ExternalName' || !selector || Object.keys(selector).length === 0) return [];
      const symptom = diagnose(snapshot, service, selector);
      return symptom ? [symptom] : [];
    });
  },
};
