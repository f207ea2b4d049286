import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Everything /metrics exposes: Node's process metrics and the API's request metrics. */
export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpRequestDuration: Histogram<'method' | 'route' | 'status'>;
}

/**
 * One registry per process, not prom-client's global one, so a test (or a second app in the same
 * process) starts from zero and never registers a metric twice.
 */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labelNames = ['method', 'route', 'status'] as const;
  return {
    registry,
    httpRequests: new Counter({
      name: 'argocd_ai_sre_http_requests_total',
      help: 'Requests answered by the API that Argo CD proxies to, by route template and status code.',
      labelNames,
      registers: [registry],
    }),
    httpRequestDuration: new Histogram({
      name: 'argocd_ai_sre_http_request_duration_seconds',
      help: 'Time from request to response of the API that Argo CD proxies to, by route template and status code.',
      labelNames,
      // A diagnosis takes from tens of milliseconds (a small app) to many seconds (a slow API server).
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
  };
}
