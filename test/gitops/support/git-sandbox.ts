import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { createGitWriter, type GitWriter, type GitWriterOptions } from '../../../backend/src/gitops/index.js';
import type { Application, ApplicationSpec } from '../../../backend/src/kube/application.js';
import { type KubeClients, kubeClients } from '../../../backend/src/kube/clients.js';
import type { FixPlan, ObjectEdit } from '../../../backend/src/runbooks/plan/index.js';
import { SandboxApiServer } from '../../../backend/src/sandbox/apiserver/index.js';
import { createFixtureRepository } from '../../../backend/src/sandbox/fixture-repository.js';
import { GitHttpServer, type GitUser } from '../../../backend/src/sandbox/git-server.js';
import { runCommand } from '../../../backend/src/support/run-command.js';

export const HOST = 'git.example.com';
export const ARGOCD = 'argocd';

/** Files of one commit, by path. */
export type Files = Record<string, string>;

export interface GitSandbox {
  apiServer: SandboxApiServer;
  gitServer: GitHttpServer;
  user: GitUser;
  kube: KubeClients;
  /** Makes git reach https://git.example.com/... on the sandbox Git server. */
  gitEnv: Record<string, string>;
  work: string;
  /** Creates `https://git.example.com/<path>.git` with one commit per file set, in order; each commit changes only the files it names. */
  repository(
    path: string,
    commits: readonly Files[],
    branch?: string,
  ): Promise<{ repoURL: string; bareDir: string; head: string }>;
  /** Argo CD's Secret of a type (`repository`, `repo-creds`) in its namespace. */
  secret(name: string, type: string, data: Record<string, string>): void;
  /** repository(), with a `repository` Secret holding the sandbox user's password (named after the path unless `secretName`). */
  repositoryWithSecret(
    path: string,
    commits: readonly Files[],
    secretName?: string,
  ): Promise<{ repoURL: string; bareDir: string; head: string }>;
  /** git against a bare repository. */
  git(bareDir: string, ...args: string[]): Promise<string>;
  writer(options?: Partial<GitWriterOptions>): Promise<GitWriter>;
  close(): Promise<void>;
}

async function writeFiles(dir: string, files: Files): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
}

/** A sandbox API server and Git server with basic authentication, as the writer meets them in a cluster. */
export async function startGitSandbox(): Promise<GitSandbox> {
  const work = await mkdtemp(join(tmpdir(), 'gitops-test-'));
  const user: GitUser = { username: 'argocd', password: 'correct horse battery staple' };
  const gitServer = new GitHttpServer(join(work, 'git'), [user]);
  const apiServer = new SandboxApiServer();
  const gitUrl = await gitServer.listen();
  await apiServer.listen();
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(apiServer.kubeconfig());
  const kube = kubeClients(kubeConfig);
  let writers = 0;
  let trees = 0;
  const gitEnv = {
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: `url.${gitUrl}/${HOST}/.insteadOf`,
    GIT_CONFIG_VALUE_0: `https://${HOST}/`,
  };
  const repository: GitSandbox['repository'] = async (path, commits, branch = 'main') => {
    const bareDir = join(gitServer.root, HOST, `${path}.git`);
    const dirs = [];
    let tree: Files = {};
    for (const [index, files] of commits.entries()) {
      tree = { ...tree, ...files };
      const dir = join(work, 'trees', String(trees++));
      await writeFiles(dir, tree);
      dirs.push({ dir, message: `commit ${index + 1}` });
    }
    const head = await createFixtureRepository(bareDir, branch, dirs);
    return { repoURL: `https://${HOST}/${path}.git`, bareDir, head };
  };
  const secret: GitSandbox['secret'] = (name, type, data) => {
    apiServer.apply({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name, namespace: ARGOCD, labels: { 'argocd.argoproj.io/secret-type': type } },
      type: 'Opaque',
      data: Object.fromEntries(
        Object.entries(data).map(([key, value]) => [key, Buffer.from(value).toString('base64')]),
      ),
    });
  };
  return {
    apiServer,
    gitServer,
    user,
    kube,
    gitEnv,
    work,
    repository,
    secret,
    async repositoryWithSecret(path, commits, secretName = `repo-${path.replace(/\W/g, '-')}`) {
      const repo = await repository(path, commits);
      secret(secretName, 'repository', {
        url: repo.repoURL,
        username: user.username,
        password: user.password,
      });
      return repo;
    },
    async git(bareDir, ...args) {
      return (await runCommand('git', ['--git-dir', bareDir, ...args])).stdout;
    },
    async writer(options = {}) {
      const cacheDir = join(work, 'cache', String(writers++));
      return createGitWriter({
        kube,
        cacheDir,
        gitEnv,
        author: { name: 'AI SRE', email: 'ai-sre@example.com' },
        now: () => new Date('2026-11-24T12:00:00Z'),
        ...options,
      });
    },
    async close() {
      await Promise.all([apiServer.close(), gitServer.close()]);
      await rm(work, { recursive: true, force: true });
    },
  };
}

/** An Application of the `deploy` folder of a repository at `targetRevision`. */
export function deployedFrom(repoURL: string, targetRevision = 'main'): Application {
  return application({ source: { repoURL, targetRevision, path: 'deploy' } });
}

export function application(spec: Partial<ApplicationSpec>, name = 'shop-web'): Application {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { namespace: ARGOCD, name },
    spec: {
      project: 'default',
      destination: { server: 'https://kubernetes.default.svc', namespace: 'shop' },
      ...spec,
    },
  };
}

const WEB = { group: 'apps', kind: 'Deployment', namespace: 'shop', name: 'web', apiVersion: 'apps/v1' };

/** A plan of edits on Deployment shop/web unless an edit names another object. */
export function plan(
  edits: readonly (Partial<ObjectEdit> & Pick<ObjectEdit, 'path' | 'to'>)[],
  runbook = 'test-runbook',
): FixPlan {
  return {
    runbook,
    symptom: { type: 'OOMKilled', resource: { group: '', kind: 'Pod', namespace: 'shop', name: 'web-1' } },
    target: WEB,
    edits: edits.map((edit) => ({ object: WEB, action: 'setField', ...edit })),
    revertLastChange: false,
    automation: 'approve',
  };
}

export const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: web
          image: registry.example.com/shop/web:1.0.0
          resources:
            limits:
              memory: 256Mi # sized for the 1.x heap
`;
