import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { KubeConfig } from '@kubernetes/client-node';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../backend/src/app.js';
import { type Config, loadConfig } from '../../backend/src/config.js';
import { kubeClients } from '../../backend/src/kube/clients.js';
import type { KubeObject } from '../../backend/src/kube/objects.js';
import type { LlmConfig } from '../../backend/src/llm/config.js';
import {
  SANDBOX_OPERATORS,
  type ScenarioEnvironment,
  startScenarioEnvironment,
} from '../../backend/src/sandbox/scenario/environment.js';
import { readScenario } from '../../backend/src/sandbox/scenario/read-scenario.js';

export const SECRET_HEADER = 'X-Argocd-Ai-Sre-Secret';
export const SHARED_SECRET = 'test-shared-secret-0123456789';

export interface TestBackend {
  environment: ScenarioEnvironment;
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

/** The backend's own defaults, as loadConfig gives them, pointed at loopback and quick to give up. */
export function testConfig(): Config {
  const config = loadConfig({
    AI_SRE_SHARED_SECRET: SHARED_SECRET,
    AI_SRE_SHARED_SECRET_HEADER: SECRET_HEADER,
    AI_SRE_LOG_LEVEL: 'silent',
    AI_SRE_READ_SECRET_KEYS: 'true',
    AI_SRE_NAMESPACE: 'argocd',
  });
  return {
    ...config,
    host: '127.0.0.1',
    port: 0,
    healthPort: 0,
    kube: { ...config.kube, callTimeoutMs: 2000 },
    // Tests change the cluster between diagnoses, and a loaded machine stalls event loops for seconds:
    // the tests of these limits (test/limits) turn them on.
    limits: { ...config.limits, diagnosisCacheMs: 0, maxEventLoopDelayMs: 0 },
  };
}

export interface BackendOptions {
  llm?: LlmConfig;
  controller?: boolean;
  config?: Partial<Config>;
  /** Where the backend's log lines go (as JSON, from info up); without it, nowhere. */
  logStream?: Writable;
}

/** A backend in front of a sandbox that is already running; closing it leaves the sandbox up. */
export async function startBackendOn(
  environment: ScenarioEnvironment,
  options: BackendOptions = {},
): Promise<Omit<TestBackend, 'environment'>> {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(environment.kubeconfig);
  const defaults = testConfig();
  const config: Config = {
    ...defaults,
    // The clone cache lives and goes with the sandbox.
    git: { ...defaults.git, cacheDir: join(environment.workDir, 'git-cache') },
    ...(options.llm ? { llm: options.llm } : {}),
    ...options.config,
  };
  const app = await buildApp({
    config,
    kube: kubeClients(kubeConfig, { callTimeoutMs: config.kube.callTimeoutMs }),
    logger: options.logStream ? { level: 'info', stream: options.logStream } : false,
    gitEnv: environment.gitEnv,
    controller: options.controller ?? false,
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url, close: () => app.close() };
}

/**
 * The backend listening on loopback in front of a sandbox loaded with the named scenarios, and with
 * `extra` objects (runbook ConfigMaps, say) applied before it starts.
 */
export async function startBackend(
  scenarioDirs: readonly string[],
  options: BackendOptions & {
    extra?: readonly KubeObject[];
    /** Runs on the loaded sandbox before the backend starts: to inject a fault it meets from the start. */
    beforeStart?: (environment: ScenarioEnvironment) => void;
  } = {},
): Promise<TestBackend> {
  const environment = await startScenarioEnvironment(
    await Promise.all(scenarioDirs.map((dir) => readScenario(dir))),
  );
  for (const object of options.extra ?? []) environment.apiServer.apply(object);
  options.beforeStart?.(environment);
  const backend = await startBackendOn(environment, options);
  return {
    ...backend,
    environment,
    async close() {
      await backend.close();
      await environment.close();
    },
  };
}

export interface ApiAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** One request to the backend's /api/v1 with the given headers; the JSON answer with its status. */
export async function requestApi(
  baseUrl: string,
  headers: Record<string, string>,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiAnswer> {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The headers Argo CD's proxy sends for a user looking at an app: a user of the group the sandbox lets act. */
export function argocdHeaders(application: string, project = 'default'): Record<string, string> {
  const [namespace, name] = application.split('/');
  return {
    [SECRET_HEADER]: SHARED_SECRET,
    'Argocd-Application-Name': `${namespace}:${name}`,
    'Argocd-Project-Name': project,
    'Argocd-Username': 'alice',
    'Argocd-User-Groups': SANDBOX_OPERATORS,
    'Content-Type': 'application/json',
  };
}
