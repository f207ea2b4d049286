import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { ConfigMap } from '../../backend/src/kube/objects.js';
import { parseRunbookConfigMaps } from '../../backend/src/runbooks/parse.js';
import { describeProblem } from '../../backend/src/runbooks/problems.js';
import { weirdText } from './support/arbitraries.js';

/** A valid runbook, as the examples write them; the properties break it in every way. */
const validRunbook = {
  id: 'registry-a-to-b',
  description: 'Registry A is flaky; the mirror B has the same images.',
  symptom: { type: 'ImagePullBackOff', when: { registry: 'registry-a.example.com', message: '/timeout/' } },
  solution: {
    text: 'Override registry A to registry B.',
    actions: [{ setImageRegistry: { from: 'registry-a.example.com', to: 'registry-b.example.com' } }],
  },
  automation: 'approve',
  scope: { projects: ['*'] },
  verify: { timeout: '10m', revertOnFailure: true },
};

const fieldPaths = [
  ['id'],
  ['symptom'],
  ['symptom', 'type'],
  ['symptom', 'when'],
  ['symptom', 'when', 'message'],
  ['solution'],
  ['solution', 'actions'],
  ['solution', 'actions', 0],
  ['solution', 'actions', 0, 'setImageRegistry'],
  ['automation'],
  ['scope'],
  ['scope', 'projects'],
  ['verify', 'timeout'],
  ['verify'],
  ['extra'],
] as const;

function withValueAt(path: readonly (string | number)[], value: unknown): unknown {
  const copy = structuredClone(validRunbook) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== 'object') return copy;
    node = next as Record<string | number, unknown>;
  }
  node[path[path.length - 1] as string | number] = value;
  return copy;
}

const strangeValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  weirdText(60),
  fc.constantFrom('/[unclosed/', '/(a+)+$/', '*', 'x2', '-1', '99999999999999999999h', 'setField'),
);

const runbookText = fc.oneof(
  {
    arbitrary: fc
      .tuple(fc.constantFrom(...fieldPaths), strangeValue)
      .map(([path, value]) => stringify(withValueAt(path, value))),
    weight: 6,
  },
  { arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => stringify(value)), weight: 2 },
  { arbitrary: weirdText(200), weight: 2 },
  {
    arbitrary: fc.constantFrom(
      'id: [',
      'a: &x\n  b: *x\n',
      '--- a\n--- b\n',
      '!!binary x',
      '? [a]\n: b',
      `a: ${'['.repeat(500)}`,
    ),
    weight: 1,
  },
);

const configMap = fc.record({
  namespace: fc.oneof(fc.constant('argocd'), weirdText(10)),
  name: fc.oneof(fc.constant('runbooks'), weirdText(10)),
  data: fc.oneof(
    { arbitrary: fc.dictionary(weirdText(12), runbookText, { maxKeys: 4 }), weight: 6 },
    { arbitrary: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 }), weight: 1 },
    { arbitrary: fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 1 })), weight: 1 },
  ),
});

describe('runbook ConfigMaps, whatever they hold', () => {
  it('never throw: each data key is a runbook or a problem whose message says what is wrong', () => {
    fc.assert(
      fc.property(fc.array(configMap, { maxLength: 4 }), (maps) => {
        const configMaps = maps.map(
          ({ namespace, name, data }) =>
            ({
              apiVersion: 'v1',
              kind: 'ConfigMap',
              metadata: { namespace, name },
              data,
            }) as unknown as ConfigMap,
        );
        const { runbooks, problems } = parseRunbookConfigMaps(configMaps);
        const outcomes = maps.reduce((sum, { data }) => {
          const keys =
            data !== null && typeof data === 'object' && !Array.isArray(data) ? Object.keys(data).length : 0;
          return sum + Math.max(1, keys);
        }, 0);
        expect(runbooks.length + problems.length).toBe(outcomes);
        for (const problem of problems) {
          expect(problem.message.trim()).not.toBe('');
          expect(describeProblem(problem).trim()).not.toBe('');
          expect(problem.message).not.toMatch(/\n\s+at /);
        }
      }),
      { numRuns: 400 },
    );
  });
});
