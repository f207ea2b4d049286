import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, type LimitsConfig } from '../../backend/src/limits/config.js';
import { argocdHeaders, startBackend, type TestBackend } from '../support/backend.js';

const scenario = join(import.meta.dirname, '..', 'scenarios', 'image-registry-mirror');

describe('limits of the API', () => {
  let backend: TestBackend | undefined;
  afterEach(async () => {
    await backend?.close();
    backend = undefined;
  });

  const start = async (limits: Partial<LimitsConfig> = {}) => {
    backend = await startBackend([scenario], {
      config: { limits: { ...DEFAULT_LIMITS, diagnosisCacheMs: 0, maxEventLoopDelayMs: 0, ...limits } },
    });
    return backend;
  };
  const headersOf = (user?: string) => {
    const headers = argocdHeaders('argocd/shop-web');
    if (user === undefined) delete headers['Argocd-Username'];
    else headers['Argocd-Username'] = user;
    return headers;
  };

  it('refuses a body over the limit with a 413 that says the limit, declared or streamed', async () => {
    const { url } = await start();
    const body = JSON.stringify({ target: { group: '', kind: 'Pod', name: 'x'.repeat(70 * 1024) } });
    const response = await fetch(`${url}/api/v1/diagnoses`, {
      method: 'POST',
      headers: headersOf('alice'),
      body,
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({
      statusCode: 413,
      message: 'the request body is 70 KiB; this API accepts at most 64 KiB',
    });
    // No Content-Length: Fastify counts while reading and stops at the limit.
    const streamed = await fetch(`${url}/api/v1/diagnoses`, {
      method: 'POST',
      headers: headersOf('alice'),
      body: new Blob([body]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await streamed.json()).message).toMatch(/too large/i);
  });

  it('limits requests per user with a 429, Retry-After and the limit it hit; other users go on', async () => {
    const { url } = await start({ requestsPerMinute: 3 });
    const get = (user?: string) => fetch(`${url}/api/v1/settings`, { headers: headersOf(user) });
    for (let index = 0; index < 3; index++) expect((await get('alice')).status).toBe(200);
    const refused = await get('alice');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await refused.json()).message).toMatch(
      /^too many requests from user alice: at most 3 a minute; try again in \d+ s$/,
    );
    expect((await get('bob')).status).toBe(200);
  });

  it('counts requests without a user name against the app', async () => {
    const { url } = await start({ requestsPerMinute: 1 });
    const get = () => fetch(`${url}/api/v1/settings`, { headers: headersOf() });
    expect((await get()).status).toBe(200);
    const refused = await get();
    expect(refused.status).toBe(429);
    expect((await refused.json()).message).toMatch(
      /^too many requests from app argocd\/shop-web: at most 1 a minute/,
    );
  });

  it('limits writes apart and tighter, leaving reads and diagnoses alone', async () => {
    const { url } = await start({ writesPerMinute: 2 });
    const setMode = () =>
      fetch(`${url}/api/v1/settings`, {
        method: 'PUT',
        headers: headersOf('alice'),
        body: JSON.stringify({ mode: 'approve' }),
      });
    for (let index = 0; index < 2; index++) expect((await setMode()).status).toBe(200);
    const refused = await setMode();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).not.toBeNull();
    expect((await refused.json()).message).toMatch(/^too many writes from user alice: at most 2 a minute/);
    expect((await fetch(`${url}/api/v1/settings`, { headers: headersOf('alice') })).status).toBe(200);
    const diagnose = () =>
      fetch(`${url}/api/v1/diagnoses`, { method: 'POST', headers: headersOf('alice'), body: '{}' });
    for (let index = 0; index < 3; index++) expect((await diagnose()).status).toBe(200);
  });

  it('never throttles the UI polling a few times a second for half a minute at the defaults', async () => {
    const { url } = await start();
    // Three panels polling every second for 30 s, from one user.
    const statuses = [];
    for (let index = 0; index < 90; index++) {
      statuses.push((await fetch(`${url}/api/v1/settings`, { headers: headersOf('alice') })).status);
    }
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
  });

  it('answers 503 with Retry-After and the reason while the event loop falls behind', async () => {
    const { app } = await start({ maxEventLoopDelayMs: 1, pressureRetryAfterSeconds: 7 });
    // Block the event loop again and again until under-pressure's sampler sees it.
    const busy = setInterval(() => {
      const until = performance.now() + 40;
      while (performance.now() < until) {
        // Busy on purpose.
      }
    }, 45);
    try {
      await expect.poll(() => app.isUnderPressure(), { timeout: 10_000 }).toBe(true);
      const response = await app.inject({
        method: 'GET',
        url: '/api/v1/settings',
        headers: headersOf('alice'),
      });
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('7');
      expect(response.json().message).toBe(
        'the backend is too busy to answer now (its event loop is falling behind); try again in 7 s',
      );
    } finally {
      clearInterval(busy);
    }
  });

  it('answers 504 naming the Kubernetes API when it stops answering a typed call, then recovers', async () => {
    const { url, environment } = await start();
    const removeFault = environment.apiServer.injectFault({
      verb: 'list',
      resource: 'configmaps',
      stall: true,
    });
    try {
      const response = await fetch(`${url}/api/v1/remediations`, { headers: headersOf('alice') });
      expect(response.status).toBe(504);
      expect((await response.json()).message).toBe('the Kubernetes API did not answer within 2 s');
    } finally {
      removeFault();
    }
    // Nothing is lost: the next call goes through as if nothing happened.
    expect((await fetch(`${url}/api/v1/remediations`, { headers: headersOf('alice') })).status).toBe(200);
  });
});
