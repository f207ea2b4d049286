import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../../backend/src/commands/scenario.js';

const root = join(import.meta.dirname, '..', '..', '..');
const scenarios = join(root, 'test', 'scenarios');
const work = mkdtemp(join(tmpdir(), 'scenario-apply-'));
afterAll(async () => rm(await work, { recursive: true, force: true }));

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  const found: string[] = [];
  for (const entry of entries) if ((await stat(join(dir, entry))).isFile()) found.push(entry);
  return found.sort();
}

describe('argocd-ai-sre scenario --apply --out', () => {
  it('commits the fix through the sandbox Git server and writes the resulting tree', async () => {
    const out = join(await work, 'image-registry-mirror');
    const report = await runScenario(join(scenarios, 'image-registry-mirror'), { apply: true, out });
    expect(report.ok).toBe(true);
    expect(report.commit).toEqual({
      mode: 'push',
      commit: expect.stringMatching(/^[0-9a-f]{40}$/),
      branch: 'main',
    });
    expect(await files(out)).toEqual(await files(join(scenarios, 'image-registry-mirror', 'repo')));
    const original = await readFile(
      join(scenarios, 'image-registry-mirror', 'repo/overlays/prod/kustomization.yaml'),
      'utf8',
    );
    expect(await readFile(join(out, 'overlays/prod/kustomization.yaml'), 'utf8')).toBe(
      `${original}    newName: registry-b.example.com/shop/web\n`,
    );
    expect(await readFile(join(out, 'base/deployment.yaml'), 'utf8')).toBe(
      await readFile(join(scenarios, 'image-registry-mirror', 'repo/base/deployment.yaml'), 'utf8'),
    );
  });

  it('applies a revert of the newest commit of the app’s path', async () => {
    const report = await runScenario(join(scenarios, 'run-entrypoint-not-found'), { apply: true });
    expect(report.ok).toBe(true);
    expect(report.proposal?.changes.map((change) => change.file)).toEqual(['deploy/kustomization.yaml']);
  });

  it('prints the proposal’s diff and refuses --out without --apply', () => {
    const cli = (...args: string[]) =>
      spawnSync(
        process.execPath,
        ['--import', 'tsx', join(root, 'backend/src/cli.ts'), 'scenario', ...args],
        { cwd: root, encoding: 'utf8', timeout: 60_000 },
      );
    const shown = cli('test/scenarios/oom-raise-memory');
    expect(shown.status).toBe(0);
    expect(shown.stdout).toContain(
      'proposed change:\n--- a/manifests/deployment.yaml\n+++ b/manifests/deployment.yaml\n',
    );
    expect(shown.stdout).toContain(
      '+              memory: 512Mi # decoded images are held in memory while resizing',
    );
    const refused = cli('test/scenarios/oom-raise-memory', '--out', '/tmp/nowhere');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--out writes the tree after the fix is committed: it needs --apply');
  });
});
