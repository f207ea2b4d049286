import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { ConfigMap } from '../../backend/src/kube/objects.js';
import { parseRunbookConfigMaps } from '../../backend/src/runbooks/parse.js';
import { describeProblem } from '../../backend/src/runbooks/problems.js';
import { type ActionName, ActionSchemas, RunbookSchema } from '../../backend/src/runbooks/schema.js';
import { schemaErrors } from '../../backend/src/validation.js';
import { scenariosDir } from '../detectors/fixture-snapshot.js';
import { objectsFromFiles } from '../support/snapshot.js';
import { REGISTRY_RUNBOOK, runbookConfigMap } from './runbook-config-maps.js';
import { scenarioIds } from './scenario-diagnosis.js';

/** Every runbook text recorded in the scenarios, and the one of DESIGN.md. */
const realRunbooks: string[] = [
  REGISTRY_RUNBOOK,
  ...scenarioIds.flatMap((id) =>
    objectsFromFiles(join(scenariosDir, id, 'cluster', 'runbooks.yaml')).flatMap((object) =>
      Object.values((object as ConfigMap).data ?? {}),
    ),
  ),
];

const realRunbook = fc.constantFrom(...realRunbooks);

/** Text edits that break YAML the ways people do: cut, paste, stray tokens, moved lines. */
const editedRunbook = fc
  .tuple(
    realRunbook,
    fc.nat(),
    fc.nat({ max: 40 }),
    fc.oneof(
      fc.string(),
      fc.constantFrom(
        ':',
        '- ',
        '{',
        '}',
        '[',
        '"',
        "'",
        '\n  ',
        '\t',
        '*a',
        '&a ',
        '!!binary ',
        '? ',
        '|',
        '#',
        '\u0000',
      ),
    ),
  )
  .map(([text, at, length, insert]) => {
    const start = at % (text.length + 1);
    return text.slice(0, start) + insert + text.slice(start + length);
  });

const lineSwappedRunbook = fc.tuple(realRunbook, fc.nat(), fc.nat()).map(([text, a, b]) => {
  const lines = text.split('\n');
  const i = a % lines.length;
  const j = b % lines.length;
  [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
  return lines.join('\n');
});

/** Every path to a value inside a document: ['symptom', 'when', 'registry'], ['solution', 'actions', 0]. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value))
    return value.flatMap((item, index) => [[...prefix, index], ...pathsOf(item, [...prefix, index])]);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [
      [...prefix, key],
      ...pathsOf(item, [...prefix, key]),
    ]);
  }
  return [];
}

const REMOVE = Symbol('remove');

/** A real runbook with one value replaced by arbitrary JSON, or removed, written back as YAML. */
const restructuredRunbook = fc
  .tuple(realRunbook, fc.nat(), fc.oneof(fc.jsonValue(), fc.constant(REMOVE)))
  .map(([text, pick, replacement]) => {
    const document = parse(text) as Record<string, unknown>;
    const paths = pathsOf(document);
    const path = paths[pick % paths.length] ?? [];
    const parent = path
      .slice(0, -1)
      .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], document);
    const key = path.at(-1);
    if (key !== undefined && parent !== null && typeof parent === 'object') {
      if (replacement === REMOVE) {
        if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
        else delete (parent as Record<string, unknown>)[key];
      } else {
        (parent as Record<string | number, unknown>)[key] = replacement;
      }
    }
    return stringify(document);
  });

const dataValue = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.jsonValue().map((value) => stringify(value)),
  realRunbook,
  editedRunbook,
  lineSwappedRunbook,
  restructuredRunbook,
  fc.jsonValue(),
);

const data = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), dataValue, { maxKeys: 5 }),
  },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.jsonValue() },
);

const configMaps = fc
  .uniqueArray(
    fc.record({
      namespace: fc.constantFrom('argocd', 'platform'),
      name: fc.constantFrom('a', 'b', 'c', 'd'),
      data,
    }),
    { maxLength: 4, selector: (item) => `${item.namespace}/${item.name}` },
  )
  .map((items) => items.map((item) => runbookConfigMap(item.name, item.data, item.namespace)));

/** Each data key gives one runbook or one problem; a ConfigMap with no data key gives one problem. */
function outcomesOf(list: readonly ConfigMap[]): number {
  return list.reduce((total, configMap) => {
    const value: unknown = configMap.data;
    const keys =
      value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value).length : 0;
    return total + Math.max(keys, 1);
  }, 0);
}

describe('parseRunbookConfigMaps on arbitrary input', () => {
  it('never throws, and accounts for every data key with one runbook or one problem', () => {
    fc.assert(
      fc.property(configMaps, (list) => {
        const { runbooks, problems } = parseRunbookConfigMaps(list);
        expect(runbooks.length + problems.length).toBe(outcomesOf(list));
        for (const problem of problems) expect(describeProblem(problem)).toContain(problem.message);
      }),
      { numRuns: 300 },
    );
  });

  it('gives only runbooks the schemas accept, with unique ids', () => {
    fc.assert(
      fc.property(configMaps, (list) => {
        const { runbooks } = parseRunbookConfigMaps(list);
        for (const { source: _source, solution, ...rest } of runbooks) {
          // A runbook without actions has an empty list, which a runbook document may not spell out.
          const document = {
            ...rest,
            solution: solution.actions.length > 0 ? solution : { text: solution.text },
          };
          expect(schemaErrors(RunbookSchema, document)).toEqual([]);
          for (const action of solution.actions) {
            const [name, ...others] = Object.keys(action) as ActionName[];
            expect(others).toEqual([]);
            expect(
              name && schemaErrors(ActionSchemas[name], (action as Record<string, unknown>)[name]),
            ).toEqual([]);
          }
        }
        expect(new Set(runbooks.map((runbook) => runbook.id)).size).toBe(runbooks.length);
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same answer whatever order the ConfigMaps come in', () => {
    fc.assert(
      fc.property(
        configMaps.chain((list) =>
          fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length })),
        ),
        ([list, shuffled]) => {
          expect(parseRunbookConfigMaps(shuffled)).toEqual(parseRunbookConfigMaps(list));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('reads every real runbook it mutates without a problem', () => {
    expect(realRunbooks.length).toBeGreaterThan(30);
    for (const text of realRunbooks) {
      expect(
        parseRunbookConfigMaps([runbookConfigMap('runbooks', { 'runbook.yaml': text })]).problems,
      ).toEqual([]);
    }
  });
});
