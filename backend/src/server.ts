import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { buildHealthApp } from './health.js';
import { kubeClients, loadKubeConfig } from './kube/clients.js';
import { observeHttp } from './metrics/http-metrics.js';
import { createMetrics } from './metrics/registry.js';

async function start(): Promise<void> {
  const config = loadConfig();
  const kube = kubeClients(loadKubeConfig(config.kubeconfigPath), {
    callTimeoutMs: config.kube.callTimeoutMs,
  });
  const metrics = createMetrics();
  const app = await buildApp({ config, kube });
  observeHttp(app, metrics);
  const health = await buildHealthApp(kube, config.kube.callTimeoutMs, metrics, app);
  await app.listen({ host: config.host, port: config.port });
  await health.listen({ host: config.host, port: config.healthPort });
  const stop = async () => {
    await Promise.all([app.close(), health.close()]);
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

start().catch((error: unknown) => {
  const message = error instanceof ConfigError ? `configuration: ${error.message}` : String(error);
  process.stderr.write(`argocd-ai-sre cannot start: ${message}\n`);
  process.exit(1);
});
