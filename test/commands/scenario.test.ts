import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../backend/src/commands/scenario.js';

const root = join(import.meta.dirname, '..', '..');
const scenariosDir = join(root, 'test', 'scenarios');
const scenarioIds = (await readdir(scenariosDir)).sort();

function cli(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(root, 'backend/src/cli.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('every recorded scenario passes its primary and symptoms checks', () => {
  it('holds at least 15 scenarios', () => {
    expect(scenarioIds.length).toBeGreaterThanOrEqual(15);
  });

  for (const id of scenarioIds) {
    it(id, async () => {
      const report = await runScenario(join(scenariosDir, id));
      const failed = report.checks.filter((check) => !check.ok);
      expect(failed, JSON.stringify(report.symptoms, null, 2)).toEqual([]);
      expect(report.ok).toBe(true);
    });
  }
});

describe('runbook choice in scenarios', () => {
  it('prefers the more specific of two matching runbooks and reports the other as an alternative', async () => {
    const report = await runScenario(join(scenariosDir, 'readiness-wrong-port'));
    expect(report).toMatchObject({
      runbook: 'storefront-readiness-http-port',
      alternatives: ['readiness-probe-more-time'],
    });
  });

  it('matches no runbook whose scope leaves the app out, even when its type and conditions hold', async () => {
    const report = await runScenario(join(scenariosDir, 'quota-exceeded-failedcreate'));
    expect(report).toMatchObject({ primary: 'FailedCreate', runbook: null, ok: true });
  });
});

describe('argocd-ai-sre scenario', () => {
  const work = mkdtemp(join(tmpdir(), 'scenario-cli-'));
  afterAll(async () => rm(await work, { recursive: true, force: true }));

  it('exits 0 and prints the checks of a passing scenario', () => {
    const result = cli('scenario', 'test/scenarios/image-registry-mirror');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('1. ImagePullBackOff');
    expect(result.stdout).toContain('runbook: registry-a-to-b');
    expect(result.stdout).toContain('ok: 9 of 9 checks passed');
  });

  it('prints one JSON object with --json', () => {
    const result = cli('scenario', 'test/scenarios/oom-raise-memory', '--json');
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({
      scenario: 'oom-raise-memory',
      primary: 'OOMKilled',
      runbook: 'oom-double-memory-limit',
      alternatives: [],
      plan: [
        {
          object: 'Deployment imaging/image-resizer',
          path: 'spec.template.spec.containers[name=resizer].resources.limits.memory',
          from: '256Mi',
          to: '512Mi',
        },
      ],
      ok: true,
    });
    expect(report.symptoms[0]).toMatchObject({
      type: 'OOMKilled',
      resource: expect.stringMatching(/^Pod imaging\//),
    });
  });

  it('exits 1 when a check fails', async () => {
    const dir = join(await work, 'wrong-expectation');
    await cp(join(scenariosDir, 'oom-raise-memory'), dir, { recursive: true });
    const spec = join(dir, 'scenario.yaml');
    await writeFile(
      spec,
      (await readFile(spec, 'utf8')).replace('primary: OOMKilled', 'primary: CrashLoopBackOff'),
    );
    const result = cli('scenario', dir);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('FAIL primary: expected CrashLoopBackOff, found OOMKilled');
  });

  it('exits 2 naming the file of a broken cluster/ YAML', async () => {
    const dir = join(await work, 'broken-yaml');
    await cp(join(scenariosDir, 'image-registry-mirror'), dir, { recursive: true });
    await writeFile(join(dir, 'cluster', 'events.yaml'), 'apiVersion: v1\nkind: [Event\n');
    const result = cli('scenario', dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^invalid scenario: .*broken-yaml\/cluster\/events\.yaml: line \d+: /);
  });

  it('exits 2 with the usage for a missing directory argument', () => {
    const result = cli('scenario');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('scenario takes exactly one scenario directory');
  });
});
