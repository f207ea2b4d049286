import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { type Config, loadConfig } from '../config.js';
import { kubeClients } from '../kube/clients.js';
import { type LlmConfig, loadLlmConfig } from '../llm/config.js';
import { type ScenarioEnvironment, startScenarioEnvironment } from '../sandbox/scenario/environment.js';
import { readScenario, type Scenario } from '../sandbox/scenario/read-scenario.js';
import { createDemoServer, listen } from './demo-server.js';
import {
  buildHostBundles,
  extensionsScript,
  packageDir,
  packageRoot,
  type ReactVersion,
  react16Files,
} from './host-assets.js';
import { availableLlm } from './llm-availability.js';
import { SandboxReader } from './sandbox-reader.js';

export interface DemoOptions {
  /** Every scenario directory in it is loaded; default test/scenarios of the repository. */
  scenariosDir?: string;
  /** The page's port; 0 picks a free one. Default 8080. */
  port?: number;
  /** The React the page runs without `?react=`. Default 19. */
  react?: ReactVersion;
  /** How long an app in auto mode stays in trouble before the controller fixes it. Default 20 s. */
  triggerAfterMs?: number;
  /** The model; by default Ollama at OLLAMA_HOST (or its default address) if it answers, else off. */
  llm?: LlmConfig;
  /** The backend's log level. Default warn. */
  logLevel?: string;
  /** Where the built UI extension is; default dist/extension/resources. */
  extensionsDir?: string;
}

export interface Demo {
  /** The host page. */
  url: string;
  /** The backend, as argocd-server's proxy reaches it. */
  backendUrl: string;
  environment: ScenarioEnvironment;
  scenarios: Scenario[];
  llm: LlmConfig;
  config: Config;
  close(): Promise<void>;
}

/** The demo user: Argo CD's local admin account, whose sub claim is its name and which has no groups. */
const DEMO_USER = { username: 'admin', userId: 'admin', groups: [] };

async function readScenarios(dir: string): Promise<Scenario[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const dirs = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(dir, entry.name))
    .sort();
  return Promise.all(dirs.map((scenarioDir) => readScenario(scenarioDir)));
}

/** The backend's configuration for the demo: loopback, a fresh secret, a controller that acts soon. */
function demoConfig(environment: ScenarioEnvironment, options: DemoOptions, llm: LlmConfig): Config {
  const defaults = loadConfig({
    AI_SRE_SHARED_SECRET: randomBytes(24).toString('base64url'),
    AI_SRE_LOG_LEVEL: options.logLevel ?? 'warn',
    AI_SRE_READ_SECRET_KEYS: 'true',
    AI_SRE_NAMESPACE: 'argocd',
  });
  const triggerAfterMs = options.triggerAfterMs ?? 20_000;
  return {
    ...defaults,
    host: '127.0.0.1',
    port: 0,
    healthPort: 0,
    llm,
    git: { ...defaults.git, cacheDir: join(environment.workDir, 'git-cache') },
    remediation: {
      ...defaults.remediation,
      triggerAfterMs,
      // Look often enough that the fix follows the trigger within a couple of seconds.
      intervalMs: Math.min(defaults.remediation.intervalMs, Math.max(200, Math.floor(triggerAfterMs / 10))),
      leaseSeconds: 5,
    },
  };
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * Every scenario on one sandbox cluster and Git server, the backend with its remediation
 * controller in front of it, and the Argo-like page that loads the UI extension through the same
 * proxy argocd-server would be. Apps keep the modes their scenario.yaml gives them.
 */
export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const root = packageRoot();
  const extensionsDir = options.extensionsDir ?? join(root, 'dist', 'extension', 'resources');
  // Checked before anything starts: without the extension the page would be an empty shell.
  await extensionsScript(extensionsDir);
  const [bundles, llm, scenarios] = await Promise.all([
    buildHostBundles(root),
    options.llm ?? availableLlm(loadLlmConfig(process.env, { defaultProvider: 'ollama' })),
    readScenarios(options.scenariosDir ?? join(root, 'test', 'scenarios')),
  ]);
  const environment = await startScenarioEnvironment(scenarios);
  let backend: FastifyInstance | undefined;
  let server: Server | undefined;
  try {
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(environment.kubeconfig);
    const kube = kubeClients(kubeConfig);
    const config = demoConfig(environment, options, llm);
    backend = await buildApp({ config, kube, gitEnv: environment.gitEnv, controller: true });
    const backendUrl = await backend.listen({ host: config.host, port: config.port });
    const sandbox = new SandboxReader(kube);
    const react16 = react16Files(root);
    server = createDemoServer({
      bundles,
      defaultReact: options.react ?? '19',
      files: {
        '/assets/argo.css': join(root, 'backend', 'src', 'demo', 'page', 'argo.css'),
        '/assets/react-16/react.js': react16.react,
        '/assets/react-16/react-dom.js': react16.reactDom,
      },
      folders: { '/assets/fontawesome/': packageDir(root, '@fortawesome/fontawesome-free') },
      extensionsDir,
      sandbox,
      proxy: {
        backendUrl,
        backend: {
          sharedSecretHeader: config.sharedSecretHeader,
          sharedSecret: config.sharedSecret,
          argocdNamespace: config.argocdNamespace,
        },
        user: DEMO_USER,
      },
    });
    const url = await listen(server, options.port ?? 8080);
    const started = { backend, server };
    return {
      url,
      backendUrl,
      environment,
      scenarios,
      llm,
      config,
      async close() {
        await close(started.server);
        await started.backend.close();
        await environment.close();
      },
    };
  } catch (error) {
    if (server) await close(server);
    await backend?.close();
    await environment.close();
    throw error;
  }
}
