import { KubeConfig } from '@kubernetes/client-node';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../backend/src/app.js';
import { type Config, DEFAULT_KUBE_LIMITS } from '../../backend/src/config.js';
import { kubeClients } from '../../backend/src/kube/clients.js';
import {
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

export function testConfig(): Config {
  return {
    host: '127.0.0.1',
    port: 0,
    healthPort: 0,
    logLevel: 'silent',
    namespace: 'argocd',
    argocdNamespace: 'argocd',
    sharedSecretHeader: SECRET_HEADER,
    sharedSecret: SHARED_SECRET,
    readSecretKeys: true,
    runbookNamespaces: ['argocd'],
    kube: { ...DEFAULT_KUBE_LIMITS, callTimeoutMs: 2000 },
  };
}

/** The backend listening on loopback in front of a sandbox loaded with the named scenarios. */
export async function startBackend(scenarioDirs: readonly string[]): Promise<TestBackend> {
  const environment = await startScenarioEnvironment(
    await Promise.all(scenarioDirs.map((dir) => readScenario(dir))),
  );
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(environment.kubeconfig);
  const app = await buildApp({ config: testConfig(), kube: kubeClients(kubeConfig), logger: false });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    environment,
    app,
    url,
    async close() {
      await app.close();
      await environment.close();
    },
  };
}

/** The headers Argo CD's proxy sends for a user looking at an app. */
export function argocdHeaders(application: string, project = 'default'): Record<string, string> {
  const [namespace, name] = application.split('/');
  return {
    [SECRET_HEADER]: SHARED_SECRET,
    'Argocd-Application-Name': `${namespace}:${name}`,
    'Argocd-Project-Name': project,
    'Argocd-Username': 'alice',
    'Content-Type': 'application/json',
  };
}
