import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiException, AppsV1Api, CoreV1Api, CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import {
  SandboxApiServer,
  type SandboxApiServerOptions,
} from '../../../backend/src/sandbox/apiserver/index.js';
import { objectsFromFiles } from '../../support/snapshot.js';

const scenariosDir = join(import.meta.dirname, '../../scenarios');

/** The recorded cluster objects of one of the repository's scenarios. */
export function scenarioObjects(scenario: string, ...files: string[]) {
  const names =
    files.length > 0 ? files : ['application.yaml', 'workloads.yaml', 'events.yaml', 'runbooks.yaml'];
  return objectsFromFiles(...names.map((file) => join(scenariosDir, scenario, 'cluster', file)));
}

export function scenarioLog(scenario: string, namespace: string, pod: string, file: string): string {
  return readFileSync(join(scenariosDir, scenario, 'logs', namespace, pod, file), 'utf8');
}

/** A running sandbox with client-node clients and a kubeconfig file for kubectl. */
export interface Sandbox {
  server: SandboxApiServer;
  config: KubeConfig;
  kubeconfigPath: string;
  core: CoreV1Api;
  apps: AppsV1Api;
  custom: CustomObjectsApi;
  /** Clients logged in as another user of the server. */
  as(userName: string): { config: KubeConfig; core: CoreV1Api; apps: AppsV1Api };
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxApiServerOptions = {}): Promise<Sandbox> {
  const server = new SandboxApiServer(options);
  await server.listen();
  const config = new KubeConfig();
  config.loadFromString(server.kubeconfig());
  const directory = mkdtempSync(join(tmpdir(), 'sandbox-apiserver-'));
  const kubeconfigPath = join(directory, 'kubeconfig');
  writeFileSync(kubeconfigPath, server.kubeconfig());
  return {
    server,
    config,
    kubeconfigPath,
    core: config.makeApiClient(CoreV1Api),
    apps: config.makeApiClient(AppsV1Api),
    custom: config.makeApiClient(CustomObjectsApi),
    as(userName) {
      const userConfig = new KubeConfig();
      userConfig.loadFromString(server.kubeconfig(userName));
      return {
        config: userConfig,
        core: userConfig.makeApiClient(CoreV1Api),
        apps: userConfig.makeApiClient(AppsV1Api),
      };
    },
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs kubectl against the sandbox with a private discovery cache. */
export function kubectl(sandbox: Sandbox, ...args: string[]): Promise<KubectlResult> {
  const binary = process.env.KUBECTL ?? 'kubectl';
  const cacheDir = join(sandbox.kubeconfigPath, '..', 'cache');
  return new Promise((resolve) => {
    execFile(
      binary,
      ['--kubeconfig', sandbox.kubeconfigPath, '--cache-dir', cacheDir, ...args],
      { env: { ...process.env, HOME: join(sandbox.kubeconfigPath, '..') } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A failed client-node call: its HTTP code and the Status the server answered with. */
export interface Failure {
  code: number;
  status: unknown;
}

/** Awaits a call that must fail with an ApiException; client-node leaves error bodies as text. */
export async function failure(call: Promise<unknown>): Promise<Failure> {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof ApiException)) throw error;
    const body: unknown = error.body;
    return { code: error.code, status: typeof body === 'string' && body !== '' ? JSON.parse(body) : body };
  }
  throw new Error('the request succeeded');
}
