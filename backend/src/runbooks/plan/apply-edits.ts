import { parseFieldPath, withValueAt } from './field-path.js';
import type { ObjectEdit } from './fix-plan.js';

/**
 * The object with each edit's `to` written at its path, in order; the object passed in is left as
 * it was. The caller passes the edits of this object: a test checking a plan, or the Git writer
 * checking that the manifest it rendered after its change carries every edit.
 */
export function applyEdits<T>(object: T, edits: readonly ObjectEdit[]): T {
  return edits.reduce((result, edit) => withValueAt(result, parseFieldPath(edit.path), edit.to), object);
}
