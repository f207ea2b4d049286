import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePushOutcome } from '../../../backend/src/gitops/commit/push.js';
import { GitOpsError } from '../../../backend/src/gitops/index.js';
import { runCommand } from '../../../backend/src/support/run-command.js';
import {
  ARGOCD,
  DEPLOYMENT,
  deployedFrom,
  type GitSandbox,
  plan,
  startGitSandbox,
} from '../support/git-sandbox.js';

const MEMORY = 'spec.template.spec.containers[name=web].resources.limits.memory';
const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports: [{port: 80}]\n';
const META = { app: 'argocd/shop-web', symptom: 'OOMKilled', runbook: 'oom' };

let sandbox: GitSandbox;
beforeAll(async () => {
  sandbox = await startGitSandbox();
});
afterAll(async () => sandbox.close());

async function setUp(path: string) {
  const repo = await sandbox.repositoryWithSecret(path, [
    { 'deploy/deployment.yaml': DEPLOYMENT, 'deploy/service.yaml': SERVICE },
  ]);
  return { repo, app: deployedFrom(repo.repoURL) };
}

/** A commit on top of `base` changing the Service, left on branch `parked` of the repository. */
async function parkedCommit(bareDir: string): Promise<string> {
  const work = join(sandbox.work, `park-${Date.now()}`);
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Someone',
    GIT_AUTHOR_EMAIL: 'someone@example.com',
    GIT_COMMITTER_NAME: 'Someone',
    GIT_COMMITTER_EMAIL: 'someone@example.com',
  };
  await runCommand('git', ['clone', '--quiet', bareDir, work], { env });
  await writeFile(join(work, 'deploy/service.yaml'), SERVICE.replace('port: 80', 'port: 8080'));
  await runCommand('git', ['commit', '--quiet', '-am', 'Service on 8080'], { cwd: work, env });
  await runCommand('git', ['push', '--quiet', 'origin', 'HEAD:refs/heads/parked'], { cwd: work, env });
  return (await runCommand('git', ['rev-parse', 'HEAD'], { cwd: work })).stdout.trim();
}

describe('committing when the branch moves', () => {
  it('lands both of two fixes racing on one branch, the second re-applied on the first', async () => {
    const { repo, app } = await setUp('race/both');
    const [first, second] = [await sandbox.writer(), await sandbox.writer()];
    const memory = await first.propose({
      application: app,
      plan: plan([{ path: MEMORY, from: '256Mi', to: '512Mi' }]),
      argocdNamespace: ARGOCD,
    });
    const replicas = await second.propose({
      application: app,
      plan: plan([{ path: 'spec.replicas', from: 2, to: 3 }]),
      argocdNamespace: ARGOCD,
    });
    expect(replicas.baseCommit).toBe(memory.baseCommit);
    const results = await Promise.all([
      first.commit(memory, { ...META, remediationId: 'race-1' }),
      second.commit(replicas, { ...META, remediationId: 'race-2' }),
    ]);
    expect(results.map((result) => result.mode)).toEqual(['push', 'push']);
    const text = await sandbox.git(repo.bareDir, 'show', 'main:deploy/deployment.yaml');
    expect(text).toBe(
      DEPLOYMENT.replace('replicas: 2', 'replicas: 3').replace('memory: 256Mi', 'memory: 512Mi'),
    );
    expect((await sandbox.git(repo.bareDir, 'rev-list', '--count', 'main')).trim()).toBe('3');
  });

  it('fetches and re-applies the edit when a push is rejected because the branch moved meanwhile', async () => {
    const { repo, app } = await setUp('race/rejected');
    const parked = await parkedCommit(repo.bareDir);
    // Between the writer's fetch and its push, someone else's commit lands on main.
    const hooks = join(sandbox.work, 'hooks-rejected');
    await mkdir(hooks, { recursive: true });
    const marker = join(hooks, 'moved');
    await writeFile(
      join(hooks, 'pre-push'),
      `#!/bin/sh\n[ -e '${marker}' ] && exit 0\ntouch '${marker}'\ngit --git-dir='${repo.bareDir}' update-ref refs/heads/main ${parked}\n`,
    );
    await chmod(join(hooks, 'pre-push'), 0o755);
    const writer = await sandbox.writer({
      gitEnv: {
        ...sandbox.gitEnv,
        GIT_CONFIG_COUNT: '2',
        GIT_CONFIG_KEY_1: 'core.hooksPath',
        GIT_CONFIG_VALUE_1: hooks,
      },
    });
    const change = await writer.propose({
      application: app,
      plan: plan([{ path: MEMORY, from: '256Mi', to: '512Mi' }]),
      argocdNamespace: ARGOCD,
    });
    const result = await writer.commit(change, { ...META, remediationId: 'r-rejected' });
    expect(result.mode).toBe('push');
    expect((await sandbox.git(repo.bareDir, 'rev-parse', 'main')).trim()).toBe(result.commit);
    expect((await sandbox.git(repo.bareDir, 'rev-parse', 'main~1')).trim()).toBe(parked);
    expect(await sandbox.git(repo.bareDir, 'show', 'main:deploy/service.yaml')).toContain('port: 8080');
    expect(await sandbox.git(repo.bareDir, 'show', 'main:deploy/deployment.yaml')).toContain('memory: 512Mi');
  });

  it('refuses a fix whose edit no longer does what was proposed, and leaves the branch as it is', async () => {
    const { repo, app } = await setUp('race/conflict');
    const [first, second] = [await sandbox.writer(), await sandbox.writer()];
    const double = await first.propose({
      application: app,
      plan: plan([{ path: MEMORY, from: '256Mi', to: '512Mi' }]),
      argocdNamespace: ARGOCD,
    });
    const quadruple = await second.propose({
      application: app,
      plan: plan([{ path: MEMORY, from: '256Mi', to: '1Gi' }]),
      argocdNamespace: ARGOCD,
    });
    const landed = await first.commit(double, { ...META, remediationId: 'c-1' });
    await expect(second.commit(quadruple, { ...META, remediationId: 'c-2' })).rejects.toThrow(
      new GitOpsError(
        'conflict',
        `${repo.repoURL} moved from ${repo.head.slice(0, 12)} to ${landed.commit.slice(0, 12)} and the fix no longer changes deploy/deployment.yaml as proposed; propose it again`,
      ),
    );
    expect((await sandbox.git(repo.bareDir, 'rev-parse', 'main')).trim()).toBe(landed.commit);
  });
});

describe('parsePushOutcome', () => {
  it('tells a stale base from a refusal', () => {
    const line = (summary: string) =>
      `To https://git.example.com/x.git\n!\tHEAD:refs/heads/main\t${summary}\nDone\n`;
    expect(parsePushOutcome('To x\n \tHEAD:refs/heads/main\tabc..def\nDone\n', 'refs/heads/main')).toEqual({
      kind: 'pushed',
    });
    expect(parsePushOutcome(line('[rejected] (fetch first)'), 'refs/heads/main')).toMatchObject({
      kind: 'stale',
    });
    expect(
      parsePushOutcome(line('[remote rejected] (failed to update ref)'), 'refs/heads/main'),
    ).toMatchObject({ kind: 'stale' });
    expect(
      parsePushOutcome(line('[remote rejected] (pre-receive hook declined)'), 'refs/heads/main'),
    ).toEqual({
      kind: 'refused',
      detail: '[remote rejected] (pre-receive hook declined)',
    });
    expect(parsePushOutcome('fatal: Authentication failed', 'refs/heads/main')).toBeUndefined();
  });
});
