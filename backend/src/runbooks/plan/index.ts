/** Fix plans: what a runbook's actions change for a symptom, before anything is written to Git. */
export { applyEdits } from './apply-edits.js';
export { parsePlanPath } from './field-action.js';
export {
  FieldPathError,
  formatFieldPath,
  type PathSegment,
  parseFieldPath,
  valueAt,
  withValueAt,
} from './field-path.js';
export type { ActionArguments, FixPlan, ObjectEdit, TargetRef } from './fix-plan.js';
export { PlanError } from './plan-error.js';
export { planFix } from './plan-fix.js';
