import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitOpsError } from '../../backend/src/gitops/index.js';
import {
  ARGOCD,
  application,
  DEPLOYMENT,
  deployedFrom,
  type GitSandbox,
  plan,
  startGitSandbox,
} from './support/git-sandbox.js';

const MEMORY = 'spec.template.spec.containers[name=web].resources.limits.memory';
const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports: [{port: 80}]\n';

let sandbox: GitSandbox;
beforeAll(async () => {
  sandbox = await startGitSandbox();
});
afterAll(async () => sandbox.close());

const PLAIN = { 'deploy/deployment.yaml': DEPLOYMENT, 'deploy/service.yaml': SERVICE };

async function plainRepository(path: string) {
  return sandbox.repository(path, [PLAIN]);
}

describe('the Git writer over HTTP with basic authentication', () => {
  it('proposes on a clone with the repository Secret’s credentials, then commits and pushes the fix', async () => {
    const repo = await plainRepository('shop/plain');
    sandbox.secret('repo-plain', 'repository', {
      type: 'git',
      url: repo.repoURL,
      username: 'argocd',
      password: sandbox.user.password,
    });
    const writer = await sandbox.writer();
    const app = deployedFrom(repo.repoURL);
    const change = await writer.propose({
      application: app,
      plan: plan([{ path: MEMORY, from: '256Mi', to: '512Mi' }], 'oom-double'),
      argocdNamespace: ARGOCD,
    });
    expect(change).toMatchObject({
      application: { namespace: 'argocd', name: 'shop-web' },
      repoURL: repo.repoURL,
      branch: 'main',
      revision: { targetRevision: 'main', kind: 'branch' },
      baseCommit: repo.head,
      placements: [{ file: 'deploy/deployment.yaml', field: MEMORY }],
    });
    expect(change.files.map((file) => file.diff)).toEqual([
      `--- a/deploy/deployment.yaml
+++ b/deploy/deployment.yaml
@@ -11,4 +11,4 @@
           image: registry.example.com/shop/web:1.0.0
           resources:
             limits:
-              memory: 256Mi # sized for the 1.x heap
+              memory: 512Mi # sized for the 1.x heap
`,
    ]);
    expect((await sandbox.git(repo.bareDir, 'rev-parse', 'main')).trim()).toBe(repo.head);

    const result = await writer.commit(change, {
      remediationId: 'r-100',
      app: 'argocd/shop-web',
      symptom: 'OOMKilled',
      runbook: 'oom-double',
      author: { name: 'Ada Lovelace', email: 'ada@example.com' },
    });
    expect(result).toEqual({ mode: 'push', commit: expect.stringMatching(/^[0-9a-f]{40}$/), branch: 'main' });
    expect((await sandbox.git(repo.bareDir, 'rev-parse', 'main')).trim()).toBe(result.commit);
    expect(await sandbox.git(repo.bareDir, 'log', '-1', '--format=%an <%ae>|%cn <%ce>|%aI|%P', 'main')).toBe(
      `Ada Lovelace <ada@example.com>|AI SRE <ai-sre@example.com>|2026-11-24T12:00:00+00:00|${repo.head}\n`,
    );
    expect(await sandbox.git(repo.bareDir, 'log', '-1', '--format=%B', 'main')).toBe(
      [
        'argocd/shop-web: fix OOMKilled (runbook oom-double)',
        '',
        'Argo CD application argocd/shop-web shows OOMKilled; runbook oom-double fixes it.',
        '',
        `- Deployment shop/web ${MEMORY}: deploy/deployment.yaml ${MEMORY}`,
        '',
        'Remediation-Id: r-100',
        'Runbook: oom-double',
        '',
        '',
      ].join('\n'),
    );
    expect(await sandbox.git(repo.bareDir, 'show', 'main:deploy/service.yaml')).toBe(SERVICE);
  });

  it('uses the repo-creds template with the longest prefix when the repository Secret has no credentials', async () => {
    const repo = await plainRepository('creds/team/app');
    sandbox.secret('repo-team-app', 'repository', { url: repo.repoURL });
    sandbox.secret('creds-everything', 'repo-creds', {
      url: 'https://git.example.com/creds',
      username: 'argocd',
      password: 'wrong',
    });
    sandbox.secret('creds-team', 'repo-creds', {
      url: 'https://git.example.com/creds/team/',
      username: 'argocd',
      password: sandbox.user.password,
    });
    const writer = await sandbox.writer();
    const app = deployedFrom(repo.repoURL, 'HEAD');
    const change = await writer.propose({
      application: app,
      plan: plan([{ path: 'spec.replicas', from: 2, to: 3 }]),
      argocdNamespace: ARGOCD,
    });
    expect(change.baseCommit).toBe(repo.head);
    expect(change.branch).toBe('main');
  });

  it('says which Secret a repository refused, without its password, and pushes nothing', async () => {
    const repo = await sandbox.repositoryWithSecret('shop/refused', [PLAIN], 'repo-refused');
    const writer = await sandbox.writer();
    const app = deployedFrom(repo.repoURL);
    const change = await writer.propose({
      application: app,
      plan: plan([{ path: 'spec.replicas', from: 2, to: 3 }]),
      argocdNamespace: ARGOCD,
    });

    const wrong = 'Tr0ub4dor&3-not-the-password';
    sandbox.secret('repo-refused', 'repository', { url: repo.repoURL, username: 'argocd', password: wrong });
    const attempt = writer.commit(change, {
      remediationId: 'r-1',
      app: 'argocd/shop-web',
      symptom: 'x',
      runbook: 'y',
    });
    await expect(attempt).rejects.toThrow(GitOpsError);
    const error = (await attempt.catch((caught: unknown) => caught)) as GitOpsError;
    expect(error.problem).toBe('authentication');
    expect(error.message).toMatch(
      /^https:\/\/git\.example\.com\/shop\/refused\.git refused the credentials of Secret argocd\/repo-refused: git push failed \(exit 128\): /,
    );
    expect(error.message).not.toContain(wrong);
    expect(error.message).not.toContain(Buffer.from(`argocd:${wrong}`).toString('base64'));
    expect((await sandbox.git(repo.bareDir, 'rev-parse', 'main')).trim()).toBe(repo.head);
    await expect(
      writer.propose({
        application: app,
        plan: plan([{ path: 'spec.replicas', to: 3 }]),
        argocdNamespace: ARGOCD,
      }),
    ).rejects.toThrow(/refused the credentials of Secret argocd\/repo-refused/);
  });

  it('reports a plan whose change Git already holds', async () => {
    const repo = await sandbox.repositoryWithSecret('shop/already', [PLAIN]);
    const writer = await sandbox.writer();
    const app = deployedFrom(repo.repoURL);
    await expect(
      writer.propose({
        application: app,
        plan: plan([{ path: 'spec.replicas', from: 3, to: 2 }]),
        argocdNamespace: ARGOCD,
      }),
    ).rejects.toThrow(
      new GitOpsError(
        'unchanged',
        'Git already holds what the fix writes: deploy/deployment.yaml spec.replicas',
      ),
    );
  });

  it('refuses a repoURL or targetRevision that git would read as an option, and transports that run commands', async () => {
    const writer = await sandbox.writer();
    const replicas = plan([{ path: 'spec.replicas', to: 3 }]);
    for (const source of [
      { repoURL: '--upload-pack=touch /tmp/pwned', targetRevision: 'main', path: 'deploy' },
      {
        repoURL: 'https://git.example.com/shop/plain.git',
        targetRevision: '--upload-pack=touch /tmp/pwned',
        path: 'deploy',
      },
    ]) {
      await expect(
        writer.propose({ application: application({ source }), plan: replicas, argocdNamespace: ARGOCD }),
      ).rejects.toThrow(/is not something git can fetch/);
    }
    const ext = application({
      source: { repoURL: 'ext::sh -c touch% /tmp/pwned', targetRevision: 'main', path: 'deploy' },
    });
    await expect(
      writer.propose({ application: ext, plan: replicas, argocdNamespace: ARGOCD }),
    ).rejects.toThrow(/transport 'ext' not allowed/);
  });
});
