import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitOpsError } from '../../../backend/src/gitops/index.js';
import type { FixPlan } from '../../../backend/src/runbooks/plan/index.js';
import { runCommand } from '../../../backend/src/support/run-command.js';
import {
  ARGOCD,
  DEPLOYMENT,
  deployedFrom,
  type Files,
  type GitSandbox,
  plan,
  startGitSandbox,
} from '../support/git-sandbox.js';

let sandbox: GitSandbox;
beforeAll(async () => {
  sandbox = await startGitSandbox();
});
afterAll(async () => sandbox.close());

const revertLastChange: FixPlan = { ...plan([], 'revert-bad-release'), revertLastChange: true };
const META = { app: 'argocd/shop-web', symptom: 'RunContainerError', runbook: 'revert-bad-release' };

async function setUp(path: string, commits: Files[]) {
  const repo = await sandbox.repositoryWithSecret(path, commits);
  return { repo, app: deployedFrom(repo.repoURL) };
}

describe('revertLastChange', () => {
  it('reverts the newest commit that touched the source path, fetching as much history as that takes', async () => {
    const bad = DEPLOYMENT.replace('1.0.0', '1.1.0');
    const later = Array.from({ length: 40 }, (_, index) => ({ 'docs/changelog.md': `entry ${index}\n` }));
    const { repo, app } = await setUp('history/deep', [
      { 'deploy/deployment.yaml': DEPLOYMENT, 'docs/changelog.md': 'start\n' },
      { 'deploy/deployment.yaml': bad },
      ...later,
    ]);
    const badCommit = (await sandbox.git(repo.bareDir, 'rev-parse', 'main~40')).trim();
    const writer = await sandbox.writer();
    const change = await writer.propose({
      application: app,
      plan: revertLastChange,
      argocdNamespace: ARGOCD,
    });
    expect(change.reverts).toEqual({ commit: badCommit, subject: 'commit 2' });
    expect(change.files.map((file) => [file.path, file.after])).toEqual([
      ['deploy/deployment.yaml', DEPLOYMENT],
    ]);
    const result = await writer.commit(change, { ...META, remediationId: 'rv-1' });
    expect(await sandbox.git(repo.bareDir, 'show', 'main:deploy/deployment.yaml')).toBe(DEPLOYMENT);
    expect(await sandbox.git(repo.bareDir, 'log', '-1', '--format=%B', result.commit)).toBe(
      [
        'argocd/shop-web: revert "commit 2" (RunContainerError)',
        '',
        'Argo CD application argocd/shop-web shows RunContainerError; runbook revert-bad-release fixes it.',
        '',
        `This reverts commit ${badCommit}.`,
        '',
        'Remediation-Id: rv-1',
        'Runbook: revert-bad-release',
        '',
        '',
      ].join('\n'),
    );
  });

  it('refuses to revert a merge commit', async () => {
    const { repo, app } = await setUp('history/merge', [{ 'deploy/deployment.yaml': DEPLOYMENT }]);
    const work = join(sandbox.work, 'merge-work');
    const env = {
      ...process.env,
      GIT_AUTHOR_NAME: 'Dev',
      GIT_AUTHOR_EMAIL: 'dev@example.com',
      GIT_COMMITTER_NAME: 'Dev',
      GIT_COMMITTER_EMAIL: 'dev@example.com',
    };
    const git = (...args: string[]) => runCommand('git', args, { cwd: work, env });
    await runCommand('git', ['clone', '--quiet', repo.bareDir, work], { env });
    await git('checkout', '--quiet', '-b', 'feature');
    await writeFile(join(work, 'deploy/deployment.yaml'), DEPLOYMENT.replace('replicas: 2', 'replicas: 3'));
    await git('commit', '--quiet', '-am', 'three replicas');
    await git('checkout', '--quiet', 'main');
    await writeFile(
      join(work, 'deploy/deployment.yaml'),
      DEPLOYMENT.replace('memory: 256Mi', 'memory: 384Mi'),
    );
    await git('commit', '--quiet', '-am', 'more memory');
    await git('merge', '--quiet', '--no-ff', '-m', 'Merge branch feature', 'feature');
    await git('push', '--quiet', 'origin', 'main');
    const merge = (await git('rev-parse', 'HEAD')).stdout.trim();
    const writer = await sandbox.writer();
    await expect(
      writer.propose({ application: app, plan: revertLastChange, argocdNamespace: ARGOCD }),
    ).rejects.toThrow(
      new GitOpsError(
        'revert',
        `the newest commit that touched deploy, ${merge.slice(0, 12)} "Merge branch feature", is a merge commit; reverting a merge needs a person to choose its mainline`,
      ),
    );
  });
});

