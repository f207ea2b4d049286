import { describeRef } from '../../kube/objects.js';
import { containerName, locateContainer } from './container-location.js';
import type { PathSegment } from './field-path.js';
import type { ActionArguments, ObjectEdit } from './fix-plan.js';
import { editAt, type PlanContext } from './plan-context.js';
import { PlanError } from './plan-error.js';

/**
 * One environment variable of a container, set to a literal: the edit's path is always
 * `...env[name=NAME].value`, whether the variable exists (`from` is its value) or not (no `from`;
 * writing the path appends `{name: NAME, value}` to env, see ObjectEdit). A variable of that name
 * from envFrom is overridden, as Kubernetes lets env override envFrom.
 *
 * A variable that takes its value from a Secret, a ConfigMap or a field (`valueFrom`) is left
 * alone: a literal in Git would replace a value someone chose to keep out of Git, and both
 * `value` and `valueFrom` on one variable is invalid, so the edit would have to delete a field.
 */
export function planEnv(context: PlanContext, action: ActionArguments<'setEnv'>): ObjectEdit[] {
  const location = locateContainer(context.target, containerName(context.symptom, action.container));
  const existing = location.container.env?.find((variable) => variable.name === action.name);
  if (existing?.valueFrom) {
    const source = Object.keys(existing.valueFrom).join(', ');
    throw new PlanError(
      `${action.name} of container ${location.name} of ${describeRef(context.target.ref)} comes from ${source}; a runbook does not replace it with a literal.`,
    );
  }
  const path: PathSegment[] = [
    ...location.path,
    { kind: 'key', key: 'env' },
    { kind: 'match', key: 'name', value: action.name },
    { kind: 'key', key: 'value' },
  ];
  return [editAt(context, 'setEnv', path, action.value)];
}
