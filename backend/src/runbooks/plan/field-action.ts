import { describeRef } from '../../kube/objects.js';
import { FieldPathError, formatFieldPath, type PathSegment, parseFieldPath } from './field-path.js';
import type { ActionArguments, ObjectEdit } from './fix-plan.js';
import { editAt, type PlanContext } from './plan-context.js';
import { PlanError } from './plan-error.js';

/** Fields that say which object this is, or what the cluster reports: Git cannot fix them with a value. */
const FORBIDDEN = new Set(['apiVersion', 'kind', 'metadata.name', 'metadata.namespace', 'status']);

/** A field path of a runbook or a draft, its syntax error as a PlanError that names the path. */
export function parsePlanPath(path: string): PathSegment[] {
  try {
    return parseFieldPath(path);
  } catch (error) {
    if (error instanceof FieldPathError) throw new PlanError(`the path ${error.message}`);
    throw error;
  }
}

/** Any field of the target, by a path relative to it; the value is written as the runbook gives it. */
export function planField(context: PlanContext, action: ActionArguments<'setField'>): ObjectEdit[] {
  const path = parsePlanPath(action.path);
  const forbidden = [1, 2]
    .map((length) => formatFieldPath(path.slice(0, length)))
    .find((head) => FORBIDDEN.has(head));
  if (forbidden) {
    throw new PlanError(`${forbidden} of ${describeRef(context.target.ref)} is not a field a fix may set.`);
  }
  return [editAt(context, 'setField', path, action.value)];
}
