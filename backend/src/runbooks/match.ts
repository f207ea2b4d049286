import type { ParamValue, Symptom } from '../detectors/symptom.js';
import type { Application } from '../kube/application.js';
import { matchesPattern } from './patterns.js';
import type { Runbook } from './schema.js';

/** What a runbook's scope is tested against: the Application's project, name and destination namespace. */
export interface ScopedApplication {
  project: string;
  name: string;
  namespace: string;
}

export function applicationScope(application: Application): ScopedApplication {
  return {
    project: application.spec.project,
    name: application.metadata.name ?? '',
    namespace: application.spec.destination.namespace ?? '',
  };
}

export interface RunbookMatch {
  runbook: Runbook;
  /** The symptom the runbook answers: the highest-ranked one any runbook matched. */
  symptom: Symptom;
  /** The other runbooks that match the same symptom, in the order they would have been chosen. */
  alternatives: Runbook[];
}

/** An absent list means every value; a list matches when one of its patterns does, so `[]` matches none. */
function listAllows(patterns: readonly string[] | undefined, value: string): boolean {
  return patterns === undefined || patterns.some((pattern) => matchesPattern(pattern, value));
}

export function inScope(runbook: Runbook, app: ScopedApplication): boolean {
  const { projects, applications, namespaces } = runbook.scope;
  return (
    listAllows(projects, app.project) &&
    listAllows(applications, app.name) &&
    listAllows(namespaces, app.namespace)
  );
}

/** Params compare as text: numbers in decimal (`137`), booleans as `true`/`false`. */
function paramText(value: ParamValue): string {
  return String(value);
}

/** `message` is tested against the symptom's sentence and the raw event and status text behind it. */
function messageTexts(symptom: Symptom): string[] {
  const texts = [symptom.message];
  for (const evidence of symptom.evidence) {
    if (evidence.kind === 'event') texts.push(evidence.message);
    if (evidence.kind === 'status') texts.push(evidence.value);
  }
  return texts;
}

function conditionHolds(symptom: Symptom, key: string, pattern: string): boolean {
  if (key === 'message') return messageTexts(symptom).some((text) => matchesPattern(pattern, text));
  // Own params only: a `when` key such as `constructor` must not find something on the prototype.
  if (!Object.hasOwn(symptom.params, key)) return false;
  const value = symptom.params[key];
  return value !== undefined && matchesPattern(pattern, paramText(value));
}

/** Type equal and every `when` condition true; text-only runbooks (no type) never match here. */
export function matchesSymptom(runbook: Runbook, symptom: Symptom): boolean {
  return (
    runbook.symptom.type !== undefined &&
    runbook.symptom.type === symptom.type &&
    Object.entries(runbook.symptom.when).every(([key, pattern]) => conditionHolds(symptom, key, pattern))
  );
}

/** The runbooks that apply to the app: what GET /api/v1/runbooks lists for it. */
export function runbooksForApp(runbooks: readonly Runbook[], app: ScopedApplication): Runbook[] {
  return runbooks.filter((runbook) => inScope(runbook, app));
}

/** Runbooks in scope with only a text: offered to the LLM once no structured runbook matched. */
export function freeTextCandidates(runbooks: readonly Runbook[], app: ScopedApplication): Runbook[] {
  return runbooksForApp(runbooks, app).filter(
    (runbook) => runbook.symptom.type === undefined && runbook.symptom.text !== undefined,
  );
}

/** More `when` conditions first (the more specific runbook), then by id. */
function bySpecificity(a: Runbook, b: Runbook): number {
  const conditions = Object.keys(b.symptom.when).length - Object.keys(a.symptom.when).length;
  return conditions || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Picks the runbook for a diagnosis (DESIGN.md, "Runbooks"): symptoms are tried in the given rank
 * order, primary first, and the first one any in-scope runbook matches decides. Of the runbooks
 * matching it, the most specific wins and the others are its alternatives.
 */
export function matchRunbook(
  symptoms: readonly Symptom[],
  runbooks: readonly Runbook[],
  app: ScopedApplication,
): RunbookMatch | null {
  const candidates = runbooksForApp(runbooks, app);
  for (const symptom of symptoms) {
    const [runbook, ...alternatives] = candidates
      .filter((candidate) => matchesSymptom(candidate, symptom))
      .sort(bySpecificity);
    if (runbook) return { runbook, symptom, alternatives };
  }
  return null;
}
