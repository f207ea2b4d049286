import { secretEnvName } from '../../kube/redact.js';
import { readActions } from '../../runbooks/actions.js';
import { locateContainer } from '../../runbooks/plan/container-location.js';
import { formatFieldPath, type PathSegment, PlanError, parsePlanPath } from '../../runbooks/plan/index.js';
import type { PlanTarget } from '../../runbooks/plan/target.js';
import type { Action } from '../../runbooks/schema.js';
import { LlmError } from '../llm-error.js';

/** One edit as the model drafts it: a path relative to the object, and the value to write there. */
export interface DraftedEdit {
  path: string;
  value: string | number;
}

const PROBES = { readinessProbe: 'readiness', livenessProbe: 'liveness', startupProbe: 'startup' } as const;
const TIMINGS = new Set(['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'failureThreshold']);
const WHAT_MAY_CHANGE =
  'a drafted edit may change only spec.replicas and, per container, its image, resources, env values and existing probes';

const isKey = (
  segment: PathSegment | undefined,
  ...keys: string[]
): segment is { kind: 'key'; key: string } =>
  segment?.kind === 'key' && (keys.length === 0 || keys.includes(segment.key));

/** The action a container field's edit stands for; undefined when the field is not one a draft may change. */
function containerAction(
  container: string,
  rest: readonly PathSegment[],
  value: string | number,
): Action | undefined {
  const [first, second, third] = rest;
  if (rest.length === 1 && isKey(first, 'image')) return { setImage: { image: String(value), container } };
  if (rest.length === 3 && isKey(first, 'resources') && isKey(second, 'requests', 'limits') && isKey(third)) {
    return { setResources: { [second.key]: { [third.key]: String(value) }, container } };
  }
  if (
    rest.length === 3 &&
    isKey(first, 'env') &&
    second?.kind === 'match' &&
    second.key === 'name' &&
    isKey(third, 'value')
  ) {
    if (secretEnvName.test(second.value)) {
      throw new PlanError(
        `${second.value} names a credential; a credential belongs in a Secret referenced with valueFrom, never as a literal in Git`,
      );
    }
    return { setEnv: { name: second.value, value: String(value), container } };
  }
  if (isKey(first, ...Object.keys(PROBES))) {
    const probe = PROBES[first.key as keyof typeof PROBES];
    if (rest.length === 2 && isKey(second) && TIMINGS.has(second.key)) {
      return { setProbe: { probe, [second.key]: value, container } } as Action;
    }
    if (rest.length === 3 && isKey(second, 'httpGet', 'tcpSocket', 'grpc') && isKey(third, 'port'))
      return { setProbe: { probe, port: value, container } };
    if (rest.length === 3 && isKey(second, 'httpGet') && isKey(third, 'path'))
      return { setProbe: { probe, path: String(value), container } };
  }
  return undefined;
}

/**
 * The runbook action a drafted edit stands for, checked against the object: the container must
 * exist at the path the object keeps it under, and the field must be one a draft may change.
 * Throws PlanError naming what is wrong.
 */
function actionOf(target: PlanTarget, edit: DraftedEdit): Action {
  const segments = parsePlanPath(edit.path);
  if (formatFieldPath(segments) === 'spec.replicas')
    return { setReplicas: { replicas: edit.value as number } };
  const at = segments.findIndex(
    (segment, index) =>
      segment.kind === 'match' &&
      segment.key === 'name' &&
      isKey(segments[index - 1], 'containers', 'initContainers'),
  );
  const selector = segments[at];
  if (at < 0 || selector?.kind !== 'match') throw new PlanError(`${edit.path}: ${WHAT_MAY_CHANGE}.`);
  const location = locateContainer(target, selector.value);
  const prefix = formatFieldPath(segments.slice(0, at + 1));
  if (prefix !== formatFieldPath(location.path)) {
    throw new PlanError(
      `${edit.path}: container ${selector.value} is at ${formatFieldPath(location.path)}, not ${prefix}.`,
    );
  }
  const action = containerAction(selector.value, segments.slice(at + 1), edit.value);
  if (!action) throw new PlanError(`${edit.path}: ${WHAT_MAY_CHANGE}.`);
  return action;
}

/**
 * The drafted edits as runbook actions, validated like a runbook's own (types, ranges), so the
 * fix plan is made by the same planners. Throws LlmError('invalid') naming the edit at fault.
 */
export function draftedActions(target: PlanTarget, edits: readonly DraftedEdit[]): Action[] {
  const actions = edits.map((edit, index) => {
    try {
      return actionOf(target, edit);
    } catch (error) {
      if (error instanceof PlanError)
        throw new LlmError('invalid', `drafted edit ${index + 1}: ${error.message}`);
      throw error;
    }
  });
  const { errors } = readActions(actions);
  const [first] = errors;
  if (first) {
    const index = Number(/^solution\.actions\[(\d+)\]/.exec(first.field ?? '')?.[1] ?? 0);
    throw new LlmError(
      'invalid',
      `drafted edit ${index + 1} (${edits[index]?.path ?? ''}): ${first.field?.replace(/^solution\.actions\[\d+\]\.?/, '') || 'value'} ${first.message}`,
    );
  }
  return actions;
}
