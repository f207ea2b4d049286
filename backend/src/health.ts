import Fastify, { type FastifyInstance } from 'fastify';
import { describeApiError } from './kube/api-error.js';
import type { KubeClients } from './kube/clients.js';
import type { Metrics } from './metrics/registry.js';
import { withTimeout } from './support/limiter.js';

/**
 * Liveness, readiness and Prometheus metrics, on their own port so Argo CD's proxy never reaches
 * them. Ready means the Kubernetes API answers: without it there is nothing to diagnose.
 */
export async function buildHealthApp(
  kube: KubeClients,
  timeoutMs: number,
  metrics: Metrics,
): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await withTimeout(kube.core.getAPIResources(), timeoutMs, 'Kubernetes API');
      return { status: 'ready' };
    } catch (error) {
      return reply
        .code(503)
        .send({ status: 'not ready', reason: `Kubernetes API: ${describeApiError(error)}` });
    }
  });
  app.get('/metrics', async (_request, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
  return app;
}
