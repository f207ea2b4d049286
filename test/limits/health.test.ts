import { describe, expect, it } from 'vitest';
import { buildHealthApp, type PressureGauge } from '../../backend/src/health.js';
import type { KubeClients } from '../../backend/src/kube/clients.js';
import { createMetrics } from '../../backend/src/metrics/registry.js';

/** A cluster whose API answers discovery, counting the calls. */
function answeringKube() {
  const calls = { count: 0 };
  const kube = {
    core: {
      getAPIResources: async () => {
        calls.count++;
        return { resources: [] };
      },
    },
  } as unknown as KubeClients;
  return { kube, calls };
}

const gauge = (underPressure: boolean): PressureGauge => ({
  isUnderPressure: () => underPressure,
  memoryUsage: () => ({ heapUsed: 300 * 1024 * 1024, eventLoopDelay: 1234.4 }),
});

describe('health under pressure', () => {
  it('is not ready while the API refuses work under pressure, and says why', async () => {
    const { kube, calls } = answeringKube();
    const app = await buildHealthApp(kube, 1000, createMetrics(), gauge(true));
    const response = await app.inject('/readyz');
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({
      status: 'not ready',
      reason: 'under pressure: event loop delay 1234 ms, heap used 300 MiB',
    });
    expect(calls.count).toBe(0);
    // Alive all the same: restarting a busy process would only lose its work.
    expect((await app.inject('/healthz')).statusCode).toBe(200);
  });

  it('is ready when not under pressure and the Kubernetes API answers', async () => {
    const { kube, calls } = answeringKube();
    const app = await buildHealthApp(kube, 1000, createMetrics(), gauge(false));
    expect((await app.inject('/readyz')).json()).toEqual({ status: 'ready' });
    expect(calls.count).toBe(1);
  });
});
