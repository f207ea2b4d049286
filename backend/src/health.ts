import Fastify, { type FastifyInstance } from 'fastify';
import { describeApiError } from './kube/api-error.js';
import type { KubeClients } from './kube/clients.js';
import type { Metrics } from './metrics/registry.js';
import { withTimeout } from './support/limiter.js';

/** What @fastify/under-pressure adds to the API's Fastify instance (plugins/limits.ts). */
export interface PressureGauge {
  isUnderPressure(): boolean;
  memoryUsage(): { heapUsed: number; eventLoopDelay: number };
}

function mebibytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MiB`;
}

/**
 * Liveness, readiness and Prometheus metrics, on their own port so Argo CD's proxy never reaches
 * them. Ready means the Kubernetes API answers (without it there is nothing to diagnose) and the
 * API is not refusing work under pressure, so a Service sends requests to other replicas until it
 * recovers. Liveness ignores pressure: restarting a busy process loses its work and helps nobody.
 */
export async function buildHealthApp(
  kube: KubeClients,
  timeoutMs: number,
  metrics: Metrics,
  pressure?: PressureGauge,
): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    if (pressure?.isUnderPressure()) {
      const { heapUsed, eventLoopDelay } = pressure.memoryUsage();
      return reply.code(503).send({
        status: 'not ready',
        reason: `under pressure: event loop delay ${Math.round(eventLoopDelay)} ms, heap used ${mebibytes(heapUsed)}`,
      });
    }
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
