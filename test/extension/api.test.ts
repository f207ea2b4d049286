import { describe, expect, it } from 'vitest';
import { createApi, type Retry } from '../../extension/src/api.js';
import { ApiError } from '../../extension/src/api-error.js';
import type { DiagnosisEvent } from '../../extension/src/diagnosis-stream.js';
import { EventStream, FakeBackend, failure, hang, json, networkDown } from './harness/fake-backend.js';
import { APPLICATION, DIAGNOSIS, LLM_OFF, SETTINGS } from './harness/fixtures.js';

const QUICK = { timeoutMs: 5000, streamTimeoutMs: 5000, retryDelaysMs: [1, 1] };

function apiOf(backend: FakeBackend, options: { timeoutMs?: number } = {}) {
  return createApi({ fetch: backend.fetch, ...QUICK, ...options })(APPLICATION);
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

describe('the API client', () => {
  it('sends the headers Argo CD authorises the request by', async () => {
    const backend = new FakeBackend().on('GET /settings', json(SETTINGS));
    await apiOf(backend).settings();
    expect(backend.requests[0]?.headers).toMatchObject({
      'argocd-application-name': 'argocd:checkout',
      'argocd-project-name': 'shop',
      accept: 'application/json',
    });
  });

  it('tries a read again after a network error or a busy backend, and reports each retry', async () => {
    const backend = new FakeBackend().on(
      'GET /settings',
      networkDown,
      failure(503, 'Service Unavailable', 'the backend is busy'),
      json(SETTINGS),
    );
    const retries: Retry[] = [];
    expect(await apiOf(backend).settings({ onRetry: (retry) => retries.push(retry) })).toEqual(SETTINGS);
    expect(retries.map((retry) => retry.attempt)).toEqual([2, 3]);
    expect(retries[0]?.reason).toMatch(/Cannot reach Argo CD’s API server/);
  });

  it('tries a write once', async () => {
    const backend = new FakeBackend().on(
      'PUT /settings',
      failure(503, 'Service Unavailable', 'the backend is busy'),
    );
    const error = await rejection(apiOf(backend).setMode('auto'));
    expect(error.status).toBe(503);
    expect(error.attempts).toBe(1);
    expect(backend.requestsTo('PUT /settings')).toHaveLength(1);
  });

  it('gives up after the last retry and says how often it tried', async () => {
    const backend = new FakeBackend().on('GET /runbooks', networkDown);
    const error = await rejection(apiOf(backend).runbooks());
    expect(error.kind).toBe('network');
    expect(error.attempts).toBe(3);
  });

  it('stops waiting at the deadline and does not try again', async () => {
    const backend = new FakeBackend().on('GET /remediations', hang);
    const error = await rejection(apiOf(backend, { timeoutMs: 100 }).remediations());
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/did not answer within/);
    expect(backend.requestsTo('GET /remediations')).toHaveLength(1);
  });

  it('explains each refusal in words', async () => {
    const cases: [Response, RegExp][] = [
      [failure(401, 'Unauthorized', 'missing secret'), /secret header/],
      [new Response('Unauthorized', { status: 401 }), /extensions, invoke, ai-sre/],
      [
        failure(403, 'Forbidden', 'bob may not sync applications in project shop'),
        /^Not allowed: Bob may not sync/,
      ],
      [new Response('404 page not found', { status: 404 }), /no proxy extension "ai-sre"/],
      [
        failure(429, 'Too Many Requests', 'too many diagnoses', { 'retry-after': '12' }),
        /Too many diagnoses\. Try again in 12 s\./,
      ],
      [
        failure(502, 'Bad Gateway', 'the Kubernetes API server did not answer'),
        /could not do this: The Kubernetes API/,
      ],
      [
        new Response('<html>', { status: 200, headers: { 'content-type': 'text/html' } }),
        /proxy extensions are off/,
      ],
    ];
    for (const [answer, message] of cases) {
      const backend = new FakeBackend().on('POST /remediations', answer);
      expect((await rejection(apiOf(backend).propose(undefined))).message).toMatch(message);
    }
  });

  it('streams a diagnosis and asks for a fresh one on refresh', async () => {
    const stream = new EventStream();
    stream.send('diagnosis', DIAGNOSIS);
    stream.heartbeat();
    stream.send('llm-status', LLM_OFF);
    stream.send('done', { ...DIAGNOSIS, llm: LLM_OFF });
    stream.end();
    const backend = new FakeBackend().on('POST /diagnoses', stream.response);
    const events: DiagnosisEvent['type'][] = [];
    await apiOf(backend).diagnose(undefined, (event) => events.push(event.type), { refresh: true });
    expect(events).toEqual(['diagnosis', 'llm-status', 'done']);
    expect(backend.requests[0]?.body).toEqual({ refresh: true });
    expect(backend.requests[0]?.headers.accept).toBe('text/event-stream');
  });

  it('reports a stream that ends before the diagnosis is complete', async () => {
    const stream = new EventStream();
    stream.send('diagnosis', DIAGNOSIS);
    stream.end();
    const backend = new FakeBackend().on('POST /diagnoses', stream.response);
    const error = await rejection(apiOf(backend).diagnose(undefined, () => undefined));
    expect(error.kind).toBe('stream');
    expect(error.message).toMatch(/ended before the diagnosis was complete/);
  });

  it('reads a JSON answer from a proxy that dropped the Accept header as the same events', async () => {
    const backend = new FakeBackend().on('POST /diagnoses', json({ ...DIAGNOSIS, llm: LLM_OFF }));
    const events: DiagnosisEvent['type'][] = [];
    await apiOf(backend).diagnose(undefined, (event) => events.push(event.type));
    expect(events).toEqual(['diagnosis', 'llm-status', 'done']);
  });
});
