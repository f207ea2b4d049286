import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readScenario } from '../../../backend/src/sandbox/scenario/read-scenario.js';
import { ScenarioError } from '../../../backend/src/sandbox/scenario/scenario-error.js';

const scenariosDir = join(import.meta.dirname, '..', '..', 'scenarios');

describe('readScenario', () => {
  it('reads a recorded scenario with its objects, logs and trees', async () => {
    const scenario = await readScenario(join(scenariosDir, 'oom-raise-memory'));
    expect(scenario.id).toBe('oom-raise-memory');
    expect(scenario.application.metadata.name).toBe('image-resizer');
    expect(scenario.spec.expect.primary).toBe('OOMKilled');
    expect(
      scenario.objects.some(
        ({ object, file }) => object.kind === 'Deployment' && file === 'cluster/workloads.yaml',
      ),
    ).toBe(true);
    expect(scenario.logs).toContainEqual(
      expect.objectContaining({ namespace: 'imaging', container: 'resizer', previous: true }),
    );
    expect(scenario.trees.map((tree) => tree.message)).toEqual(['synced revision']);
    expect(scenario.healed.length).toBeGreaterThan(0);
    expect(scenario.branch).toBe('main');
  });

  it('accepts every scenario in test/scenarios', async () => {
    for (const id of await readdir(scenariosDir)) {
      await expect(readScenario(join(scenariosDir, id)), id).resolves.toMatchObject({ id });
    }
  });
});

describe('readScenario rejects an invalid scenario, naming the file and field', () => {
  let work: string;
  let copies = 0;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'scenario-invalid-'));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  async function brokenCopy(breakIt: (dir: string) => Promise<void>): Promise<ScenarioError> {
    const dir = join(work, `copy-${copies++}`);
    await cp(join(scenariosDir, 'image-registry-mirror'), dir, { recursive: true });
    await breakIt(dir);
    const error = await readScenario(dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ScenarioError);
    return error as ScenarioError;
  }

  const replaceIn = async (file: string, from: string, to: string) => {
    const text = await readFile(file, 'utf8');
    expect(text).toContain(from);
    await writeFile(file, text.replace(from, to));
  };

  const cases: [string, (dir: string) => Promise<void>, RegExp][] = [
    [
      'broken YAML in cluster/',
      (dir) => replaceIn(join(dir, 'cluster', 'workloads.yaml'), 'kind: Deployment', 'kind: [Deployment'),
      /\/cluster\/workloads\.yaml: line \d+: /,
    ],
    [
      'an object without a kind',
      (dir) => replaceIn(join(dir, 'cluster', 'workloads.yaml'), 'kind: Deployment', 'kindx: Deployment'),
      /\/cluster\/workloads\.yaml: document 1\.kind: required$/,
    ],
    [
      'an unknown symptom type',
      (dir) =>
        replaceIn(join(dir, 'scenario.yaml'), 'primary: ImagePullBackOff', 'primary: ImagePullBackoff'),
      /\/scenario\.yaml: expect\.primary: must be one of: ImagePullBackOff, /,
    ],
    [
      'an unknown field',
      (dir) => replaceIn(join(dir, 'scenario.yaml'), 'mode: auto', 'mode: auto\nmoode: auto'),
      /\/scenario\.yaml: unknown field: moode$/,
    ],
    [
      'an Application that is not in cluster/',
      (dir) =>
        replaceIn(join(dir, 'scenario.yaml'), 'application: argocd/shop-web', 'application: argocd/shop-api'),
      /\/scenario\.yaml: application: no Application argocd\/shop-api in cluster\/\*\.yaml$/,
    ],
    [
      'a log of a pod that is not in cluster/',
      async (dir) => {
        await mkdir(join(dir, 'logs', 'shop', 'ghost-pod'), { recursive: true });
        await writeFile(join(dir, 'logs', 'shop', 'ghost-pod', 'web.log'), 'hello\n');
      },
      /\/logs\/shop\/ghost-pod\/web\.log: no Pod shop\/ghost-pod in cluster\/$/,
    ],
    [
      'an unchanged file missing from repo/',
      (dir) => replaceIn(join(dir, 'scenario.yaml'), 'base/service.yaml', 'base/services.yaml'),
      /\/scenario\.yaml: expect\.unchanged\[1\]: base\/services\.yaml is not in repo\/$/,
    ],
    ['no repo/', (dir) => rm(join(dir, 'repo'), { recursive: true }), /\/repo\/: missing/],
  ];

  for (const [name, breakIt, message] of cases) {
    it(name, async () => {
      expect((await brokenCopy(breakIt)).message).toMatch(message);
    });
  }
});
