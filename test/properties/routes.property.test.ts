import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../backend/src/limits/config.js';
import { SANDBOX_OPERATORS } from '../../backend/src/sandbox/scenario/environment.js';
import { SECRET_HEADER, SHARED_SECRET, startBackend, type TestBackend } from '../support/backend.js';
import {
  asHeaderValue,
  bodyText,
  contentType,
  headerOf,
  queryString,
  weirdText,
} from './support/arbitraries.js';

const scenario = join(import.meta.dirname, '..', 'scenarios', 'image-registry-mirror');

/** Every route of /api/v1 with the methods it answers, and a few it does not. */
const routes: readonly [string, (id: string) => string][] = [
  ['POST', () => '/api/v1/diagnoses'],
  ['GET', () => '/api/v1/settings'],
  ['PUT', () => '/api/v1/settings'],
  ['GET', () => '/api/v1/remediations'],
  ['POST', () => '/api/v1/remediations'],
  ['POST', (id) => `/api/v1/remediations/${id}/approve`],
  ['POST', (id) => `/api/v1/remediations/${id}/reject`],
  ['GET', () => '/api/v1/runbooks'],
  ['GET', () => '/api/v1/me'],
  ['DELETE', () => '/api/v1/settings'],
  ['PATCH', (id) => `/api/v1/remediations/${id}`],
];

const request = fc.record({
  route: fc.constantFrom(...routes),
  id: fc.oneof(
    fc.constantFrom('abcd1234', 'x', '..', '%2e%2e', '%E0%A4%A', '%', '%00'),
    weirdText(20).map(encodeURIComponent),
  ),
  query: queryString,
  secret: headerOf(SHARED_SECRET, 8),
  application: headerOf('argocd:shop-web'),
  project: headerOf('default'),
  username: headerOf('alice', 3),
  groups: headerOf(SANDBOX_OPERATORS, 3),
  extra: fc.dictionary(
    weirdText(12).map((name) => `x-${asHeaderValue(name).replace(/[^a-z0-9-]/gi, '')}`),
    weirdText(30).map(asHeaderValue),
    { maxKeys: 2 },
  ),
  contentType,
  body: fc.option(bodyText, { nil: undefined }),
});

describe('every route, whatever the request', () => {
  let backend: TestBackend;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    backend = await startBackend([scenario], {
      // The limiter is tested apart; here it would only turn every later request into a 429.
      config: {
        limits: { ...DEFAULT_LIMITS, requestsPerMinute: 0, writesPerMinute: 0, maxEventLoopDelayMs: 0 },
      },
    });
    process.on('unhandledRejection', onUnhandled);
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await backend.close();
  });

  it('answers below 500, and every refusal is JSON whose message says what is wrong', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (input) => {
        const [method, path] = input.route;
        const headers: Record<string, string | string[]> = { ...input.extra };
        const set = (name: string, value: string | string[] | undefined) => {
          if (value !== undefined) headers[name] = value;
        };
        set(SECRET_HEADER, input.secret);
        set('argocd-application-name', input.application);
        set('argocd-project-name', input.project);
        set('argocd-username', input.username);
        set('argocd-user-groups', input.groups);
        set('content-type', input.contentType);
        const response = await backend.app.inject({
          method: method as 'GET',
          url: `${path(input.id)}${input.query}`,
          headers,
          ...(input.body === undefined || method === 'GET' ? {} : { payload: input.body }),
        });
        expect(response.statusCode, response.body.slice(0, 300)).toBeLessThan(500);
        expect(response.body).not.toContain(SHARED_SECRET);
        if (response.statusCode >= 400) {
          const answer = response.json() as { statusCode: number; message: unknown };
          expect(answer.statusCode).toBe(response.statusCode);
          expect(typeof answer.message).toBe('string');
          expect((answer.message as string).trim()).not.toBe('');
          expect(answer.message).not.toMatch(/\n\s+at |node_modules|\/work\//);
        }
      }),
      { numRuns: 800 },
    );
    expect(unhandled).toEqual([]);
  });
});
