import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { KubeConfig } from '@kubernetes/client-node';
import { buildApp } from '../app.js';
import { type Config, loadConfig } from '../config.js';
import { kubeClients } from '../kube/clients.js';
import { startScenarioEnvironment } from '../sandbox/scenario/environment.js';
import { readScenario } from '../sandbox/scenario/read-scenario.js';

/**
 * `argocd-ai-sre demo [--scenarios <dir>] [--port <n>]`: every scenario on one sandbox cluster, and the
 * backend in front of it, as Argo CD's proxy would reach it.
 */
export async function demoCommand(args: readonly string[], out: NodeJS.WritableStream): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      scenarios: { type: 'string', default: 'test/scenarios' },
      port: { type: 'string', default: '8080' },
    },
  });
  const dirs = (await readdir(values.scenarios, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(values.scenarios, entry.name))
    .sort();
  const scenarios = await Promise.all(dirs.map((dir) => readScenario(dir)));
  const environment = await startScenarioEnvironment(scenarios);
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(environment.kubeconfig);
  const defaults = loadConfig({
    AI_SRE_SHARED_SECRET: randomBytes(24).toString('base64url'),
    AI_SRE_LOG_LEVEL: 'warn',
    AI_SRE_READ_SECRET_KEYS: 'true',
    AI_SRE_NAMESPACE: 'argocd',
  });
  const config: Config = { ...defaults, host: '127.0.0.1', port: Number(values.port), healthPort: 0 };
  const app = await buildApp({ config, kube: kubeClients(kubeConfig) });
  const url = await app.listen({ host: config.host, port: config.port });
  out.write(`backend: ${url} (the sandbox holds ${scenarios.length} scenarios)\n\nTry:\n`);
  for (const scenario of scenarios.slice(0, 3)) {
    const [namespace, name] = scenario.spec.application.split('/');
    out.write(
      `  curl -s -X POST ${url}/api/v1/diagnoses -H 'Content-Type: application/json' -d '{}' \\\n` +
        `    -H '${config.sharedSecretHeader}: ${config.sharedSecret}' \\\n` +
        `    -H 'Argocd-Application-Name: ${namespace}:${name}' -H 'Argocd-Project-Name: ${scenario.application.spec.project}'\n`,
    );
  }
  out.write('\nStop with Ctrl-C.\n');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await app.close();
  await environment.close();
  return 0;
}
