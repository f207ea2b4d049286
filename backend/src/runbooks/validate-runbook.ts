import type { Static } from 'typebox';
import { isSymptomType, SYMPTOM_TYPES } from '../detectors/symptom.js';
import { canCarryParam, SYMPTOM_PARAMS } from '../detectors/symptom-params.js';
import { readActions } from './actions.js';
import { patternProblem } from './patterns.js';
import type { RunbookError } from './problems.js';
import { runbookSchemaErrors } from './runbook-schema-errors.js';
import { type Action, type Runbook, RunbookSchema, type RunbookSource } from './schema.js';
import { isPlainObject } from './yaml-values.js';

type RunbookDocument = Static<typeof RunbookSchema>;

const DEFAULT_VERIFY = { timeout: '10m', revertOnFailure: true } as const;

/** Errors read in the order of a runbook's fields; the first becomes the problem's headline. */
const FIELD_ORDER = Object.keys(RunbookSchema.properties);

function fieldRank(error: RunbookError): number {
  const top = error.field?.split(/[.[]/)[0] ?? '';
  const rank = FIELD_ORDER.indexOf(top);
  return rank < 0 ? FIELD_ORDER.length : rank;
}

/**
 * symptom.type is checked here rather than by the schema: a union of twenty literals yields more
 * errors than TypeBox reports (eight), which would list only some of the types.
 */
function typeErrors(symptom: Record<string, unknown>): RunbookError[] {
  const type = symptom.type;
  if (type === undefined || (typeof type === 'string' && isSymptomType(type))) return [];
  const known = `(known: ${SYMPTOM_TYPES.join(', ')})`;
  const message =
    typeof type === 'string' ? `unknown symptom type ${type} ${known}` : `must be a symptom type ${known}`;
  return [{ field: 'symptom.type', message }];
}

function withoutType(document: Record<string, unknown>): Record<string, unknown> {
  if (!isPlainObject(document.symptom)) return document;
  const { type: _checkedApart, ...symptom } = document.symptom;
  return { ...document, symptom };
}

function symptomErrors(symptom: Record<string, unknown>): RunbookError[] {
  const errors = typeErrors(symptom);
  const { type, when, text } = symptom;
  if (type === undefined && text === undefined) {
    errors.push({
      field: 'symptom',
      message: 'needs a type (to match detected symptoms) or a text (for the LLM)',
    });
  }
  if (when !== undefined && type === undefined) {
    errors.push({
      field: 'symptom.when',
      message: 'needs symptom.type: its conditions test the params of that type',
    });
  }
  if (!isPlainObject(when)) return errors;
  for (const [key, value] of Object.entries(when)) {
    const field = `symptom.when.${key}`;
    if (typeof type === 'string' && isSymptomType(type) && key !== 'message' && !canCarryParam(type, key)) {
      const carried = [...SYMPTOM_PARAMS[type], 'message'].join(', ');
      errors.push({ field, message: `${type} symptoms have no param ${key} (they have: ${carried})` });
    }
    const problem = typeof value === 'string' ? patternProblem(value) : undefined;
    if (problem) errors.push({ field, message: problem });
  }
  return errors;
}

function scopeErrors(scope: Record<string, unknown>): RunbookError[] {
  return Object.entries(scope).flatMap(([list, patterns]) =>
    (Array.isArray(patterns) ? patterns : []).flatMap((pattern: unknown, index) => {
      const problem = typeof pattern === 'string' ? patternProblem(pattern) : undefined;
      return problem ? [{ field: `scope.${list}[${index}]`, message: problem }] : [];
    }),
  );
}

function readSolution(solution: Record<string, unknown>): { actions: Action[]; errors: RunbookError[] } {
  const { actions, text } = solution;
  if (actions === undefined && text === undefined) {
    return { actions: [], errors: [{ field: 'solution', message: 'needs actions or a text' }] };
  }
  return Array.isArray(actions) ? readActions(actions) : { actions: [], errors: [] };
}

function runbookOf(document: RunbookDocument, actions: Action[], source: RunbookSource): Runbook {
  const { symptom, solution, scope = {}, verify = {} } = document;
  const runbook: Runbook = {
    id: document.id,
    symptom: { when: { ...symptom.when } },
    solution: { actions },
    automation: document.automation ?? 'approve',
    scope: {},
    verify: {
      timeout: verify.timeout ?? DEFAULT_VERIFY.timeout,
      revertOnFailure: verify.revertOnFailure ?? DEFAULT_VERIFY.revertOnFailure,
    },
    source,
  };
  if (document.description !== undefined) runbook.description = document.description;
  if (symptom.type !== undefined) runbook.symptom.type = symptom.type;
  if (symptom.text !== undefined) runbook.symptom.text = symptom.text;
  if (solution.text !== undefined) runbook.solution.text = solution.text;
  if (scope.projects) runbook.scope.projects = [...scope.projects];
  if (scope.applications) runbook.scope.applications = [...scope.applications];
  if (scope.namespaces) runbook.scope.namespaces = [...scope.namespaces];
  return runbook;
}

/**
 * Validates one runbook document: the TypeBox schema, then what a schema cannot say (a symptom
 * needs a type or a text, `when` names params its type carries, patterns compile, actions are
 * known). Gives the runbook with its defaults, or every error found.
 */
export function validateRunbook(
  document: Record<string, unknown>,
  source: RunbookSource,
): { ok: true; runbook: Runbook } | { ok: false; errors: [RunbookError, ...RunbookError[]] } {
  const errors = runbookSchemaErrors(RunbookSchema, withoutType(document));
  if (isPlainObject(document.symptom)) errors.push(...symptomErrors(document.symptom));
  if (isPlainObject(document.scope)) errors.push(...scopeErrors(document.scope));
  const solution = isPlainObject(document.solution) ? readSolution(document.solution) : undefined;
  if (solution) errors.push(...solution.errors);
  // A stable sort: within one field, errors keep the order they were found in.
  const [first, ...rest] = errors.sort((a, b) => fieldRank(a) - fieldRank(b));
  if (first) return { ok: false, errors: [first, ...rest] };
  // The schema and the checks above accepted it, so it has the shape RunbookSchema describes.
  return { ok: true, runbook: runbookOf(document as RunbookDocument, solution?.actions ?? [], source) };
}
