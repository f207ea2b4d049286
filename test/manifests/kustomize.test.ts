import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCommand } from '../../backend/src/support/run-command.js';
import {
  findObject,
  fixturesDir,
  parseObjects,
  type RenderedObject,
  renderKustomization,
  repoRoot,
} from './render.js';
import { schemaErrors } from './schema-validation.js';

interface KustomizationFile {
  kind?: string;
  resources?: string[];
  components?: string[];
  patches?: { path: string }[];
}

/** Every directory under `root` that holds a kustomization.yaml, with its parsed content. */
async function kustomizations(root: string): Promise<Map<string, KustomizationFile>> {
  const found = new Map<string, KustomizationFile>();
  for (const path of await readdir(root, { recursive: true })) {
    if (basename(path) === 'kustomization.yaml') {
      const file = join(root, path);
      found.set(dirname(file), parse(await readFile(file, 'utf8')) as KustomizationFile);
    }
  }
  return found;
}

const manifestsDir = join(repoRoot, 'manifests');
const isComponent = (file: KustomizationFile) => file.kind === 'Component';

describe('manifests/', () => {
  let ours: Map<string, KustomizationFile>;
  let fixtures: Map<string, KustomizationFile>;
  const rendered = new Map<string, RenderedObject[]>();

  beforeAll(async () => {
    [ours, fixtures] = await Promise.all([kustomizations(manifestsDir), kustomizations(fixturesDir)]);
    const renderable = [...ours].filter(([, file]) => !isComponent(file)).map(([dir]) => dir);
    for (const dir of [...renderable, ...fixtures.keys()]) rendered.set(dir, await renderKustomization(dir));
  });

  it('renders every kustomization, and renders every component inside a fixture that uses it', () => {
    expect([...ours.keys()].map((dir) => relative(manifestsDir, dir)).sort()).toEqual([
      'argocd',
      'base',
      'components/secret-keys',
      'components/servicemonitor',
      'examples/runbooks',
    ]);
    const used = new Set(
      [...fixtures].flatMap(([dir, file]) =>
        (file.components ?? []).map((component) => resolve(dir, component)),
      ),
    );
    for (const [dir, file] of ours) {
      if (isComponent(file)) expect(used, `${relative(repoRoot, dir)} is used by no fixture`).toContain(dir);
    }
    for (const [dir, objects] of rendered) expect(objects.length, relative(repoRoot, dir)).toBeGreaterThan(0);
  });

  it('renders only objects the Kubernetes API accepts: required fields present, no unknown field', async () => {
    for (const [dir, objects] of rendered) {
      for (const object of objects) {
        const where = `${relative(repoRoot, dir)}: ${object.kind} ${object.metadata.name}`;
        expect(await schemaErrors(object), where).toEqual([]);
      }
    }
  });

  it('finds a field the API does not know, and a required field that is missing', async () => {
    const service = findObject(rendered.get(join(manifestsDir, 'base')) ?? [], 'Service', 'argocd-ai-sre');
    const typo = structuredClone(service);
    (typo.spec as Record<string, unknown>).selectors = {};
    expect(await schemaErrors(typo)).toEqual(['Service.spec.selectors is not a field of V1ServiceSpec']);
    const portless = structuredClone(service);
    delete ((portless.spec as { ports: Record<string, unknown>[] }).ports[0] as Record<string, unknown>).port;
    expect((await schemaErrors(portless)).join('\n')).toMatch(/port/);
  });

  it('gives a user who patches with kubectl what the component gives a kustomize user', async () => {
    const componentDir = join(manifestsDir, 'argocd');
    const fixtureDir = join(fixturesDir, 'argocd-install');
    const stubs = parseObjects(await readFile(join(fixtureDir, 'argocd.yaml'), 'utf8'));
    const withComponent = rendered.get(fixtureDir) ?? [];
    const patches = ours.get(componentDir)?.patches ?? [];
    expect(patches.length).toBe(4);
    const work = await mkdtemp(join(tmpdir(), 'argocd-patch-'));
    try {
      for (const { path } of patches) {
        const patchFile = join(componentDir, path);
        const [patch] = parseObjects(await readFile(patchFile, 'utf8'));
        if (!patch) throw new Error(`${path} is empty`);
        // What `kubectl -n argocd patch <kind> <name> --patch-file <file>` does to the live object.
        const live = join(work, path);
        await writeFile(live, JSON.stringify(findObject(stubs, patch.kind, patch.metadata.name)));
        const args = ['patch', '--local', '-f', live, '--type', 'strategic', '--patch-file', patchFile];
        const { stdout } = await runCommand('kubectl', [...args, '-o', 'json']);
        expect(JSON.parse(stdout), path).toEqual(findObject(withComponent, patch.kind, patch.metadata.name));
      }
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});
