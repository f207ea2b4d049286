import { isDeepStrictEqual } from 'node:util';
import { parseAllDocuments } from 'yaml';
import type { Diagnosis } from '../../diagnosis/diagnosis.js';
import { parseFieldPath, valueAt } from '../../runbooks/plan/field-path.js';
import type { FixExpectation, ScenarioSpec } from './schema.js';

export interface ScenarioCheck {
  name: string;
  ok: boolean;
  detail: string;
}

/** Compares a diagnosis with what scenario.yaml expects of it: the primary symptom, the symptoms, the runbook. */
export function diagnosisChecks(expect: ScenarioSpec['expect'], diagnosis: Diagnosis): ScenarioCheck[] {
  const found = diagnosis.symptoms.map((symptom) => symptom.type);
  const primary = diagnosis.primary?.type ?? null;
  const checks: ScenarioCheck[] = [
    {
      name: 'primary',
      ok: primary === expect.primary,
      detail: `expected ${expect.primary ?? 'no symptom'}, found ${primary ?? 'no symptom'}`,
    },
  ];
  if (expect.runbook !== undefined) {
    const chosen = diagnosis.runbook?.id ?? null;
    checks.push({
      name: 'runbook',
      ok: chosen === expect.runbook,
      detail: `expected ${expect.runbook ?? 'no runbook'}, matched ${chosen ?? 'none'}`,
    });
  }
  for (const type of expect.symptoms) {
    checks.push({
      name: `symptom ${type}`,
      ok: found.includes(type),
      detail: found.includes(type) ? 'detected' : `not detected (found: ${found.join(', ') || 'nothing'})`,
    });
  }
  return checks;
}

/** What the Git writer made of a scenario's fix plan, and the files the expectations look at. */
export interface FixOutcome {
  /** Whether a change was proposed (and, with --apply, committed). */
  proposed: boolean;
  /** Why the Git writer proposed nothing although the diagnosis had a plan. */
  failure?: string;
  /** Repository files after the change (or as they are, when none), by path; absent files missing. */
  after: ReadonlyMap<string, string>;
  /** The same files before the change. */
  before: ReadonlyMap<string, string>;
}

function documentFor(text: string, select: FixExpectation['select']): unknown {
  const documents = parseAllDocuments(text).map((document) => document.toJS() as unknown);
  const candidates = documents.filter((value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const object = value as { kind?: unknown; metadata?: { name?: unknown } };
    return (
      (!select?.kind || object.kind === select.kind) &&
      (!select?.name || object.metadata?.name === select.name)
    );
  });
  return candidates[0];
}

function fixCheck(expectation: FixExpectation, outcome: FixOutcome): ScenarioCheck {
  const name = `fix ${expectation.file} ${expectation.path}`;
  if (!outcome.proposed) {
    return {
      name,
      ok: false,
      detail: `no change was proposed${outcome.failure ? `: ${outcome.failure}` : ''}`,
    };
  }
  const text = outcome.after.get(expectation.file);
  if (text === undefined)
    return { name, ok: false, detail: `${expectation.file} does not exist after the change` };
  const document = documentFor(text, expectation.select);
  if (document === undefined) {
    return {
      name,
      ok: false,
      detail: `${expectation.file} has no document ${JSON.stringify(expectation.select ?? {})}`,
    };
  }
  const found = valueAt(document, parseFieldPath(expectation.path));
  const ok = isDeepStrictEqual(found, expectation.equals);
  return {
    name,
    ok,
    detail: `expected ${JSON.stringify(expectation.equals)}, found ${found === undefined ? 'nothing' : JSON.stringify(found)}`,
  };
}

/**
 * Compares the change the Git writer made with what scenario.yaml expects of it: each `fix`
 * expectation holds in the changed files (no `fix` at all: no change may be proposed), and each
 * `unchanged` file keeps its bytes.
 */
export function fixChecks(expect: ScenarioSpec['expect'], outcome: FixOutcome): ScenarioCheck[] {
  const expectations = expect.fix ?? [];
  const checks: ScenarioCheck[] =
    expectations.length > 0
      ? expectations.map((expectation) => fixCheck(expectation, outcome))
      : [
          {
            name: 'fix: no change',
            ok: !outcome.proposed,
            detail: outcome.proposed ? 'a change was proposed' : 'no change proposed',
          },
        ];
  for (const file of expect.unchanged ?? []) {
    const before = outcome.before.get(file);
    const after = outcome.after.get(file);
    checks.push({
      name: `unchanged ${file}`,
      ok: before !== undefined && before === after,
      detail:
        before === undefined
          ? 'not in the repository'
          : before === after
            ? 'byte-identical'
            : after === undefined
              ? 'deleted'
              : 'changed',
    });
  }
  return checks;
}
