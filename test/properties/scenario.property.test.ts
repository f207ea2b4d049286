import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { readScenario } from '../../backend/src/sandbox/scenario/read-scenario.js';
import { ScenarioError } from '../../backend/src/sandbox/scenario/scenario-error.js';
import { weirdText } from './support/arbitraries.js';

const original = join(import.meta.dirname, '..', 'scenarios', 'image-registry-mirror');

/** Files a scenario author writes, and a few they should not. */
const files = [
  'scenario.yaml',
  'cluster/application.yaml',
  'cluster/workloads.yaml',
  'cluster/extra.yaml',
  'healed/application.yaml',
  'logs/shop/web-0/web.log',
  'logs/shop/no-such-pod/web.log',
  'logs/shop/web-0/Not A Container.log',
  'history/01-first',
];

const scenarioLike = fc.oneof(
  fc.record(
    {
      description: fc.oneof(fc.string(), fc.jsonValue({ maxDepth: 1 })),
      application: fc.oneof(fc.constant('argocd/shop-web'), weirdText(20), fc.jsonValue({ maxDepth: 1 })),
      target: fc.jsonValue({ maxDepth: 2 }),
      mode: fc.oneof(fc.constantFrom('auto', 'approve', 'off'), weirdText(8)),
      expect: fc.jsonValue({ maxDepth: 3 }),
      git: fc.jsonValue({ maxDepth: 2 }),
    },
    { requiredKeys: [] },
  ),
  fc.jsonValue({ maxDepth: 3 }),
);

const content = fc.oneof(
  scenarioLike.map((value) => stringify(value)),
  fc.jsonValue({ maxDepth: 3 }).map((value) => stringify(value)),
  weirdText(300),
  fc.constantFrom(
    'apiVersion: v1\nkind: Pod\n',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: web-0, namespace: shop}\nspec: 7\n',
    'kind: Application\napiVersion: argoproj.io/v1alpha1\nmetadata: {name: shop-web, namespace: argocd}\nspec: "x"\n',
    '--- [\n',
    'a: *undefined\n',
  ),
);

describe('scenario files, whatever they hold', () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'ai-sre-scenario-property-'));
  });
  afterAll(async () => rm(work, { recursive: true, force: true }));

  it('read as a scenario or fail with a ScenarioError naming the file and what is wrong', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...files), content), { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        async (edits, dropRepo) => {
          const dir = join(work, `run-${run++}`, 'scenario');
          await cp(original, dir, { recursive: true });
          if (dropRepo) await rm(join(dir, 'repo'), { recursive: true, force: true });
          for (const [file, text] of edits) {
            await mkdir(dirname(join(dir, file)), { recursive: true });
            await writeFile(join(dir, file), text);
          }
          try {
            await readScenario(dir);
          } catch (error) {
            expect(error, String(error)).toBeInstanceOf(ScenarioError);
            expect((error as ScenarioError).problem.trim()).not.toBe('');
            expect((error as Error).message).toContain(dir);
          } finally {
            await rm(dirname(dir), { recursive: true, force: true });
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
