import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../backend/src/limits/config.js';
import { argocdHeaders, startBackend, type TestBackend } from '../support/backend.js';

const scenario = join(import.meta.dirname, '..', 'scenarios', 'image-registry-mirror');

describe('the diagnosis cache', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    // Long enough that no entry expires during the test, however slow the machine.
    backend = await startBackend([scenario], {
      config: { limits: { ...DEFAULT_LIMITS, diagnosisCacheMs: 60_000, maxEventLoopDelayMs: 0 } },
    });
  });
  afterAll(async () => backend.close());

  const diagnose = (body: unknown = {}, query = '') =>
    fetch(`${backend.url}/api/v1/diagnoses${query}`, {
      method: 'POST',
      headers: argocdHeaders('argocd/shop-web'),
      body: JSON.stringify(body),
    });
  const apiCalls = () => backend.environment.apiServer.requestLog.length;
  /** API calls made while `work` runs. */
  const callsDuring = async (work: () => Promise<unknown>) => {
    backend.environment.apiServer.clearRequestLog();
    await work();
    return apiCalls();
  };

  it('answers concurrent identical requests with one reading of the cluster, and repeats from the cache', async () => {
    const single = await callsDuring(async () =>
      expect((await diagnose({ refresh: true })).status).toBe(200),
    );
    expect(single).toBeGreaterThan(0);
    // One refreshed diagnosis is now cached: wait for nothing, start afresh with another target.
    const target = { target: { group: 'apps', kind: 'Deployment', namespace: 'shop', name: 'web' } };
    const concurrent = await callsDuring(async () => {
      const responses = await Promise.all(Array.from({ length: 8 }, () => diagnose(target)));
      const bodies = await Promise.all(responses.map((response) => response.json()));
      expect(bodies.map((body) => body.message ?? 200)).toEqual(Array(8).fill(200));
      expect(new Set(bodies.map((body) => body.capturedAt)).size).toBe(1);
    });
    expect(concurrent).toBeGreaterThan(0);
    expect(concurrent).toBeLessThanOrEqual(single);
    expect(await callsDuring(async () => expect((await diagnose(target)).status).toBe(200))).toBe(0);
    expect(await callsDuring(async () => expect((await diagnose()).status).toBe(200))).toBe(0);
  });

  it('reads the cluster afresh when asked to, in the body or the query', async () => {
    await diagnose();
    expect(
      await callsDuring(async () => expect((await diagnose({ refresh: true })).status).toBe(200)),
    ).toBeGreaterThan(0);
    expect(
      await callsDuring(async () => expect((await diagnose({}, '?refresh=true')).status).toBe(200)),
    ).toBeGreaterThan(0);
    expect(await callsDuring(async () => expect((await diagnose({ refresh: false })).status).toBe(200))).toBe(
      0,
    );
  });

  it('refuses a refresh that is not a boolean, saying so', async () => {
    const response = await diagnose({ refresh: 'yes' });
    expect(response.status).toBe(400);
    expect((await response.json()).message).toMatch(/refresh/);
    const query = await diagnose({}, '?refresh=maybe');
    expect(query.status).toBe(400);
    expect((await query.json()).message).toMatch(/refresh/);
  });

  it('still checks the project of every request against the cached diagnosis', async () => {
    await diagnose();
    const other = await fetch(`${backend.url}/api/v1/diagnoses`, {
      method: 'POST',
      headers: argocdHeaders('argocd/shop-web', 'other-project'),
      body: '{}',
    });
    expect(other.status).toBe(403);
  });
});
