import { KubeConfig } from '@kubernetes/client-node';
import { buildApp } from '../../backend/src/app.js';
import { loadConfig } from '../../backend/src/config.js';
import { kubeClients } from '../../backend/src/kube/clients.js';
import { DEFAULT_LIMITS, type LimitsConfig } from '../../backend/src/limits/config.js';
import { startScenarioEnvironment } from '../../backend/src/sandbox/scenario/environment.js';
import { readScenario } from '../../backend/src/sandbox/scenario/read-scenario.js';
import { type Benchmark, type BenchRow, percentile } from '../benchmark.js';

const CLIENTS = 20;
const DURATION_MS = 10_000;
const SECRET_HEADER = 'X-Argocd-Ai-Sre-Secret';
const SHARED_SECRET = 'benchmark-shared-secret-000';

interface Route {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

const ROUTES: readonly Route[] = [
  // No refresh: the diagnosis cache answers, as when many people open the tab of one app.
  { name: 'POST /diagnoses (cached)', method: 'POST', path: '/api/v1/diagnoses', body: '{}' },
  { name: 'GET /settings', method: 'GET', path: '/api/v1/settings' },
  { name: 'GET /remediations', method: 'GET', path: '/api/v1/remediations' },
];

interface LoadResult {
  latencies: number[];
  statuses: Map<number, number>;
  failures: number;
  elapsedMs: number;
}

/** Each client its own user, or all of them one user (`shared`). */
function headersOf(client: number, shared = false): Record<string, string> {
  return {
    [SECRET_HEADER]: SHARED_SECRET,
    'Argocd-Application-Name': 'argocd:shop-web',
    'Argocd-Project-Name': 'default',
    'Argocd-Username': shared ? 'one-user' : `user-${client}`,
    'Content-Type': 'application/json',
  };
}

/** CLIENTS loops, each sending its next request when the last is answered, for DURATION_MS. */
async function holdLoad(url: string, route: Route, oneUser = false): Promise<LoadResult> {
  const result: LoadResult = { latencies: [], statuses: new Map(), failures: 0, elapsedMs: 0 };
  const started = performance.now();
  const deadline = started + DURATION_MS;
  const client = async (index: number) => {
    const headers = headersOf(index, oneUser);
    while (performance.now() < deadline) {
      const sent = performance.now();
      try {
        const response = await fetch(`${url}${route.path}`, {
          method: route.method,
          headers,
          ...(route.body === undefined ? {} : { body: route.body }),
        });
        await response.arrayBuffer();
        result.statuses.set(response.status, (result.statuses.get(response.status) ?? 0) + 1);
      } catch {
        result.failures++;
      }
      result.latencies.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, index) => client(index)));
  result.elapsedMs = performance.now() - started;
  return result;
}

function count(result: LoadResult, accept: (status: number) => boolean): number {
  return [...result.statuses].reduce((sum, [status, times]) => sum + (accept(status) ? times : 0), 0);
}

function rowsOf(route: Route, result: LoadResult): BenchRow[] {
  const total = result.latencies.length;
  const errors = result.failures + count(result, (status) => status < 200 || status >= 300);
  return [
    { figure: `${route.name}: requests per second`, value: (total / result.elapsedMs) * 1000, unit: 'req/s' },
    // No target: on a shared machine the latency says as much about the neighbours as about the server.
    { figure: `${route.name}: p99 latency`, value: percentile(result.latencies, 99), unit: 'ms' },
    {
      figure: `${route.name}: error rate`,
      value: total === 0 ? 100 : (errors / total) * 100,
      unit: '%',
      target: { op: '<=', value: 0 },
    },
  ];
}

/** The backend in front of a sandbox with one scenario loaded, with the given limits. */
async function startBackend(limits: Partial<LimitsConfig>) {
  const scenario = await readScenario('test/scenarios/image-registry-mirror');
  const environment = await startScenarioEnvironment([scenario]);
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(environment.kubeconfig);
  const loaded = loadConfig({
    AI_SRE_SHARED_SECRET: SHARED_SECRET,
    AI_SRE_LOG_LEVEL: 'silent',
    AI_SRE_NAMESPACE: 'argocd',
  });
  const app = await buildApp({
    config: { ...loaded, host: '127.0.0.1', port: 0, limits: { ...loaded.limits, ...limits } },
    kube: kubeClients(kubeConfig, { callTimeoutMs: loaded.kube.callTimeoutMs }),
    logger: false,
    gitEnv: environment.gitEnv,
    controller: false,
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    close: async () => {
      await app.close();
      await environment.close();
    },
  };
}

export const loadBenchmark: Benchmark = {
  name: 'load',
  description: `${CLIENTS} concurrent clients for ${DURATION_MS / 1000} s per route: throughput, p99 latency, errors; then the rate limiter's effect on one user`,
  async run() {
    const rows: BenchRow[] = [];
    // The server, not the limiter: rate limits off, every other limit (pressure, cache) at its default.
    const server = await startBackend({ requestsPerMinute: 0, writesPerMinute: 0 });
    try {
      for (const route of ROUTES) rows.push(...rowsOf(route, await holdLoad(server.url, route)));
    } finally {
      await server.close();
    }
    // The limiter at its defaults, all clients as one user far above a UI's pace: it lets through
    // its 600 a minute (all of them within these seconds) and refuses the rest, cheaply.
    const limited = await startBackend({});
    try {
      const route = ROUTES[1] as Route;
      const result = await holdLoad(limited.url, route, true);
      const total = result.latencies.length;
      const limitedRoute = `${route.name}, ${CLIENTS} clients as one user, default rate limits`;
      rows.push(
        {
          figure: `${limitedRoute}: requests per second`,
          value: (total / result.elapsedMs) * 1000,
          unit: 'req/s',
        },
        {
          figure: `${limitedRoute}: answered (200)`,
          value: count(result, (status) => status === 200),
          unit: 'req',
          target: { op: '<=', value: DEFAULT_LIMITS.requestsPerMinute },
        },
        {
          figure: `${limitedRoute}: refused (429)`,
          value: total === 0 ? 0 : (count(result, (status) => status === 429) / total) * 100,
          unit: '%',
        },
      );
    } finally {
      await limited.close();
    }
    return rows;
  },
};
