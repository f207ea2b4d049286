import type { V1Probe } from '@kubernetes/client-node';
import type { Event, Wire } from '../kube/objects.js';
import type { ClusterSnapshot } from '../kube/snapshot.js';
import type { Detector } from './detector.js';
import { eventEvidence, statusEvidence } from './evidence.js';
import { clip } from './support/clip.js';
import { containerEvents } from './support/container-events.js';
import { containerSpecField, isSidecar } from './support/container-kinds.js';
import { type Container, type ContainerState, containerStates } from './support/containers.js';
import { type PodFinding, symptomsByOwner } from './support/pod-groups.js';
import type { Evidence, ParamValue, Symptom } from './symptom.js';

type Probe = Wire<V1Probe>;
type ProbeKind = 'startup' | 'liveness' | 'readiness';

const PROBE_KINDS: readonly ProbeKind[] = ['startup', 'liveness', 'readiness'];
const PROBE_FIELDS: Readonly<Record<ProbeKind, 'startupProbe' | 'livenessProbe' | 'readinessProbe'>> = {
  startup: 'startupProbe',
  liveness: 'livenessProbe',
  readiness: 'readinessProbe',
};

/** The kubelet's prober: `Readiness probe failed: <output>`, or `... probe errored: <error>`. */
const UNHEALTHY = /^(Readiness|Liveness|Startup) probe (?:failed|errored): ?([\s\S]*)$/;
/** The kubelet restarting a container for a failed probe: `Container web failed liveness probe, will be restarted`. */
const KILLED_FOR_PROBE = /failed (liveness|startup) probe, will be restarted/;

interface ProbeFinding extends PodFinding {
  state: ContainerState;
  kind: ProbeKind;
  detail: string;
  unhealthy: Event;
  killing: Event | undefined;
  probe: Probe | undefined;
}

const KIND_OF_WORD: Readonly<Record<string, ProbeKind>> = {
  Startup: 'startup',
  Liveness: 'liveness',
  Readiness: 'readiness',
};

function unhealthyKind(event: Event): ProbeKind | undefined {
  if (event.reason !== 'Unhealthy') return undefined;
  const word = UNHEALTHY.exec(event.message ?? '')?.[1];
  return word === undefined ? undefined : KIND_OF_WORD[word];
}

/**
 * Events outlive the failure they report, so the container must still show it: a readiness probe
 * matters while the running container is not ready, a liveness or startup probe while the container
 * is not ready or the kubelet has restarted it for that probe.
 */
function stillFailing(state: ContainerState, kind: ProbeKind, killing: Event | undefined): boolean {
  if (kind === 'readiness') return Boolean(state.status.state?.running) && state.status.ready !== true;
  return killing !== undefined || state.status.ready !== true;
}

function findingsOf(snapshot: ClusterSnapshot, state: ContainerState): ProbeFinding[] {
  if (state.init && !isSidecar(state)) return [];
  const events = containerEvents(snapshot, state);
  return PROBE_KINDS.flatMap((kind) => {
    const unhealthy = events.find((event) => unhealthyKind(event) === kind);
    if (!unhealthy) return [];
    const killing = events.find(
      (event) => event.reason === 'Killing' && KILLED_FOR_PROBE.exec(event.message ?? '')?.[1] === kind,
    );
    if (!stillFailing(state, kind, killing)) return [];
    return [
      {
        pod: state.pod,
        signature: [state.status.name, kind].join('\u0000'),
        state,
        kind,
        detail: (UNHEALTHY.exec(unhealthy.message ?? '')?.[2] ?? '').trim(),
        unhealthy,
        killing,
        probe: state.spec?.[PROBE_FIELDS[kind]],
      },
    ];
  });
}

/** What a network probe connects to; exec probes have no target. */
interface ProbeTarget {
  action: 'httpGet' | 'tcpSocket' | 'grpc';
  port: string | number;
  path?: string;
}

