import type { Event } from '../kube/objects.js';
import type { ClusterSnapshot, NamedKeys } from '../kube/snapshot.js';
import type { Detector } from './detector.js';
import { eventEvidence, statusEvidence } from './evidence.js';
import { clip } from './support/clip.js';
import { containerEvents } from './support/container-events.js';
import { containerLabel, containerSpecField } from './support/container-kinds.js';
import { type Container, type ContainerState, containerStates } from './support/containers.js';
import { type PodFinding, symptomsByOwner } from './support/pod-groups.js';
import type { Evidence, ParamValue, Symptom } from './symptom.js';

type SourceKind = 'ConfigMap' | 'Secret';

/** A ConfigMap or Secret (or one key of it) that the container's environment needs and lacks. */
interface MissingSource {
  kind: SourceKind;
  name: string;
  key?: string;
}

/** Where the container spec asks for the source: `env[name=DB_PASSWORD].valueFrom.secretKeyRef`. */
interface SourceReference extends MissingSource {
  field: string;
  /** The environment variable that reads the key, for env[].valueFrom references. */
  variable?: string;
}

const MISSING_KEY = /couldn't find key (\S+) in (ConfigMap|Secret) [^/\s]+\/([^\s:,]+)/i;
const MISSING_OBJECT = /\b(configmaps?|secrets?) "([^"]+)" not found/i;

/** Reads the kubelet's words: `secret "db" not found`, `couldn't find key K in ConfigMap ns/x`. */
function parseMissing(message: string): MissingSource | undefined {
  const key = MISSING_KEY.exec(message);
  if (key?.[1] && key[2] && key[3]) {
    return { kind: key[2].toLowerCase() === 'secret' ? 'Secret' : 'ConfigMap', name: key[3], key: key[1] };
  }
  const object = MISSING_OBJECT.exec(message);
  if (object?.[1] && object[2]) {
    return { kind: object[1].toLowerCase().startsWith('secret') ? 'Secret' : 'ConfigMap', name: object[2] };
  }
  return undefined;
}

/** Every non-optional ConfigMap and Secret the container's environment reads, envFrom first as the kubelet reads them. */
function referencesOf(container: Container | undefined, specField: string): SourceReference[] {
  const references: SourceReference[] = [];
  (container?.envFrom ?? []).forEach((source, position) => {
    const field = `${specField}.envFrom[${position}]`;
    if (source.configMapRef && !source.configMapRef.optional) {
      references.push({
        kind: 'ConfigMap',
        name: source.configMapRef.name ?? '',
        field: `${field}.configMapRef`,
      });
    }
    if (source.secretRef && !source.secretRef.optional) {
      references.push({ kind: 'Secret', name: source.secretRef.name ?? '', field: `${field}.secretRef` });
    }
  });
  for (const variable of container?.env ?? []) {
    const field = `${specField}.env[name=${variable.name}].valueFrom`;
    const configMap = variable.valueFrom?.configMapKeyRef;
    const secret = variable.valueFrom?.secretKeyRef;
    if (configMap && !configMap.optional) {
      references.push({
        kind: 'ConfigMap',
        name: configMap.name ?? '',
        key: configMap.key,
        field: `${field}.configMapKeyRef`,
        variable: variable.name,
      });
    }
    if (secret && !secret.optional) {
      references.push({
        kind: 'Secret',
        name: secret.name ?? '',
        key: secret.key,
        field: `${field}.secretKeyRef`,
        variable: variable.name,
      });
    }
  }
  return references;
}

function sourceIn(
  snapshot: ClusterSnapshot,
  namespace: string,
  source: MissingSource,
): NamedKeys | undefined {
  const list = source.kind === 'Secret' ? snapshot.secrets : snapshot.configMaps;
  return list.find((candidate) => candidate.namespace === namespace && candidate.name === source.name);
}

/**
 * Without the kubelet's message, the first reference the snapshot cannot satisfy is the culprit:
 * the kubelet stops at the first one it cannot resolve, in the same order.
 */
function inferMissing(
  snapshot: ClusterSnapshot,
  namespace: string,
  references: readonly SourceReference[],
): MissingSource | undefined {
  for (const reference of references) {
    const found = sourceIn(snapshot, namespace, reference);
    if (!found) return { kind: reference.kind, name: reference.name };
    if (reference.key !== undefined && !found.keys.includes(reference.key)) {
      return { kind: reference.kind, name: reference.name, key: reference.key };
    }
  }
  return undefined;
}

