import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argocdHeaders, SECRET_HEADER, startBackend, type TestBackend } from '../support/backend.js';

const scenarios = join(import.meta.dirname, '..', 'scenarios');

describe('POST /api/v1/diagnoses', () => {
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await startBackend([
      join(scenarios, 'image-registry-mirror'),
      join(scenarios, 'oom-raise-memory'),
    ]);
  });
  afterAll(async () => backend.close());

  const post = (headers: Record<string, string>, body: unknown = {}) =>
    fetch(`${backend.url}/api/v1/diagnoses`, { method: 'POST', headers, body: JSON.stringify(body) });

  it('diagnoses the app Argo CD names, root cause first', async () => {
    const response = await post(argocdHeaders('argocd/shop-web'));
    expect(response.status).toBe(200);
    const diagnosis = await response.json();
    expect(diagnosis.application).toMatchObject({
      namespace: 'argocd',
      name: 'shop-web',
      project: 'default',
    });
    expect(diagnosis.primary.type).toBe('ImagePullBackOff');
    expect(diagnosis.primary.params).toMatchObject({
      registry: 'registry-a.example.com',
      cause: 'Unreachable',
    });
    expect(diagnosis.primary.evidence.length).toBeGreaterThan(0);
    expect(diagnosis.symptoms.map((symptom: { type: string }) => symptom.type)).toContain(
      'ProgressDeadlineExceeded',
    );
    expect(diagnosis.timings.map((timing: { phase: string }) => timing.phase)).toEqual([
      'gather',
      'detect',
      'rank',
      'match',
    ]);
    expect(diagnosis.notes).toEqual([]);
  });

  it('diagnoses one resource of the app, and a Pod the app owns', async () => {
    const target = { group: 'apps', kind: 'Deployment', namespace: 'imaging', name: 'image-resizer' };
    const response = await post(argocdHeaders('argocd/image-resizer'), { target });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ target, primary: { type: 'OOMKilled' } });

    const pod = { group: '', kind: 'Pod', namespace: 'imaging', name: 'image-resizer-lll2ctnq4h-q4m8z' };
    expect((await post(argocdHeaders('argocd/image-resizer'), { target: pod })).status).toBe(200);
  });

  it('refuses a request without the shared secret (401)', async () => {
    const { [SECRET_HEADER]: _secret, ...headers } = argocdHeaders('argocd/shop-web');
    const response = await post(headers);
    expect(response.status).toBe(401);
    expect((await response.json()).message).toMatch(/Argo CD/);
    expect((await post({ ...headers, [SECRET_HEADER]: 'wrong-secret-of-some-length' })).status).toBe(401);
  });

  it('refuses a missing or malformed Argo CD header (400)', async () => {
    const { 'Argocd-Application-Name': _app, ...withoutApp } = argocdHeaders('argocd/shop-web');
    const missing = await post(withoutApp);
    expect(missing.status).toBe(400);
    expect((await missing.json()).message).toBe('header Argocd-Application-Name must be provided');
    const malformed = await post({ ...withoutApp, 'Argocd-Application-Name': 'shop-web' });
    expect(malformed.status).toBe(400);
    const { 'Argocd-Project-Name': _project, ...withoutProject } = argocdHeaders('argocd/shop-web');
    expect((await post(withoutProject)).status).toBe(400);
  });

  it('refuses a target that belongs to another app (403)', async () => {
    const target = { group: 'apps', kind: 'Deployment', namespace: 'imaging', name: 'image-resizer' };
    const response = await post(argocdHeaders('argocd/shop-web'), { target });
    expect(response.status).toBe(403);
    expect((await response.json()).message).toMatch(/not part of this application/);
  });

  it('refuses a project that is not the app’s (403) and an unknown app (404)', async () => {
    expect((await post(argocdHeaders('argocd/shop-web', 'payments'))).status).toBe(403);
    expect((await post(argocdHeaders('argocd/no-such-app'))).status).toBe(404);
  });

  it('takes a request without a body as one for the whole app, and refuses a body that is not JSON', async () => {
    const empty = await fetch(`${backend.url}/api/v1/diagnoses`, {
      method: 'POST',
      headers: argocdHeaders('argocd/shop-web'),
    });
    expect(empty.status).toBe(200);
    const broken = await fetch(`${backend.url}/api/v1/diagnoses`, {
      method: 'POST',
      headers: argocdHeaders('argocd/shop-web'),
      body: '{"target": ',
    });
    expect(broken.status).toBe(400);
    expect((await broken.json()).message).toBe('the body is not valid JSON');
  });

  it('rejects a body that is not a diagnosis request (400)', async () => {
    const response = await post(argocdHeaders('argocd/shop-web'), { target: { kind: 'Deployment' } });
    expect(response.status).toBe(400);
    expect((await post(argocdHeaders('argocd/shop-web'), { app: 'other' })).status).toBe(400);
  });

  it('goes on with a note when the API server fails on events (500) or forbids them (403)', async () => {
    for (const code of [500, 403]) {
      const removeFault = backend.environment.apiServer.injectFault({
        verb: 'list',
        resource: 'events',
        code,
      });
      try {
        const response = await post(argocdHeaders('argocd/shop-web'));
        expect(response.status).toBe(200);
        const diagnosis = await response.json();
        expect(diagnosis.primary.type).toBe('ImagePullBackOff');
        expect(diagnosis.notes).toEqual([
          expect.stringMatching(new RegExp(`^Event list .* in shop unavailable: ${code} `)),
        ]);
      } finally {
        removeFault();
      }
    }
  });

  it('answers 502 without internal detail when the Application cannot be read', async () => {
    const removeFault = backend.environment.apiServer.injectFault({ resource: 'applications', code: 500 });
    try {
      const response = await post(argocdHeaders('argocd/shop-web'));
      expect(response.status).toBe(502);
      expect((await response.json()).message).toMatch(/^cannot read the Application: 500/);
    } finally {
      removeFault();
    }
  });
});
