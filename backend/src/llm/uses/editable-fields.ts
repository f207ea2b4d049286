import type { Container } from '../../detectors/support/containers.js';
import { describeRef } from '../../kube/objects.js';
import { locateContainer } from '../../runbooks/plan/container-location.js';
import { formatFieldPath, type PathSegment, parseFieldPath, valueAt } from '../../runbooks/plan/index.js';
import type { PlanTarget } from '../../runbooks/plan/target.js';

/** Where the workload kinds keep the pod spec whose containers hold the editable fields. */
const POD_SPEC_CANDIDATES = ['spec.template.spec', 'spec.jobTemplate.spec.template.spec', 'spec'].map(
  parseFieldPath,
);

const TIMINGS = ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'failureThreshold'] as const;
const PROBES = ['readinessProbe', 'livenessProbe', 'startupProbe'] as const;

/** Kinds whose spec.replicas a drafted edit may set. */
const SCALABLE_KINDS = new Set([
  'apps/Deployment',
  'apps/StatefulSet',
  'apps/ReplicaSet',
  'argoproj.io/Rollout',
]);

/** The names of the target's containers, app containers first; none when it has no pod template. */
function containerNames(target: PlanTarget): string[] {
  for (const podSpec of POD_SPEC_CANDIDATES) {
    const names = ['containers', 'initContainers'].flatMap((list) => {
      const items = valueAt(target.object, [...podSpec, { kind: 'key', key: list }]);
      return Array.isArray(items) ? (items as Container[]).map((container) => container.name) : [];
    });
    if (names.length > 0) return names;
  }
  return [];
}

function shown(value: unknown): string {
  return JSON.stringify(value);
}

/** Lines of `path = value` for one container: image, resources, env, probes. */
function containerLines(path: readonly PathSegment[], container: Container): string[] {
  const at = (...keys: string[]) =>
    formatFieldPath([...path, ...keys.map((key) => ({ kind: 'key' as const, key }))]);
  const lines = [`${at('image')} = ${shown(container.image)}`];
  for (const bound of ['requests', 'limits'] as const) {
    const amounts = container.resources?.[bound] ?? {};
    for (const [resource, amount] of Object.entries(amounts)) {
      lines.push(`${at('resources', bound, resource)} = ${shown(amount)}`);
    }
    if (amounts.cpu === undefined) lines.push(`${at('resources', bound, 'cpu')} (not set)`);
    if (amounts.memory === undefined) lines.push(`${at('resources', bound, 'memory')} (not set)`);
  }
  for (const variable of container.env ?? []) {
    const envPath = formatFieldPath([
      ...path,
      { kind: 'key', key: 'env' },
      { kind: 'match', key: 'name', value: variable.name },
    ]);
    if (variable.valueFrom) {
      lines.push(`${envPath} comes from ${Object.keys(variable.valueFrom).join(', ')} (not editable)`);
    } else {
      lines.push(`${envPath}.value = ${shown(variable.value ?? '')}`);
    }
  }
  lines.push(
    `${formatFieldPath([...path, { kind: 'key', key: 'env' }, { kind: 'match', key: 'name', value: 'NEW_NAME' }])}.value sets a new variable NEW_NAME`,
  );
  for (const probe of PROBES) {
    const settings = container[probe];
    if (!settings) continue;
    for (const handler of ['httpGet', 'tcpSocket', 'grpc'] as const) {
      const handlerSettings = settings[handler] as { port?: unknown; path?: unknown } | undefined;
      if (!handlerSettings) continue;
      lines.push(`${at(probe, handler, 'port')} = ${shown(handlerSettings.port)}`);
      if (handler === 'httpGet')
        lines.push(`${at(probe, handler, 'path')} = ${shown(handlerSettings.path ?? '/')}`);
    }
    for (const timing of TIMINGS) {
      if (settings[timing] !== undefined) lines.push(`${at(probe, timing)} = ${shown(settings[timing])}`);
    }
  }
  return lines;
}

/**
 * What a drafted edit may change on the object that lives in Git, as `path = current value`
 * lines the model copies paths from, in groups: per container its image, resources, literal env
 * values (or a new variable) and existing probes, the container the symptom names first; then
 * the replicas of a scalable workload.
 */
export function editableFields(
  target: PlanTarget,
  firstContainer: string | undefined,
): { heading: string; groups: string[][] } {
  const names = containerNames(target).sort(
    (a, b) => Number(b === firstContainer) - Number(a === firstContainer),
  );
  const groups = names.map((name) => {
    const location = locateContainer(target, name);
    return containerLines(location.path, location.container);
  });
  if (SCALABLE_KINDS.has(`${target.ref.group}/${target.ref.kind}`)) {
    const replicas = valueAt(target.object, parseFieldPath('spec.replicas'));
    groups.push([`spec.replicas = ${replicas === undefined ? '(not set, 1)' : shown(replicas)}`]);
  }
  return {
    heading: `Object to edit: ${describeRef(target.ref)} (${target.ref.apiVersion}), as it is defined in Git. Editable fields (path = current value):`,
    groups,
  };
}
