import { chmod, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPullRequest } from '../../../backend/src/gitops/pull-request/open-pull-request.js';
import { GitHubApiServer } from '../../support/github-api.js';
import {
  ARGOCD,
  DEPLOYMENT,
  deployedFrom,
  type GitSandbox,
  HOST,
  plan,
  startGitSandbox,
} from '../support/git-sandbox.js';

const MEMORY = 'spec.template.spec.containers[name=web].resources.limits.memory';
const META = { app: 'argocd/shop-web', symptom: 'OOMKilled', runbook: 'oom-double' };

let sandbox: GitSandbox;
let github: GitHubApiServer;
beforeAll(async () => {
  sandbox = await startGitSandbox();
  github = new GitHubApiServer(sandbox.user.password);
  await github.listen();
});
afterAll(async () => {
  await github.close();
  await sandbox.close();
});

/** A repository whose server refuses pushes to main, as a protected branch does. */
async function protectedRepository(path: string) {
  const repo = await sandbox.repositoryWithSecret(path, [{ 'deploy/deployment.yaml': DEPLOYMENT }]);
  const hook = join(repo.bareDir, 'hooks', 'pre-receive');
  await writeFile(
    hook,
    '#!/bin/sh\nwhile read old new ref; do\n  if [ "$ref" = refs/heads/main ]; then echo "main is protected: open a pull request" >&2; exit 1; fi\ndone\n',
  );
  await chmod(hook, 0o755);
  return { repo, app: deployedFrom(repo.repoURL) };
}

const oom = plan([{ path: MEMORY, from: '256Mi', to: '512Mi' }], 'oom-double');

