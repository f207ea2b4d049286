import type { V1IngressBackend } from '@kubernetes/client-node';
import type { Ingress, Wire } from '../kube/objects.js';
import { describeRef, refOf } from '../kube/objects.js';
import type { ClusterSnapshot } from '../kube/snapshot.js';
import { indexSnapshot } from '../kube/snapshot-index.js';
import type { Detector } from './detector.js';
import { eventEvidence, statusEvidence } from './evidence.js';
import { byNamespaceAndName } from './support/object-order.js';
import type { Evidence, ParamValue, Symptom } from './symptom.js';

type IngressBackend = Wire<V1IngressBackend>;

interface Finding {
  /** The missing name, to recognise the controller events that mention it. */
  missing: string;
  message: string;
  params: Record<string, ParamValue>;
  evidence: Evidence[];
}

/** One backend reference with where it sits in the Ingress, for the evidence path. */
interface BackendUse {
  backend: IngressBackend;
  field: string;
  host?: string;
  path?: string;
}

const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';
const LEGACY_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/** A gatherer note such as "Secret list in shop unavailable: 403 Forbidden" means absence proves nothing. */
function gathered(snapshot: ClusterSnapshot, pattern: RegExp): boolean {
  return !snapshot.notes.some((note) => pattern.test(note));
}

function backendUses(ingress: Ingress): BackendUse[] {
  const uses: BackendUse[] = [];
  const fallback = ingress.spec?.defaultBackend;
  if (fallback) uses.push({ backend: fallback, field: 'spec.defaultBackend' });
  for (const [ruleIndex, rule] of (ingress.spec?.rules ?? []).entries()) {
    for (const [pathIndex, path] of (rule.http?.paths ?? []).entries()) {
      const use: BackendUse = {
        backend: path.backend,
        field: `spec.rules[${ruleIndex}].http.paths[${pathIndex}].backend`,
      };
      if (rule.host) use.host = rule.host;
      if (path.path) use.path = path.path;
      uses.push(use);
    }
  }
  return uses;
}

function route(use: BackendUse): string {
  if (!use.host && !use.path) return 'its default backend';
  return `${use.host ?? '*'}${use.path ?? '/'}`;
}

function withHost(params: Record<string, ParamValue>, host: string | undefined): Record<string, ParamValue> {
  return host ? { ...params, host } : params;
}

/** What is wrong with one backend, keyed so that paths sharing the problem report it once. */
function backendFinding(
  snapshot: ClusterSnapshot,
  ingress: Ingress,
  use: BackendUse,
): { key: string; finding: Finding } | undefined {
  const target = use.backend.service;
  if (!target) return undefined;
  const ingressName = describeRef(refOf(ingress));
  const port = target.port?.number ?? target.port?.name;
  const service = snapshot.services.find(
    (candidate) =>
      candidate.metadata?.namespace === ingress.metadata?.namespace &&
      candidate.metadata?.name === target.name,
  );
  if (!service) {
    const params: Record<string, ParamValue> = { cause: 'MissingBackendService', service: target.name };
    if (port !== undefined) params.port = port;
    return {
      key: `service/${target.name}`,
      finding: {
        missing: target.name,
        message: `${ingressName} routes ${route(use)} to Service ${target.name}, which does not exist.`,
        params: withHost(params, use.host),
        evidence: [statusEvidence(ingress, `${use.field}.service.name`, target.name)],
      },
    };
  }
  const ports = service.spec?.ports ?? [];
  const exposed = ports.some((candidate) =>
    typeof port === 'number' ? candidate.port === port : candidate.name === port,
  );
  if (port === undefined || exposed) return undefined;
  const offered = ports.map((candidate) =>
    candidate.name ? `${candidate.port} (${candidate.name})` : `${candidate.port}`,
  );
  const field = `${use.field}.service.port.${typeof port === 'number' ? 'number' : 'name'}`;
  return {
    key: `port/${target.name}/${port}`,
    finding: {
      missing: `${port}`,
      message: `${ingressName} routes ${route(use)} to port ${port} of Service ${target.name}, which exposes ${offered.length > 0 ? `only ${offered.join(', ')}` : 'no port'}.`,
      params: withHost({ cause: 'MissingBackendPort', service: target.name, port }, use.host),
      evidence: [statusEvidence(ingress, field, `${port}`)],
    },
  };
}

