import type { Pod } from '../kube/objects.js';
import { describeQuantity, parseQuantity } from '../kube/quantity.js';
import type { ClusterSnapshot } from '../kube/snapshot.js';
import { indexSnapshot } from '../kube/snapshot-index.js';
import type { Detector } from './detector.js';
import { eventEvidence, statusEvidence } from './evidence.js';
import { clip } from './support/clip.js';
import { type PodFinding, symptomsByOwner } from './support/pod-groups.js';
import type { Evidence, ParamValue, Symptom } from './symptom.js';

/** What the kubelet's eviction message says, in the forms its eviction manager writes. */
interface Eviction {
  resource?: string;
  container?: string;
  usage?: string;
  request?: string;
  /** The limit a container or emptyDir went past, for evictions that are not about node pressure. */
  limit?: string;
}

/** Node conditions the kubelet names when it refuses or evicts pods under pressure. */
const PRESSURE_RESOURCES: Readonly<Record<string, string>> = {
  MemoryPressure: 'memory',
  DiskPressure: 'ephemeral-storage',
  PIDPressure: 'pids',
};

function parseEviction(message: string): Eviction {
  const eviction: Eviction = {};
  const lowOn = /low on resource: ([\w./-]+?)\.?(?:\s|$)/.exec(message);
  if (lowOn?.[1]) eviction.resource = lowOn[1];
  const pressure = /node had condition: \[(\w+)\]/.exec(message)?.[1];
  if (!eviction.resource && pressure) eviction.resource = PRESSURE_RESOURCES[pressure] ?? pressure;
  // Current kubelets name one container; older ones listed each: "which exceeds its request of 0".
  const consumer =
    /Container (\S+) was using (\S+?), request is (\S+?), has larger consumption/.exec(message) ??
    /Container (\S+) was using (\S+?), which exceeds its request of (\S+?)\./.exec(message);
  if (consumer) {
    eviction.container = consumer[1];
    eviction.usage = consumer[2];
    eviction.request = consumer[3];
  }
  const containerLimit = /Container (\S+) exceeded its local ephemeral storage limit "([^"]+)"/.exec(message);
  const podLimit =
    /Pod ephemeral local storage usage exceeds the total limit of containers (\S+?)\.?(?:\s|$)/.exec(message);
  const emptyDirLimit = /Usage of EmptyDir volume "[^"]+" exceeds the limit "([^"]+)"/.exec(message);
  if (containerLimit || podLimit || emptyDirLimit) eviction.resource = 'ephemeral-storage';
  if (containerLimit) {
    eviction.container = containerLimit[1];
    eviction.limit = containerLimit[2];
  } else {
    eviction.limit = podLimit?.[1] ?? emptyDirLimit?.[1];
  }
  return eviction;
}

interface EvictionFinding extends PodFinding {
  eviction: Eviction;
  message: string;
}

function findingOf(pod: Pod): EvictionFinding | undefined {
  if (pod.status?.phase !== 'Failed' || pod.status.reason !== 'Evicted') return undefined;
  const message = pod.status.message ?? '';
  const eviction = parseEviction(message);
  return {
    pod,
    signature: [eviction.resource ?? '', eviction.container ?? ''].join('\u0000'),
    eviction,
    message,
  };
}

function amount(text: string, resource: string): string {
  const quantity = parseQuantity(text);
  return quantity === undefined || quantity.scaled === 0n ? text : describeQuantity(quantity, resource);
}

function explanation(finding: EvictionFinding): string {
  const { resource, container, usage, request, limit } = finding.eviction;
  const node = finding.pod.spec?.nodeName;
  const from = node ? ` from node ${node}` : '';
  if (limit) {
    const who = container ? `container ${container}` : 'it';
    return `was evicted${from} because ${who} went past its ${resource} limit of ${limit}`;
  }
  if (!resource) return `was evicted${from}: ${clip(finding.message) || 'the kubelet gave no reason'}`;
  const consumer =
    container && usage
      ? `; container ${container} used ${amount(usage, resource)} against a request of ${amount(request ?? '0', resource)}`
      : '';
  return `was evicted${from} because the node ran low on ${resource}${consumer}`;
}

function paramsOf(finding: EvictionFinding): Record<string, ParamValue> {
  const params: Record<string, ParamValue> = {};
  const { resource, container, usage, request } = finding.eviction;
  if (resource) params.resource = resource;
  if (container) params.container = container;
  if (usage) params.usage = usage;
  if (request) params.request = request;
  const node = finding.pod.spec?.nodeName;
  if (node) params.node = node;
  return params;
}

function evidenceOf(snapshot: ClusterSnapshot, finding: EvictionFinding): Evidence[] {
  const evidence: Evidence[] = [statusEvidence(finding.pod, 'status.reason', 'Evicted')];
  if (finding.message) evidence.push(statusEvidence(finding.pod, 'status.message', finding.message));
  const event = indexSnapshot(snapshot)
    .eventsFor(finding.pod)
    .find((candidate) => candidate.reason === 'Evicted');
  if (event) evidence.push(eventEvidence(event));
  return evidence;
}

/** Pods the kubelet evicted (phase Failed, reason Evicted): node pressure or a storage limit. */
export const evictedDetector: Detector = {
  type: 'Evicted',
  detect(snapshot: ClusterSnapshot): Symptom[] {
    const findings = snapshot.pods
      .map(findingOf)
      .filter((finding): finding is EvictionFinding => finding !== undefined);
    return symptomsByOwner(snapshot, 'Evicted', findings, (finding, subject) => ({
      message: `${subject} ${explanation(finding)}.`,
      params: paramsOf(finding),
      evidence: evidenceOf(snapshot, finding),
    }));
  },
};
