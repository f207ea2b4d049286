/**
 * Why a runbook's actions cannot apply to a symptom, as a sentence the person reading the
 * diagnosis can act on: the runbook matched, but here it would change nothing or the wrong thing.
 */
export class PlanError extends Error {
  override name = 'PlanError';
}