function targetOf(probe: Probe | undefined): ProbeTarget | undefined {
  if (probe?.httpGet) {
    const { port, path } = probe.httpGet;
    return path === undefined ? { action: 'httpGet', port } : { action: 'httpGet', port, path };
  }
  if (probe?.tcpSocket) return { action: 'tcpSocket', port: probe.tcpSocket.port };
  if (probe?.grpc) return { action: 'grpc', port: probe.grpc.port };
  return undefined;
}

/** `HTTP GET :8080/healthz`, `TCP :5432`, `exec pg_isready`: what the probe checks. */
function describeProbe(probe: Probe | undefined): string | undefined {
  if (probe?.httpGet) return `HTTP GET :${probe.httpGet.port}${probe.httpGet.path ?? '/'}`;
  if (probe?.tcpSocket) return `TCP :${probe.tcpSocket.port}`;
  if (probe?.grpc) return `gRPC :${probe.grpc.port}`;
  if (probe?.exec?.command) return `exec ${clip(probe.exec.command.join(' '), 60)}`;
  return undefined;
}

/** A probe aimed at a port the container does not declare is the usual reason it cannot connect. */
function portMismatch(container: Container | undefined, port: string | number | undefined): string {
  const ports = container?.ports ?? [];
  if (port === undefined || ports.length === 0) return '';
  if (typeof port === 'string') {
    return ports.some((candidate) => candidate.name === port)
      ? ''
      : `; the container declares no port named "${port}"`;
  }
  if (ports.some((candidate) => candidate.containerPort === port)) return '';
  const declared = ports.map((candidate) => candidate.containerPort).join(', ');
  return `; the probe checks port ${port} but the container declares ${ports.length === 1 ? 'port' : 'ports'} ${declared}`;
}

function paramsOf(finding: ProbeFinding): Record<string, ParamValue> {
  const params: Record<string, ParamValue> = {
    probe: finding.kind,
    container: finding.state.status.name,
    detail: clip(finding.detail, 300),
  };
  const target = targetOf(finding.probe);
  if (target?.path !== undefined) params.path = target.path;
  if (target) params.port = target.port;
  return params;
}

function evidenceOf(finding: ProbeFinding): Evidence[] {
  const { state } = finding;
  const evidence: Evidence[] = [eventEvidence(finding.unhealthy)];
  if (finding.killing) evidence.push(eventEvidence(finding.killing));
  evidence.push(statusEvidence(state.pod, `${state.field}.ready`, String(state.status.ready)));
  const target = targetOf(finding.probe);
  if (target) {
    const field = `${containerSpecField(state)}.${PROBE_FIELDS[finding.kind]}.${target.action}`;
    evidence.push(statusEvidence(state.pod, `${field}.port`, String(target.port)));
    if (target.path !== undefined) evidence.push(statusEvidence(state.pod, `${field}.path`, target.path));
  }
  return evidence;
}

function sentence(finding: ProbeFinding, subject: string): string {
  const { state, kind, detail } = finding;
  const checks = describeProbe(finding.probe);
  const what = checks ? ` (${checks})` : '';
  const output = detail ? `: ${clip(detail, 200)}` : '';
  const restarted = finding.killing ? ', and the kubelet restarts it' : '';
  const mismatch = portMismatch(state.spec, targetOf(finding.probe)?.port);
  return `${subject} fails the ${kind} probe${what} of container ${state.status.name}${output}${restarted}${mismatch}.`;
}

/** Containers whose readiness, liveness or startup probe keeps failing. */
export const probeFailedDetector: Detector = {
  type: 'ProbeFailed',
  detect(snapshot: ClusterSnapshot): Symptom[] {
    const findings = snapshot.pods.flatMap(containerStates).flatMap((state) => findingsOf(snapshot, state));
    return symptomsByOwner(snapshot, 'ProbeFailed', findings, (finding, subject) => ({
      message: sentence(finding, subject),
      params: paramsOf(finding),
      evidence: evidenceOf(finding),
    }));
  },
};