describe('revert of a remediation whose verification failed', () => {
  it('reverts the commit with the remediation’s trailer, once', async () => {
    const { repo, app } = await setUp('history/rollback', [{ 'deploy/deployment.yaml': DEPLOYMENT }]);
    const writer = await sandbox.writer();
    const change = await writer.propose({
      application: app,
      plan: plan([{ path: 'spec.replicas', from: 2, to: 5 }], 'scale-out'),
      argocdNamespace: ARGOCD,
    });
    const fix = await writer.commit(change, { ...META, runbook: 'scale-out', remediationId: 'rm-42' });
    await writer.commit(
      await writer.propose({
        application: app,
        plan: plan([
          {
            path: 'spec.template.spec.containers[name=web].image',
            from: 'registry.example.com/shop/web:1.0.0',
            to: 'registry.example.com/shop/web:1.0.1',
          },
        ]),
        argocdNamespace: ARGOCD,
      }),
      { ...META, remediationId: 'rm-43' },
    );

    const result = await writer.revert({
      application: app,
      argocdNamespace: ARGOCD,
      remediationId: 'rm-42',
      reason: 'verify failed: still Degraded after 10m',
    });
    expect(result.mode).toBe('push');
    expect(await sandbox.git(repo.bareDir, 'show', 'main:deploy/deployment.yaml')).toBe(
      DEPLOYMENT.replace('web:1.0.0', 'web:1.0.1'),
    );
    expect(await sandbox.git(repo.bareDir, 'log', '-1', '--format=%B', 'main')).toBe(
      [
        'Revert "argocd/shop-web: fix RunContainerError (runbook scale-out)"',
        '',
        `This reverts commit ${fix.commit}.`,
        '',
        'argocd/shop-web: verify failed: still Degraded after 10m',
        '',
        'Reverts-Remediation: rm-42',
        '',
        '',
      ].join('\n'),
    );
    await expect(
      writer.revert({ application: app, argocdNamespace: ARGOCD, remediationId: 'rm-42', reason: 'again' }),
    ).rejects.toThrow(`remediation rm-42 was rolled back already by ${result.commit.slice(0, 12)}`);
    await expect(
      writer.revert({ application: app, argocdNamespace: ARGOCD, remediationId: 'rm-404', reason: 'x' }),
    ).rejects.toThrow(
      new GitOpsError('revert', `no commit with Remediation-Id: rm-404 on the branches of ${repo.repoURL}`),
    );
  });

  it('refuses a rollback that later commits conflict with, leaving the branch alone', async () => {
    const { repo, app } = await setUp('history/rollback-conflict', [
      { 'deploy/deployment.yaml': DEPLOYMENT },
    ]);
    const writer = await sandbox.writer();
    const scale = async (from: number, to: number, id: string) =>
      writer.commit(
        await writer.propose({
          application: app,
          plan: plan([{ path: 'spec.replicas', from, to }]),
          argocdNamespace: ARGOCD,
        }),
        {
          ...META,
          remediationId: id,
        },
      );
    const first = await scale(2, 5, 'rm-50');
    const second = await scale(5, 6, 'rm-51');
    await expect(
      writer.revert({ application: app, argocdNamespace: ARGOCD, remediationId: 'rm-50', reason: 'x' }),
    ).rejects.toThrow(
      new RegExp(
        `^commit ${first.commit.slice(0, 12)} does not revert cleanly on ${second.commit.slice(0, 12)}: `,
      ),
    );
    expect((await sandbox.git(repo.bareDir, 'rev-parse', 'main')).trim()).toBe(second.commit);
  });
});
