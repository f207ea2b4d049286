import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitOpsError } from '../../../backend/src/gitops/index.js';
import {
  ARGOCD,
  application,
  DEPLOYMENT,
  type GitSandbox,
  plan,
  startGitSandbox,
} from '../support/git-sandbox.js';

let sandbox: GitSandbox;
beforeAll(async () => {
  sandbox = await startGitSandbox();
});
afterAll(async () => sandbox.close());

const CHART_TEMPLATE =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  replicas: {{ .Values.replicaCount }}\n';
const replicas = plan([{ path: 'spec.replicas', from: 5, to: 3 }]);

async function repository(path: string, files: Record<string, string>) {
  return sandbox.repositoryWithSecret(path, [files]);
}

describe('sources the fix can land in', () => {
  it('edits the values file of a ref source that a chart in another repository names', async () => {
    const charts = await repository('multi/charts', {
      'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
      'charts/web/values.yaml': 'replicaCount: 1\n',
      'charts/web/templates/deployment.yaml': CHART_TEMPLATE,
    });
    const values = await repository('multi/values', { 'envs/prod/web.yaml': '# prod\nreplicaCount: 5\n' });
    const app = application({
      sources: [
        {
          repoURL: charts.repoURL,
          targetRevision: 'main',
          path: 'charts/web',
          helm: { valueFiles: ['$values/envs/prod/web.yaml'] },
        },
        { repoURL: values.repoURL, targetRevision: 'main', ref: 'values' },
      ],
    });
    const writer = await sandbox.writer();
    const change = await writer.propose({ application: app, plan: replicas, argocdNamespace: ARGOCD });
    expect(change).toMatchObject({
      repoURL: values.repoURL,
      baseCommit: values.head,
      placements: [{ file: 'envs/prod/web.yaml', field: 'replicaCount' }],
    });
    const result = await writer.commit(change, {
      remediationId: 'm-1',
      app: 'argocd/shop-web',
      symptom: 'Unschedulable',
      runbook: 'fewer',
    });
    expect(result.mode).toBe('push');
    expect(await sandbox.git(values.bareDir, 'show', 'main:envs/prod/web.yaml')).toBe(
      '# prod\nreplicaCount: 3\n',
    );
    expect((await sandbox.git(charts.bareDir, 'rev-parse', 'main')).trim()).toBe(charts.head);
  });

  it('finds the key for a chart from a Helm repository by the live value, in the ref source’s values', async () => {
    const values = await repository('multi/helm-repo-values', {
      'web/values.yaml': 'replicaCount: 5\nworkers: 2\n',
    });
    const app = application({
      sources: [
        {
          repoURL: 'https://charts.example.com',
          chart: 'web',
          targetRevision: '1.2.0',
          helm: { valueFiles: ['$values/web/values.yaml'] },
        },
        { repoURL: values.repoURL, targetRevision: 'main', ref: 'values' },
      ],
    });
    const change = await (await sandbox.writer()).propose({
      application: app,
      plan: replicas,
      argocdNamespace: ARGOCD,
    });
    expect(change.files.map((file) => [file.path, file.after])).toEqual([
      ['web/values.yaml', 'replicaCount: 3\nworkers: 2\n'],
    ]);
  });

  it('takes the source whose files hold the object when an app has several', async () => {
    const config = await repository('multi/config', {
      'config/configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata: {}\n',
    });
    const workloads = await repository('multi/workloads', {
      'apps/web/deployment.yaml': DEPLOYMENT.replace('replicas: 2', 'replicas: 5'),
    });
    const app = application({
      sources: [
        { repoURL: config.repoURL, targetRevision: 'main', path: 'config' },
        { repoURL: workloads.repoURL, targetRevision: 'main', path: 'apps/web' },
      ],
    });
    const change = await (await sandbox.writer()).propose({
      application: app,
      plan: replicas,
      argocdNamespace: ARGOCD,
    });
    expect(change).toMatchObject({ repoURL: workloads.repoURL, recipe: { source: 'spec.sources[1]' } });
  });

  it('edits the dry source of a source hydrator', async () => {
    const dry = await repository('multi/dry', {
      'apps/web/deployment.yaml': DEPLOYMENT.replace('replicas: 2', 'replicas: 5'),
    });
    const app = application({
      sourceHydrator: {
        drySource: { repoURL: dry.repoURL, targetRevision: 'HEAD', path: 'apps/web' },
        syncSource: { targetBranch: 'environments/prod', path: 'apps/web' },
      },
    });
    const change = await (await sandbox.writer()).propose({
      application: app,
      plan: replicas,
      argocdNamespace: ARGOCD,
    });
    expect(change).toMatchObject({
      repoURL: dry.repoURL,
      branch: 'main',
      placements: [{ file: 'apps/web/deployment.yaml' }],
    });
  });

  it('refuses a fix whose edits land in two repositories, which one commit cannot change', async () => {
    const charts = await repository('multi/split-charts', {
      'web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
      'web/values.yaml': 'replicaCount: 1\nimage:\n  tag: "1.0"\n',
      'web/templates/deployment.yaml': `${CHART_TEMPLATE}  template:\n    spec:\n      containers:\n        - name: web\n          image: "registry.example.com/web:{{ .Values.image.tag }}"\n`,
    });
    const values = await repository('multi/split-values', { 'prod.yaml': 'replicaCount: 5\n' });
    const app = application({
      sources: [
        {
          repoURL: charts.repoURL,
          targetRevision: 'main',
          path: 'web',
          helm: { valueFiles: ['$values/prod.yaml'] },
        },
        { repoURL: values.repoURL, targetRevision: 'main', ref: 'values' },
      ],
    });
    const both = plan([
      { path: 'spec.replicas', from: 5, to: 3 },
      {
        path: 'spec.template.spec.containers[name=web].image',
        from: 'registry.example.com/web:1.0',
        to: 'registry.example.com/web:1.1',
      },
    ]);
    await expect(
      (await sandbox.writer()).propose({ application: app, plan: both, argocdNamespace: ARGOCD }),
    ).rejects.toThrow(
      new GitOpsError(
        'source',
        `the fix would change 2 repositories (${charts.repoURL}, ${values.repoURL}); one commit cannot`,
      ),
    );
  });

  it('says when no source has the object', async () => {
    const empty = await repository('multi/empty', { 'apps/README.md': 'nothing here\n' });
    const app = application({ source: { repoURL: empty.repoURL, targetRevision: 'main', path: 'apps' } });
    await expect(
      (await sandbox.writer()).propose({ application: app, plan: replicas, argocdNamespace: ARGOCD }),
    ).rejects.toThrow(
      new GitOpsError('locate', `no manifest of Deployment shop/web under apps of ${empty.repoURL}`),
    );
  });
});
