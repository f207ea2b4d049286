import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { createGitWriter } from '../../backend/src/gitops/index.js';
import type { Application } from '../../backend/src/kube/application.js';
import { kubeClients } from '../../backend/src/kube/clients.js';
import type { FixPlan } from '../../backend/src/runbooks/plan/index.js';
import { SandboxApiServer } from '../../backend/src/sandbox/apiserver/index.js';
import { createFixtureRepository } from '../../backend/src/sandbox/fixture-repository.js';
import { GitHttpServer } from '../../backend/src/sandbox/git-server.js';
import { type Benchmark, percentile } from '../benchmark.js';

const APPS = 1000;
const HISTORY = 5;
const SAMPLES = 7;

/** A platform team's monorepo: many apps of plain manifests, each with a sizeable ConfigMap, and a history. */
async function writeMonorepo(dir: string, revision: number): Promise<void> {
  const files: Record<string, string> = {};
  for (let app = 0; app < APPS; app++) {
    const name = `app-${String(app).padStart(3, '0')}`;
    const replicas = app === 0 ? 2 : 1 + ((app + revision) % 3);
    files[`apps/${name}/deployment.yaml`] = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      `  name: ${name}`,
      'spec:',
      `  replicas: ${replicas}`,
      '  template:',
      '    spec:',
      '      containers:',
      `        - name: ${name}`,
      `          image: registry.example.com/platform/${name}:1.${revision}.0`,
      '          resources:',
      '            limits:',
      '              memory: 256Mi',
      '',
    ].join('\n');
    // Configuration that differs per revision, so the history holds real objects, as it does in use.
    const settings = Array.from(
      { length: 120 },
      (_, line) => `    key${line}: ${randomBytes(24).toString('base64url')}`,
    );
    files[`apps/${name}/configmap.yaml`] = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      `  name: ${name}-settings`,
      'data:',
      ...settings,
      '',
    ].join('\n');
  }
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
}

function replicasPlan(from: number, to: number): FixPlan {
  const object = {
    group: 'apps',
    kind: 'Deployment',
    namespace: 'platform',
    name: 'app-000',
    apiVersion: 'apps/v1',
  };
  return {
    runbook: 'scale',
    symptom: {
      type: 'Unschedulable',
      resource: { group: '', kind: 'Pod', namespace: 'platform', name: 'app-000-1' },
    },
    target: object,
    edits: [{ object, path: 'spec.replicas', from, to, action: 'setReplicas' }],
    revertLastChange: false,
    automation: 'approve',
  };
}

export const gitopsBenchmark: Benchmark = {
  name: 'gitops',
  description: `fixes committed through the Git writer to a monorepo of ${APPS} apps (${APPS * 2} files, about 5 MB checked out) and ${HISTORY} commits, over HTTP with basic auth`,
  async run() {
    const work = await mkdtemp(join(tmpdir(), 'bench-gitops-'));
    const user = { username: 'argocd', password: randomBytes(12).toString('base64url') };
    const gitServer = new GitHttpServer(join(work, 'git'), [user]);
    const apiServer = new SandboxApiServer();
    try {
      const gitUrl = await gitServer.listen();
      await apiServer.listen();
      const trees = [];
      for (let revision = 0; revision < HISTORY; revision++) {
        const dir = join(work, 'trees', String(revision));
        await writeMonorepo(dir, revision);
        trees.push({ dir, message: `release ${revision}` });
      }
      const repoURL = 'https://git.example.com/platform/monorepo.git';
      await createFixtureRepository(
        join(gitServer.root, 'git.example.com/platform/monorepo.git'),
        'main',
        trees,
      );
      apiServer.apply({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: {
          name: 'repo-monorepo',
          namespace: 'argocd',
          labels: { 'argocd.argoproj.io/secret-type': 'repository' },
        },
        data: {
          url: Buffer.from(repoURL).toString('base64'),
          username: Buffer.from(user.username).toString('base64'),
          password: Buffer.from(user.password).toString('base64'),
        },
      });
      const kubeConfig = new KubeConfig();
      kubeConfig.loadFromString(apiServer.kubeconfig());
      const application: Application = {
        metadata: { namespace: 'argocd', name: 'app-000' },
        spec: {
          project: 'default',
          source: { repoURL, targetRevision: 'main', path: 'apps/app-000' },
          destination: { namespace: 'platform' },
        },
      };
      const writerIn = (cacheDir: string) =>
        createGitWriter({
          kube: kubeClients(kubeConfig),
          cacheDir,
          gitEnv: {
            GIT_CONFIG_COUNT: '1',
            GIT_CONFIG_KEY_0: `url.${gitUrl}/git.example.com/.insteadOf`,
            GIT_CONFIG_VALUE_0: 'https://git.example.com/',
          },
          author: { name: 'bench', email: 'bench@example.com' },
        });
      let replicas = 2;
      let fixes = 0;
      const fix = async (writer: ReturnType<typeof writerIn>) => {
        const next = replicas === 2 ? 3 : 2;
        const change = await writer.propose({
          application,
          plan: replicasPlan(replicas, next),
          argocdNamespace: 'argocd',
        });
        await writer.commit(change, {
          remediationId: `bench-${fixes++}`,
          app: 'argocd/app-000',
          symptom: 'Unschedulable',
          runbook: 'scale',
        });
        replicas = next;
      };
      const time = async (task: () => Promise<void>) => {
        const start = process.hrtime.bigint();
        await task();
        return Number(process.hrtime.bigint() - start) / 1e6;
      };
      const first: number[] = [];
      const second: number[] = [];
      for (let round = 0; round < SAMPLES; round++) {
        const writer = writerIn(join(work, 'cache', String(round)));
        first.push(await time(() => fix(writer)));
        second.push(await time(() => fix(writer)));
      }
      const ratio = (percentile(second, 50) / percentile(first, 50)) * 100;
      return [
        { figure: 'first fix (clone, propose, commit, push) p50', value: percentile(first, 50), unit: 'ms' },
        {
          figure: 'second fix on the same repository (clone cache) p50',
          value: percentile(second, 50),
          unit: 'ms',
        },
        {
          figure: 'second fix as a share of the first',
          value: ratio,
          unit: '%',
          target: { op: '<=', value: 30 },
        },
      ];
    } finally {
      await Promise.all([gitServer.close(), apiServer.close()]);
      await rm(work, { recursive: true, force: true, maxRetries: 5 });
    }
  },
};