describe('when the fix cannot go onto its branch', () => {
  it('pushes a branch and opens a GitHub pull request when the server refuses a push to a protected branch', async () => {
    const { repo, app } = await protectedRepository('shop/protected');
    const writer = await sandbox.writer({ providers: [{ kind: 'github', host: HOST, apiUrl: github.url }] });
    const change = await writer.propose({ application: app, plan: oom, argocdNamespace: ARGOCD });
    const result = await writer.commit(change, { ...META, remediationId: 'r-9' });
    expect(result).toEqual({
      mode: 'pull-request',
      commit: expect.stringMatching(/^[0-9a-f]{40}$/),
      branch: 'ai-sre/shop-web/r-9',
      pullRequestUrl: 'https://github.example/shop/protected/pull/1',
      reason: expect.stringMatching(
        /^the server refused a push to main: \[remote rejected\] \(pre-receive hook declined\) remote: main is protected/,
      ),
    });
    expect((await sandbox.git(repo.bareDir, 'rev-parse', 'main')).trim()).toBe(repo.head);
    expect((await sandbox.git(repo.bareDir, 'rev-parse', 'ai-sre/shop-web/r-9')).trim()).toBe(result.commit);
    expect(github.pulls).toHaveLength(1);
    const [pull] = github.pulls;
    expect(pull).toMatchObject({
      owner: 'shop',
      repo: 'protected',
      authorization: `Bearer ${sandbox.user.password}`,
      apiVersion: '2022-11-28',
      body: {
        title: 'argocd/shop-web: fix OOMKilled (runbook oom-double)',
        head: 'ai-sre/shop-web/r-9',
        base: 'main',
      },
    });
    expect(pull?.body.body).toContain('runbook oom-double fixes it');
    expect(pull?.body.body).toContain(
      '```diff\n--- a/deploy/deployment.yaml\n+++ b/deploy/deployment.yaml\n',
    );
    expect(pull?.body.body).toContain('+              memory: 512Mi # sized for the 1.x heap\n');
    expect(pull?.body.body).toContain('Remediation-Id: r-9');
  });

  it('leaves the branch for a person when no forge is configured for the host, or its API refuses', async () => {
    const { app } = await protectedRepository('shop/protected-no-forge');
    const plainWriter = await sandbox.writer();
    const change = await plainWriter.propose({ application: app, plan: oom, argocdNamespace: ARGOCD });
    expect(await plainWriter.commit(change, { ...META, remediationId: 'r-10' })).toMatchObject({
      mode: 'branch',
      branch: 'ai-sre/shop-web/r-10',
      reason: expect.stringMatching(
        /no forge API is configured for this host: open a pull request from ai-sre\/shop-web\/r-10 into main$/,
      ),
    });
    const refusing = new GitHubApiServer('another-token');
    await refusing.listen();
    try {
      const writer = await sandbox.writer({
        providers: [{ kind: 'github', host: HOST, apiUrl: refusing.url }],
      });
      const result = await writer.commit(change, { ...META, remediationId: 'r-11' });
      expect(result).toMatchObject({ mode: 'branch', branch: 'ai-sre/shop-web/r-11' });
      expect(result.reason).toMatch(
        /opening the pull request failed: GitHub pull request failed: HTTP 401: Bad credentials$/,
      );
      expect(result.reason).not.toContain(sandbox.user.password);
    } finally {
      await refusing.close();
    }
  });

  it('never moves a tag: a fix of an app pinned to one goes to a branch based on it', async () => {
    const repo = await sandbox.repositoryWithSecret('shop/tagged', [
      { 'deploy/deployment.yaml': DEPLOYMENT },
      { 'deploy/deployment.yaml': DEPLOYMENT.replace('replicas: 2', 'replicas: 4') },
    ]);
    await sandbox.git(repo.bareDir, 'tag', 'v1.0.0', 'main~1');
    const tagged = (await sandbox.git(repo.bareDir, 'rev-parse', 'v1.0.0')).trim();
    const writer = await sandbox.writer();
    const app = deployedFrom(repo.repoURL, 'v1.0.0');
    const change = await writer.propose({
      application: app,
      plan: plan([{ path: 'spec.replicas', from: 2, to: 3 }]),
      argocdNamespace: ARGOCD,
    });
    expect(change).toMatchObject({
      branch: 'main',
      baseCommit: tagged,
      revision: { targetRevision: 'v1.0.0', kind: 'tag' },
    });
    const result = await writer.commit(change, { ...META, remediationId: 'r-12' });
    expect(result).toMatchObject({
      mode: 'branch',
      reason: expect.stringMatching(/^targetRevision v1.0.0 is a tag, which no push can move/),
    });
    expect((await sandbox.git(repo.bareDir, 'rev-parse', `${result.branch}~1`)).trim()).toBe(tagged);
    expect((await sandbox.git(repo.bareDir, 'rev-parse', 'v1.0.0')).trim()).toBe(tagged);
    expect((await sandbox.git(repo.bareDir, 'rev-parse', 'main')).trim()).toBe(repo.head);
  });
  it('fixes an app pinned to a commit, in full or abbreviated, on a branch from that commit', async () => {
    const repo = await sandbox.repositoryWithSecret('shop/pinned', [
      { 'deploy/deployment.yaml': DEPLOYMENT },
      { 'deploy/deployment.yaml': DEPLOYMENT.replace('replicas: 2', 'replicas: 4') },
    ]);
    const pinned = (await sandbox.git(repo.bareDir, 'rev-parse', 'main~1')).trim();
    const writer = await sandbox.writer();
    for (const [targetRevision, id] of [
      [pinned, 'r-13'],
      [pinned.slice(0, 10), 'r-14'],
    ] as const) {
      const app = deployedFrom(repo.repoURL, targetRevision);
      const change = await writer.propose({
        application: app,
        plan: plan([{ path: 'spec.replicas', from: 2, to: 3 }]),
        argocdNamespace: ARGOCD,
      });
      expect(change).toMatchObject({ baseCommit: pinned, branch: 'main', revision: { kind: 'commit' } });
      const result = await writer.commit(change, { ...META, remediationId: id });
      expect(result.mode).toBe('branch');
      expect((await sandbox.git(repo.bareDir, 'rev-parse', `${result.branch}~1`)).trim()).toBe(pinned);
    }
    expect((await sandbox.git(repo.bareDir, 'rev-parse', 'main')).trim()).toBe(repo.head);
  });
});

describe('openPullRequest on GitLab', () => {
  it('opens a merge request of the project path, with the token in PRIVATE-TOKEN', async () => {
    const received: { url?: string; token?: string; body?: unknown } = {};
    const gitlab = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.url = request.url;
        received.token = request.headers['private-token'] as string;
        received.body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        response
          .writeHead(201, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ web_url: 'https://gitlab.example.com/g/s/p/-/merge_requests/7' }));
      });
    });
    await new Promise<void>((resolve) => gitlab.listen(0, '127.0.0.1', resolve));
    try {
      const apiUrl = `http://127.0.0.1:${(gitlab.address() as AddressInfo).port}/api/v4`;
      const url = await openPullRequest(
        { kind: 'gitlab', host: 'gitlab.example.com', apiUrl },
        'https://gitlab.example.com/g/s/p.git',
        {
          token: 'glpat-x',
          head: 'ai-sre/web/r-1',
          base: 'main',
          title: 'fix',
          body: 'why',
        },
      );
      expect(url).toBe('https://gitlab.example.com/g/s/p/-/merge_requests/7');
      expect(received).toEqual({
        url: '/api/v4/projects/g%2Fs%2Fp/merge_requests',
        token: 'glpat-x',
        body: {
          source_branch: 'ai-sre/web/r-1',
          target_branch: 'main',
          title: 'fix',
          description: 'why',
          remove_source_branch: true,
        },
      });
    } finally {
      gitlab.closeAllConnections();
      await new Promise<void>((resolve) => gitlab.close(() => resolve()));
    }
  });
});
