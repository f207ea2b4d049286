import type { RunbookProblem, RunbookSource } from './schema.js';

/** One thing wrong with a runbook: the field in FORMAT.md path syntax (none for the whole text). */
export interface RunbookError {
  field?: string;
  message: string;
}

/** How many further errors a problem spells out before it only counts them. */
const LISTED_FURTHER_ERRORS = 3;

function describeError(error: RunbookError): string {
  return error.field ? `${error.field}: ${error.message}` : error.message;
}

/**
 * One problem per skipped runbook, so each data key yields exactly one runbook or one problem: the
 * first error leads, the others follow in its message so one edit can fix them all.
 */
export function problemOf(
  source: RunbookSource,
  id: string | undefined,
  errors: readonly [RunbookError, ...RunbookError[]],
): RunbookProblem {
  const [first, ...further] = errors;
  const problem: RunbookProblem = { source, message: first.message };
  if (id !== undefined) problem.id = id;
  if (first.field) problem.field = first.field;
  if (further.length > 0) {
    const listed = further.slice(0, LISTED_FURTHER_ERRORS).map(describeError);
    const unlisted = further.length - listed.length;
    problem.message += `; also ${listed.join('; ')}${unlisted > 0 ? `; and ${unlisted} more` : ''}`;
  }
  return problem;
}

/** `runbooks-registry/registry-a-to-b.yaml: solution.actions[0].setImageRegistry.to: required`. */
export function describeProblem(problem: RunbookProblem): string {
  const { configMap, key } = problem.source;
  const where = key ? `${configMap}/${key}` : configMap;
  return `${where}: ${describeError(problem)}`;
}
