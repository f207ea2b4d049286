import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Application } from '../../kube/application.js';
import type { KubeObject } from '../../kube/objects.js';
import { SETTINGS_NAME } from '../../remediation/settings.js';
import { runCommand } from '../../support/run-command.js';
import { SandboxApiServer } from '../apiserver/index.js';
import { createFixtureRepository } from '../fixture-repository.js';
import { GitHttpServer, type GitUser } from '../git-server.js';
import { repositoryPathOf, repoURLPrefix } from '../repo-url.js';
import type { Scenario } from './read-scenario.js';
import { ScenarioError } from './scenario-error.js';

export interface ScenarioRepository {
  scenario: string;
  /** The Application's repoURL, as Argo CD knows it. */
  repoURL: string;
  /** Where the sandbox Git server serves it. */
  url: string;
  bareDir: string;
  branch: string;
  head: string;
}

export interface ScenarioEnvironment {
  apiServer: SandboxApiServer;
  gitServer: GitHttpServer;
  gitUser: GitUser;
  kubeconfig: string;
  /** GIT_CONFIG_* variables that make git reach each app's repoURL on the sandbox Git server. */
  gitEnv: Record<string, string>;
  repositories: ScenarioRepository[];
  workDir: string;
  close(): Promise<void>;
}

function sourceRepoURL(application: Application): string {
  const spec = application.spec;
  return (spec.source ?? spec.sources?.[0] ?? spec.sourceHydrator?.drySource)?.repoURL ?? '';
}

/** FORMAT.md: every `revision` that says HEAD in the Application's status names the last commit instead. */
export function pinRevisions<T>(value: T, sha: string): T {
  if (Array.isArray(value)) return value.map((item) => pinRevisions(item, sha)) as T;
  if (value === null || typeof value !== 'object') return value;
  const pinned: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (key === 'revision' && field === 'HEAD') pinned[key] = sha;
    else if (key === 'revisions' && Array.isArray(field))
      pinned[key] = field.map((r) => (r === 'HEAD' ? sha : r));
    else pinned[key] = pinRevisions(field, sha);
  }
  return pinned as T;
}

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** The repository Secret Argo CD would hold for the app's repoURL, with the sandbox Git server's credentials. */
function repositorySecret(scenario: Scenario, repoURL: string, user: GitUser): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: `repo-${scenario.id}`.slice(0, 253),
      namespace: scenario.application.metadata.namespace ?? 'argocd',
      labels: { 'argocd.argoproj.io/secret-type': 'repository' },
    },
    type: 'Opaque',
    data: {
      type: base64('git'),
      url: base64(repoURL),
      username: base64(user.username),
      password: base64(user.password),
    },
  };
}

/** The group the sandbox's RBAC lets act on every app (propose, approve, reject, change modes). */
export const SANDBOX_OPERATORS = 'sandbox-operators';

/**
 * Argo CD's RBAC in the sandbox, as a real install might have it: everyone reads (policy.default
 * role:readonly); the local `admin` acts through Argo CD's built-in role:admin (the demo signs in as
 * it); members of SANDBOX_OPERATORS may sync and update every app.
 */
function rbacConfigMap(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'argocd-rbac-cm', namespace: 'argocd' },
    data: {
      'policy.default': 'role:readonly',
      'policy.csv': [
        'p, role:sandbox-operator, applications, sync, */*, allow',
        'p, role:sandbox-operator, applications, update, */*, allow',
        `g, ${SANDBOX_OPERATORS}, role:sandbox-operator`,
      ].join('\n'),
    },
  };
}

/** The backend's settings ConfigMap with each scenario's mode, in Argo CD's namespace where the backend runs. */
function settingsConfigMap(scenarios: readonly Scenario[]): KubeObject {
  const data: Record<string, string> = {};
  for (const scenario of scenarios) {
    const [namespace, name] = scenario.spec.application.split('/');
    if (scenario.spec.mode) data[`mode.${namespace}.${name}`] = scenario.spec.mode;
  }
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: SETTINGS_NAME, namespace: 'argocd' },
    data,
  };
}

function checkDistinct(scenarios: readonly Scenario[]): void {
  const apps = new Map<string, string>();
  const repos = new Map<string, string>();
  for (const scenario of scenarios) {
    for (const [seen, key, what] of [
      [apps, scenario.spec.application, 'Application'],
      [repos, repositoryPathOf(sourceRepoURL(scenario.application)), 'repository'],
    ] as const) {
      const other = seen.get(key);
      if (other)
        throw new ScenarioError(scenario.id, undefined, `${what} ${key} is also used by scenario ${other}`);
      seen.set(key, scenario.id);
    }
  }
}