function backendFindings(snapshot: ClusterSnapshot, ingress: Ingress): Finding[] {
  if (!gathered(snapshot, /^services?\b/i)) return [];
  const findings = new Map<string, Finding>();
  for (const use of backendUses(ingress)) {
    const found = backendFinding(snapshot, ingress, use);
    if (found && !findings.has(found.key)) findings.set(found.key, found.finding);
  }
  return [...findings.values()];
}

function classFinding(snapshot: ClusterSnapshot, ingress: Ingress): Finding | undefined {
  if (!gathered(snapshot, /^ingress ?class(es)?\b/i)) return undefined;
  const ingressName = describeRef(refOf(ingress));
  const classes = snapshot.ingressClasses.map((item) => item.metadata?.name ?? '').sort();
  const available = classes.length > 0 ? `available: ${classes.join(', ')}` : 'the cluster has none';
  const host = ingress.spec?.rules?.find((rule) => rule.host)?.host;
  const named = ingress.spec?.ingressClassName;
  if (named) {
    if (classes.includes(named)) return undefined;
    return {
      missing: named,
      message: `${ingressName} names IngressClass ${named}, which does not exist (${available}).`,
      params: withHost({ cause: 'MissingIngressClass', ingressClass: named }, host),
      evidence: [statusEvidence(ingress, 'spec.ingressClassName', named)],
    };
  }
  // Controllers still honour the deprecated annotation; with no class list at all nothing can be concluded.
  if (ingress.metadata?.annotations?.[LEGACY_CLASS_ANNOTATION] || classes.length === 0) return undefined;
  const hasDefault = snapshot.ingressClasses.some(
    (item) => item.metadata?.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true',
  );
  if (hasDefault) return undefined;
  return {
    missing: '',
    message: `${ingressName} names no IngressClass and no class is marked default (${available}), so no controller serves it.`,
    params: withHost({ cause: 'MissingIngressClass', ingressClass: '' }, host),
    evidence: [statusEvidence(ingress, 'spec.ingressClassName', '')],
  };
}

function tlsFindings(snapshot: ClusterSnapshot, ingress: Ingress): Finding[] {
  if (!gathered(snapshot, /^secrets?\b/i)) return [];
  const namespace = ingress.metadata?.namespace;
  const ingressName = describeRef(refOf(ingress));
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const [index, tls] of (ingress.spec?.tls ?? []).entries()) {
    const secret = tls.secretName;
    if (!secret || seen.has(secret)) continue;
    seen.add(secret);
    const exists = snapshot.secrets.some((item) => item.namespace === namespace && item.name === secret);
    if (exists) continue;
    const hosts = tls.hosts ?? [];
    findings.push({
      missing: secret,
      message: `${ingressName} serves ${hosts.length > 0 ? hosts.join(', ') : 'TLS'} with Secret ${secret}, which does not exist in namespace ${namespace}.`,
      params: withHost({ cause: 'MissingTLSSecret', secret }, hosts[0]),
      evidence: [statusEvidence(ingress, `spec.tls[${index}].secretName`, secret)],
    });
  }
  return findings;
}

/** Controller events (ingress-nginx, cloud load balancers) that name the missing object back it up. */
function mentioningEvents(snapshot: ClusterSnapshot, ingress: Ingress, missing: string): Evidence[] {
  if (!missing) return [];
  return indexSnapshot(snapshot)
    .eventsFor(ingress)
    .filter((event) => event.type === 'Warning' && (event.message ?? '').includes(missing))
    .slice(0, 3)
    .map(eventEvidence);
}

/**
 * An Ingress that cannot route: its backend Service or port does not exist, no controller owns its
 * class, or its TLS Secret is missing (controllers then serve a default certificate).
 */
export const ingressMisconfiguredDetector: Detector = {
  type: 'IngressMisconfigured',
  detect(snapshot) {
    return [...snapshot.ingresses].sort(byNamespaceAndName).flatMap((ingress): Symptom[] => {
      const classProblem = classFinding(snapshot, ingress);
      const findings = [
        ...(classProblem ? [classProblem] : []),
        ...backendFindings(snapshot, ingress),
        ...tlsFindings(snapshot, ingress),
      ];
      return findings.map((finding) => ({
        type: 'IngressMisconfigured',
        resource: refOf(ingress),
        message: finding.message,
        params: finding.params,
        evidence: [...finding.evidence, ...mentioningEvents(snapshot, ingress, finding.missing)],
      }));
    });
  },
};
