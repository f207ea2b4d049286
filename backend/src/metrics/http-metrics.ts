import type { FastifyInstance } from 'fastify';
import type { Metrics } from './registry.js';

/** Requests that matched no route share one label, so a scanner's random paths cannot grow the series. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Counts and times every response of `app` by its route template (`/api/v1/diagnoses`, never the
 * raw URL). A root hook reaches the routes of plugins registered before it, so this can be called
 * on the assembled app.
 */
export function observeHttp(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', async (request, reply) => {
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? UNMATCHED_ROUTE,
      status: String(reply.statusCode),
    };
    metrics.httpRequests.inc(labels);
    metrics.httpRequestDuration.observe(labels, reply.elapsedTime / 1000);
  });
}
