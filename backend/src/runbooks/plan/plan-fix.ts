import { isDeepStrictEqual } from 'node:util';
import type { Symptom } from '../../detectors/symptom.js';
import { describeRef } from '../../kube/objects.js';
import type { ClusterSnapshot } from '../../kube/snapshot.js';
import type { Action, ActionName, Runbook } from '../schema.js';
import { applyEdits } from './apply-edits.js';
import { planEnv } from './env-action.js';
import { planField } from './field-action.js';
import { FieldPathError, type PathSegment, parseFieldPath } from './field-path.js';
import type { ActionArguments, FixPlan, ObjectEdit } from './fix-plan.js';
import { planImage, planImageRegistry, planImageTag } from './image-actions.js';
import type { PlanContext } from './plan-context.js';
import { PlanError } from './plan-error.js';
import { planProbe } from './probe-action.js';
import { planReplicas } from './replicas-action.js';
import { planResources } from './resource-actions.js';
import { applicationTarget, type PlanTarget, resolveTarget } from './target.js';

type Planner<Name extends ActionName> = (context: PlanContext, action: ActionArguments<Name>) => ObjectEdit[];

const PLANNERS: { [Name in ActionName]: Planner<Name> } = {
  setImageRegistry: planImageRegistry,
  setImageTag: planImageTag,
  setImage: planImage,
  setResources: planResources,
  setEnv: planEnv,
  setProbe: planProbe,
  setReplicas: planReplicas,
  setField: planField,
  // The Git writer reverts the commit; there is no field to name.
  revertLastChange: () => [],
};

function nameOf(action: Action): ActionName {
  return Object.keys(action)[0] as ActionName;
}

function planAction<Name extends ActionName>(context: PlanContext, name: Name, action: Action): ObjectEdit[] {
  const planner = PLANNERS[name] as Planner<Name>;
  return planner(context, (action as Record<Name, ActionArguments<Name>>)[name]);
}

/**
 * A plan that only reverts a commit needs no object to edit: it names the object the symptom's
 * resource belongs to when there is one, else the Application whose source is reverted.
 */
function targetOf(snapshot: ClusterSnapshot, symptom: Symptom, names: readonly ActionName[]): PlanTarget {
  if (names.some((name) => name !== 'revertLastChange')) return resolveTarget(snapshot, symptom);
  try {
    return resolveTarget(snapshot, symptom);
  } catch (error) {
    if (error instanceof PlanError) return applicationTarget(snapshot);
    throw error;
  }
}

/** Whether one path is the other or lies inside it: writing both would depend on their order. */
function overlaps(a: readonly PathSegment[], b: readonly PathSegment[]): boolean {
  const shorter = a.length <= b.length ? a : b;
  const longer = shorter === a ? b : a;
  return shorter.every((segment, position) => isDeepStrictEqual(segment, longer[position]));
}

function checkNoOverlap(edits: readonly ObjectEdit[]): void {
  const paths = edits.map((edit) => parseFieldPath(edit.path));
  paths.forEach((path, position) => {
    const earlier = paths.findIndex((other, index) => index < position && overlaps(other, path));
    const first = edits[earlier];
    const second = edits[position];
    if (first && second) {
      throw new PlanError(
        `${first.action} and ${second.action} both change ${first.path === second.path ? first.path : `${first.path} and ${second.path}`}; a plan changes each field once.`,
      );
    }
  });
}

/**
 * The edits a runbook's actions make for a symptom, on the object that lives in Git and owns the
 * symptom's resource, read from the live objects of the snapshot. Pure: the same snapshot,
 * symptom and runbook give the same plan. Throws PlanError, with a sentence a person can act on,
 * when an action cannot apply here or the plan would change nothing.
 */
export function planFix(snapshot: ClusterSnapshot, symptom: Symptom, runbook: Runbook): FixPlan {
  const { actions } = runbook.solution;
  if (actions.length === 0)
    throw new PlanError(`runbook ${runbook.id} has no actions, only text for a person.`);
  const names = actions.map(nameOf);
  const target = targetOf(snapshot, symptom, names);
  const context: PlanContext = { snapshot, symptom, target };
  const edits = actions.flatMap((action, position) => {
    const name = nameOf(action);
    const label = actions.length > 1 ? `action ${position + 1}, ${name}` : name;
    try {
      const planned = planAction(context, name, action);
      // Writing the edits is what the Git writer will do: a path that cannot be written fails here.
      applyEdits(target.object, planned);
      return planned;
    } catch (error) {
      if (error instanceof PlanError || error instanceof FieldPathError) {
        throw new PlanError(`${label}: ${error.message}`);
      }
      throw error;
    }
  });
  checkNoOverlap(edits);
  const changes = edits.filter((edit) => !isDeepStrictEqual(edit.from, edit.to));
  const revertLastChange = names.includes('revertLastChange');
  if (changes.length === 0 && !revertLastChange) {
    throw new PlanError(
      `${describeRef(target.ref)} already has what runbook ${runbook.id} sets; there is nothing to change.`,
    );
  }
  return {
    runbook: runbook.id,
    symptom: { type: symptom.type, resource: symptom.resource },
    target: target.ref,
    edits: changes,
    revertLastChange,
    automation: runbook.automation,
  };
}
