import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { KubeConfig } from '@kubernetes/client-node';
import type { FastifyInstance } from 'fastify';
import { parse } from 'yaml';
import { buildApp } from '../../backend/src/app.js';
import { recordCommand } from '../../backend/src/commands/record.js';
import { type Config, loadConfig } from '../../backend/src/config.js';
import { kubeClients } from '../../backend/src/kube/clients.js';
import type { AccessRule, ApiRequestRecord } from '../../backend/src/sandbox/apiserver/types.js';
import {
  type ScenarioEnvironment,
  startScenarioEnvironment,
} from '../../backend/src/sandbox/scenario/environment.js';
import { readScenario, type Scenario } from '../../backend/src/sandbox/scenario/read-scenario.js';
import { type ApiAnswer, argocdHeaders, requestApi, SHARED_SECRET, testConfig } from '../support/backend.js';
import { accessRulesFor, BACKEND_ACCOUNT } from './rbac-rules.js';
import { fixturesDir, type RenderedObject, repoRoot } from './render.js';

/** The name the remote-cluster fixture's Application gives its destination. */
const REMOTE_CLUSTER = 'edge';

/** Every recorded incident, and the fixtures that manage what no incident does. */
export async function allScenarios(): Promise<Scenario[]> {
  const dirs = [join(repoRoot, 'test', 'scenarios'), join(fixturesDir, 'scenarios')];
  const ids = await Promise.all(
    dirs.map(async (dir) => (await readdir(dir)).sort().map((id) => join(dir, id))),
  );
  return Promise.all(ids.flat().map((dir) => readScenario(dir)));
}

export function isRemote(scenario: Scenario): boolean {
  return scenario.application.spec.destination.name === REMOTE_CLUSTER;
}

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/**
 * Argo CD's cluster Secret for the remote destination. The "remote" cluster is the same sandbox,
 * reached with a token of its own that may do anything, as Argo CD's argocd-manager account usually may.
 */
function addRemoteCluster(environment: ScenarioEnvironment): void {
  const { apiServer } = environment;
  const manager = { name: 'argocd-manager', token: randomBytes(24).toString('hex') };
  apiServer.addUser(manager);
  const kubeconfig = parse(apiServer.kubeconfig(manager.name)) as {
    clusters: { cluster: { 'certificate-authority-data': string } }[];
  };
  const caData = kubeconfig.clusters[0]?.cluster['certificate-authority-data'] ?? '';
  apiServer.apply({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: `cluster-${REMOTE_CLUSTER}`,
      namespace: 'argocd',
      labels: { 'argocd.argoproj.io/secret-type': 'cluster' },
    },
    type: 'Opaque',
    data: {
      name: base64(REMOTE_CLUSTER),
      server: base64(apiServer.url),
      config: base64(JSON.stringify({ bearerToken: manager.token, tlsClientConfig: { caData } })),
    },
  });
}

/**
 * The configuration the rendered Deployment gives the backend, read by the backend's own loader:
 * what a component switches on through the environment is switched on here too.
 */
function configOf(rendered: readonly RenderedObject[]): Config {
  const deployment = rendered.find(
    (object) => object.kind === 'Deployment' && object.metadata?.name === BACKEND_ACCOUNT.name,
  ) as
    | { spec: { template: { spec: { containers: { env?: { name: string; value?: string }[] }[] } } } }
    | undefined;
  const env = deployment?.spec.template.spec.containers[0]?.env ?? [];
  const literal = Object.fromEntries(
    env
      .filter((entry) => entry.value !== undefined && entry.name !== 'AI_SRE_SHARED_SECRET_FILE')
      .map((entry) => [entry.name, entry.value]),
  );
  const fromManifest = loadConfig({ ...literal, AI_SRE_SHARED_SECRET: SHARED_SECRET });
  const defaults = testConfig();
  return {
    ...defaults,
    argocdNamespace: fromManifest.argocdNamespace,
    readSecretKeys: fromManifest.readSecretKeys,
    runbookNamespaces: fromManifest.runbookNamespaces,
    // The controller acts within the test's time: a third of a second in trouble is enough.
    remediation: {
      ...fromManifest.remediation,
      triggerAfterMs: 300,
      intervalMs: 100,
      cooldownMs: 60_000,
      leaseSeconds: 2,
    },
  };
}

export interface RbacSandbox {
  environment: ScenarioEnvironment;
  rules: AccessRule[];
  /** Resolves once the sandbox has answered a request `matches` accepts: work the backend does in the background. */
  served(matches: (record: ApiRequestRecord) => boolean): Promise<void>;
  diagnose(scenario: Scenario): Promise<ApiAnswer>;
  /** A call to the API as a signed-in user of Argo CD, about the scenario's app. */
  call(scenario: Scenario, method: string, path: string, body?: unknown): Promise<ApiAnswer>;
  record(scenario: Scenario): Promise<number>;
  close(): Promise<void>;
}

/**
 * The scenarios in a sandbox where the backend authenticates as its ServiceAccount and may do
 * exactly what the rendered RBAC grants it, no more.
 */
export async function startRbacSandbox(
  rendered: readonly RenderedObject[],
  scenarios: readonly Scenario[],
): Promise<RbacSandbox> {
  const rules = accessRulesFor(rendered, BACKEND_ACCOUNT);
  const environment = await startScenarioEnvironment(scenarios);
  const user = `system:serviceaccount:${BACKEND_ACCOUNT.namespace}:${BACKEND_ACCOUNT.name}`;
  environment.apiServer.addUser({ name: user, token: randomBytes(24).toString('hex'), rules });
  addRemoteCluster(environment);
  const work = await mkdtemp(join(tmpdir(), 'rbac-sandbox-'));
  const kubeconfigPath = join(work, 'kubeconfig');
  await writeFile(kubeconfigPath, environment.apiServer.kubeconfig(user));
  // From here on, every call counts: the ones the backend makes as it starts as much as a diagnosis's.
  environment.apiServer.clearRequestLog();
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(kubeconfigPath);
  const config = configOf(rendered);
  const app: FastifyInstance = await buildApp({
    config: { ...config, git: { ...config.git, cacheDir: join(work, 'git-cache') } },
    kube: kubeClients(kubeConfig),
    logger: false,
    gitEnv: environment.gitEnv,
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  return {
    environment,
    rules,
    async served(matches) {
      for (let attempt = 0; attempt < 200; attempt++) {
        if (environment.apiServer.requestLog.some(matches)) return;
        await sleep(25);
      }
      throw new Error('the backend never made the awaited request');
    },
    async diagnose(scenario) {
      return requestApi(
        url,
        argocdHeaders(scenario.spec.application, scenario.application.spec.project),
        'POST',
        '/diagnoses',
        scenario.spec.target ? { target: scenario.spec.target } : {},
      );
    },
    async call(scenario, method, path, body) {
      return requestApi(
        url,
        {
          ...argocdHeaders(scenario.spec.application, scenario.application.spec.project),
          'Argocd-Username': 'alice',
        },
        method,
        path,
        body,
      );
    },
    record: (scenario) =>
      recordCommand(
        [
          '--app',
          scenario.spec.application,
          '--out',
          join(work, scenario.id),
          '--kubeconfig',
          kubeconfigPath,
        ],
        discard,
      ),
    async close() {
      await app.close();
      await environment.close();
      await rm(work, { recursive: true, force: true });
    },
  };
}
