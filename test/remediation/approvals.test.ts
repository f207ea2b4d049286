import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argocdHeaders, startBackend, type TestBackend, testConfig } from '../support/backend.js';
import { branchLog, call, fastController, records, settles } from './support.js';

const scenarios = join(import.meta.dirname, '..', 'scenarios');

describe('approve mode', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startBackend(
      [join(scenarios, 'oom-raise-memory'), join(scenarios, 'readiness-wrong-port')],
      {
        controller: true,
        config: {
          remediation: {
            ...testConfig().remediation,
            ...fastController,
          },
        },
      },
    );
  });
  afterAll(async () => backend.close());

  it('proposes the runbook’s fix as a diff, waits for a human, and commits once under ten concurrent approvals', async () => {
    const proposed = await call(backend, 'argocd/image-resizer', 'POST', '/remediations', {});
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({ state: 'proposed', runbook: { id: 'oom-double-memory-limit' } });
    const files = (proposed.body.change as { files: { path: string; diff: string }[] }).files;
    expect(files.map((file) => file.path)).toEqual(['manifests/deployment.yaml']);
    expect(files[0]?.diff).toContain(
      '+              memory: 512Mi # decoded images are held in memory while resizing',
    );

    const again = await call(backend, 'argocd/image-resizer', 'POST', '/remediations', {});
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(proposed.body.id);

    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await records(backend, 'argocd/image-resizer'))[0]?.state).toBe('proposed');

    const id = proposed.body.id as string;
    const approvals = await Promise.all(
      Array.from({ length: 10 }, (_, user) =>
        call(
          backend,
          'argocd/image-resizer',
          'POST',
          `/remediations/${id}/approve`,
          undefined,
          `user-${user}`,
        ),
      ),
    );
    expect(approvals.map((approval) => approval.status)).toEqual(Array(10).fill(200));
    const done = await settles(backend, 'argocd/image-resizer', 'succeeded');
    expect(done.history.map((step) => step.state)).toEqual([
      'proposed',
      'approved',
      'committed',
      'verifying',
      'succeeded',
    ]);
    expect(done.history[1]?.by).toMatch(/^user-\d$/);
    const log = await branchLog(backend, 'oom-raise-memory');
    expect(log.filter((line) => line.endsWith(`|${id}`))).toHaveLength(1);
    expect(log).toHaveLength(2);
  });

  it('leaves Git untouched when a proposal is rejected', async () => {
    const before = await branchLog(backend, 'readiness-wrong-port');
    const proposed = await call(backend, 'argocd/storefront', 'POST', '/remediations', {});
    expect(proposed.status).toBe(201);
    const id = proposed.body.id as string;
    const rejected = await call(backend, 'argocd/storefront', 'POST', `/remediations/${id}/reject`, {
      reason: 'port 8080 is wrong too',
    });
    expect(rejected.body).toMatchObject({ state: 'rejected' });
    const late = await call(backend, 'argocd/storefront', 'POST', `/remediations/${id}/approve`);
    expect(late.status).toBe(409);
    expect(late.body.message).toBe(`remediation ${id} is rejected; it can no longer be approved`);
    expect(await branchLog(backend, 'readiness-wrong-port')).toEqual(before);
  });

  it('refuses writes from a request Argo CD names no user for, and answers 404 for another app’s record', async () => {
    const proposed = await call(backend, 'argocd/storefront', 'POST', '/remediations', {});
    const anonymous = await fetch(`${backend.url}/api/v1/remediations/${proposed.body.id}/approve`, {
      method: 'POST',
      headers: {
        ...argocdHeaders('argocd/storefront', 'web'),
        'Argocd-Username': '',
      },
    });
    expect(anonymous.status).toBe(403);
    const elsewhere = await call(
      backend,
      'argocd/image-resizer',
      'POST',
      `/remediations/${proposed.body.id}/approve`,
    );
    expect(elsewhere.status).toBe(404);
  });

  it('reads and sets the app’s mode', async () => {
    expect((await call(backend, 'argocd/storefront', 'GET', '/settings')).body).toEqual({
      mode: 'approve',
      defaultMode: 'approve',
      paused: false,
    });
    expect(
      (await call(backend, 'argocd/storefront', 'PUT', '/settings', { mode: 'off' })).body,
    ).toMatchObject({ mode: 'off' });
    expect((await call(backend, 'argocd/storefront', 'GET', '/settings')).body).toMatchObject({
      mode: 'off',
    });
    expect((await call(backend, 'argocd/storefront', 'PUT', '/settings', { mode: 'sometimes' })).status).toBe(
      400,
    );
  });
});