/**
 * Loads scenarios into a fresh sandbox API server and Git server: cluster objects and logs, one bare
 * repository per app with its history, and Argo CD's repository Secret. When a push moves an app's
 * branch and the scenario has healed/ objects, the cluster turns into them, as if Argo CD synced.
 */
export async function startScenarioEnvironment(scenarios: readonly Scenario[]): Promise<ScenarioEnvironment> {
  checkDistinct(scenarios);
  const workDir = await mkdtemp(join(tmpdir(), 'argocd-ai-sre-sandbox-'));
  const gitUser: GitUser = { username: 'argocd', password: randomBytes(18).toString('base64url') };
  const gitServer = new GitHttpServer(join(workDir, 'git'), [gitUser]);
  const apiServer = new SandboxApiServer();
  const gitUrl = await gitServer.listen();
  await apiServer.listen();
  // First, so that a scenario that brings its own argocd-rbac-cm replaces it.
  apiServer.apply(rbacConfigMap());

  const repositories: ScenarioRepository[] = [];
  /** repoURL prefix → the host folder it is served under. */
  const rewrites = new Map<string, string>();
  for (const scenario of scenarios) {
    const repoURL = sourceRepoURL(scenario.application);
    const path = repositoryPathOf(repoURL);
    const bareDir = join(gitServer.root, path);
    const head = await createFixtureRepository(bareDir, scenario.branch, scenario.trees);
    repositories.push({
      scenario: scenario.id,
      repoURL,
      url: `${gitUrl}/${path}`,
      bareDir,
      branch: scenario.branch,
      head,
    });
    rewrites.set(repoURLPrefix(repoURL), path.split('/')[0] ?? '');
    for (const { object } of scenario.objects) apiServer.apply(pinRevisions(object, head));
    for (const log of scenario.logs) {
      apiServer.setLog(log.namespace, log.pod, log.container, log.text, { previous: log.previous });
    }
    apiServer.apply(repositorySecret(scenario, repoURL, gitUser));
  }

  const modes = scenarios.filter((scenario) => scenario.spec.mode);
  if (modes.length > 0) apiServer.apply(settingsConfigMap(modes));

  const gitEnv: Record<string, string> = { GIT_CONFIG_COUNT: String(rewrites.size) };
  for (const [position, [prefix, host]] of [...rewrites].entries()) {
    gitEnv[`GIT_CONFIG_KEY_${position}`] = `url.${gitUrl}/${host}/.insteadOf`;
    gitEnv[`GIT_CONFIG_VALUE_${position}`] = prefix;
  }

  gitServer.on('push', ({ repository }) => {
    const entry = repositories.find((candidate) => repositoryPathOf(candidate.repoURL) === repository);
    const scenario = scenarios.find((candidate) => candidate.id === entry?.scenario);
    if (!entry || !scenario) return;
    void healAfterPush(apiServer, scenario, entry);
  });

  return {
    apiServer,
    gitServer,
    gitUser,
    kubeconfig: apiServer.kubeconfig(),
    gitEnv,
    repositories,
    workDir,
    async close() {
      await Promise.all([apiServer.close(), gitServer.close()]);
      await rm(workDir, { recursive: true, force: true });
    },
  };
}

async function healAfterPush(
  apiServer: SandboxApiServer,
  scenario: Scenario,
  repository: ScenarioRepository,
) {
  const { stdout } = await runCommand('git', [
    '--git-dir',
    repository.bareDir,
    'rev-parse',
    repository.branch,
  ]);
  const head = stdout.trim();
  if (head === repository.head) return;
  repository.head = head;
  if (scenario.healed.length === 0) return;
  const destination = scenario.application.spec.destination.namespace;
  for (const { object } of scenario.objects) {
    const namespace = object.metadata?.namespace;
    const isApplication = object === (scenario.application as unknown as KubeObject);
    if (namespace === destination || isApplication) {
      apiServer.remove(object.apiVersion ?? '', object.kind ?? '', namespace, object.metadata?.name ?? '');
    }
  }
  for (const object of scenario.healed) apiServer.apply(pinRevisions(object, head));
}