interface ConfigFinding extends PodFinding {
  state: ContainerState;
  message: string;
  missing: MissingSource | undefined;
  reference: SourceReference | undefined;
  failure: Event | undefined;
}

function findingOf(snapshot: ClusterSnapshot, state: ContainerState): ConfigFinding | undefined {
  const waiting = state.status.state?.waiting;
  if (waiting?.reason !== 'CreateContainerConfigError') return undefined;
  const message = waiting.message ?? '';
  const namespace = state.pod.metadata?.namespace ?? '';
  const references = referencesOf(state.spec, containerSpecField(state));
  const missing = message ? parseMissing(message) : inferMissing(snapshot, namespace, references);
  const reference = missing
    ? references.find(
        (candidate) =>
          candidate.kind === missing.kind &&
          candidate.name === missing.name &&
          (missing.key === undefined || candidate.key === missing.key),
      )
    : undefined;
  return {
    pod: state.pod,
    signature: [
      state.status.name,
      missing?.kind,
      missing?.name,
      missing?.key ?? (missing ? '' : message),
    ].join('\u0000'),
    state,
    message,
    missing,
    reference,
    failure: containerEvents(snapshot, state).find(
      (event) => event.reason === 'Failed' && (event.message ?? '').startsWith('Error: '),
    ),
  };
}

function paramsOf(finding: ConfigFinding): Record<string, ParamValue> {
  const params: Record<string, ParamValue> = { container: finding.state.status.name };
  if (finding.missing) {
    params.missingKind = finding.missing.kind;
    params.missingName = finding.missing.name;
    if (finding.missing.key) params.missingKey = finding.missing.key;
  }
  return params;
}

function evidenceOf(finding: ConfigFinding): Evidence[] {
  const { state } = finding;
  const evidence: Evidence[] = [
    statusEvidence(state.pod, `${state.field}.state.waiting.reason`, 'CreateContainerConfigError'),
  ];
  if (finding.message) {
    evidence.push(statusEvidence(state.pod, `${state.field}.state.waiting.message`, finding.message));
  }
  if (finding.failure) evidence.push(eventEvidence(finding.failure));
  const { reference, missing } = finding;
  if (reference) {
    // Point at what is missing: the key when the object exists without it, else the object's name.
    evidence.push(
      missing?.key !== undefined && reference.key !== undefined
        ? statusEvidence(state.pod, `${reference.field}.key`, reference.key)
        : statusEvidence(state.pod, `${reference.field}.name`, reference.name),
    );
  }
  return evidence;
}

/** What is missing, checked against the ConfigMaps and Secrets (names and keys) the snapshot holds. */
function problem(snapshot: ClusterSnapshot, finding: ConfigFinding): string {
  const { missing, reference } = finding;
  if (!missing) return clip(finding.message || 'the kubelet could not build its configuration', 240);
  const namespace = finding.pod.metadata?.namespace ?? '';
  const object = `${missing.kind} ${namespace}/${missing.name}`;
  const found = sourceIn(snapshot, namespace, missing);
  const reader = reference?.variable ? `, which env ${reference.variable} reads` : '';
  if (missing.key === undefined) {
    return found
      ? `${object} was missing (it exists now, so a retry may succeed)`
      : `${object} does not exist`;
  }
  if (!found) return `${object} lacks the key ${missing.key}${reader}`;
  if (found.keys.includes(missing.key)) {
    return `${object} had no key ${missing.key}${reader} (it has one now, so a retry may succeed)`;
  }
  const keys = found.keys.length > 0 ? found.keys.join(', ') : 'none';
  return `${object} has no key ${missing.key}${reader} (its keys: ${keys})`;
}

/** Containers the kubelet cannot create because a ConfigMap, Secret or key they read is missing. */
export const createContainerConfigErrorDetector: Detector = {
  type: 'CreateContainerConfigError',
  detect(snapshot: ClusterSnapshot): Symptom[] {
    const findings = snapshot.pods
      .flatMap(containerStates)
      .map((state) => findingOf(snapshot, state))
      .filter((finding): finding is ConfigFinding => finding !== undefined);
    return symptomsByOwner(snapshot, 'CreateContainerConfigError', findings, (finding, subject) => ({
      message: `${subject} cannot start ${containerLabel(finding.state)}: ${problem(snapshot, finding)}.`,
      params: paramsOf(finding),
      evidence: evidenceOf(finding),
    }));
  },
};
