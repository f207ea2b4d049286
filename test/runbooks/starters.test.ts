import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runScenario } from '../../backend/src/commands/scenario.js';
import type { ConfigMap } from '../../backend/src/kube/objects.js';
import { parseRunbookConfigMaps } from '../../backend/src/runbooks/parse.js';
import type { Runbook } from '../../backend/src/runbooks/schema.js';
import { readScenario } from '../../backend/src/sandbox/scenario/read-scenario.js';

const root = join(import.meta.dirname, '..', '..');
const startersDir = join(root, 'manifests', 'examples', 'runbooks');
const scenariosDir = join(root, 'test', 'scenarios');

const withoutSource = ({ source: _source, ...runbook }: Runbook) => runbook;

describe('starter runbooks in manifests/examples/runbooks', async () => {
  const files = (await readdir(startersDir)).filter((file) => file !== 'kustomization.yaml').sort();
  const scenarios = await Promise.all(
    (await readdir(scenariosDir)).sort().map((id) => readScenario(join(scenariosDir, id))),
  );

  it('are at least eight, all listed in the kustomization', async () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
    const kustomization = parse(await readFile(join(startersDir, 'kustomization.yaml'), 'utf8'));
    expect([...kustomization.resources].sort()).toEqual(files);
  });

  for (const file of files) {
    it(`${file} is valid and proven by a scenario that expects it`, async () => {
      const configMap = parse(await readFile(join(startersDir, file), 'utf8')) as ConfigMap;
      const { runbooks, problems } = parseRunbookConfigMaps([configMap]);
      expect(problems).toEqual([]);
      const [starter] = runbooks;
      if (!starter) throw new Error(`${file} holds no runbook`);
      const proving = scenarios.filter((scenario) => scenario.spec.expect.runbook === starter.id);
      expect(
        proving.map((scenario) => scenario.id),
        `no scenario expects ${starter.id}`,
      ).toHaveLength(1);
      const scenario = proving[0];
      if (!scenario) return;
      const scenarioRunbooks = parseRunbookConfigMaps(
        scenario.objects
          .filter(({ object }) => object.kind === 'ConfigMap')
          .map(({ object }) => object as ConfigMap),
      ).runbooks;
      const copy = scenarioRunbooks.find((runbook) => runbook.id === starter.id);
      expect(copy && withoutSource(copy)).toEqual(withoutSource(starter));
      expect((await runScenario(scenario.dir)).checks).toContainEqual(
        expect.objectContaining({ name: 'runbook', ok: true }),
      );
    });
  }
});
