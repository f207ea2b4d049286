import type { Symptom } from '../../detectors/symptom.js';
import type { ClusterSnapshot } from '../../kube/snapshot.js';
import type { ActionName } from '../schema.js';
import { formatFieldPath, type PathSegment, valueAt } from './field-path.js';
import type { ObjectEdit } from './fix-plan.js';
import type { PlanTarget } from './target.js';

/** What every action planner reads: the snapshot, the symptom, and the object the edits go to. */
export interface PlanContext {
  snapshot: ClusterSnapshot;
  symptom: Symptom;
  target: PlanTarget;
}

/** An edit of the target at the path, with the live value it replaces. */
export function editAt(
  context: PlanContext,
  action: ActionName,
  path: readonly PathSegment[],
  to: unknown,
): ObjectEdit {
  const edit: ObjectEdit = { object: context.target.ref, path: formatFieldPath(path), to, action };
  const from = valueAt(context.target.object, path);
  if (from !== undefined) edit.from = from;
  return edit;
}
