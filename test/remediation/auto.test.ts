import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startBackend, testConfig } from '../support/backend.js';
import { branchLog, call, fastController, records, settles, unhealingCopy } from './support.js';

const scenarios = join(import.meta.dirname, '..', 'scenarios');
const controller = (overrides: Partial<typeof fastController> = {}) => ({
  controller: true,
  config: { remediation: { ...testConfig().remediation, ...fastController, ...overrides } },
});

describe('auto mode', () => {
  const work = mkdtemp(join(tmpdir(), 'auto-remediation-'));
  afterAll(async () => rm(await work, { recursive: true, force: true }));

  it('heals image-registry-mirror end to end: Degraded for triggerAfter, runbook committed, synced, Healthy', async () => {
    const backend = await startBackend([join(scenarios, 'image-registry-mirror')], controller());
    try {
      const record = await settles(backend, 'argocd/shop-web', 'succeeded');
      expect(record).toMatchObject({
        runbook: { id: 'registry-a-to-b', automation: 'auto' },
        drafted: false,
      });
      expect(record.history.map((step) => [step.state, step.by])).toEqual([
        ['proposed', 'controller'],
        ['approved', 'controller'],
        ['committed', 'controller'],
        ['verifying', 'controller'],
        ['succeeded', 'controller'],
      ]);
      const log = await branchLog(backend, 'image-registry-mirror');
      expect(log[0]).toMatch(new RegExp(`\\|${record.id}$`));
      const events = await backend.environment.apiServer.list('v1', 'Event', 'argocd');
      const reasons = events
        .filter((event) => (event.involvedObject as { name?: string }).name === 'shop-web')
        .map((event) => event.reason);
      expect(reasons).toEqual(
        expect.arrayContaining(['RemediationProposed', 'RemediationCommitted', 'RemediationSucceeded']),
      );
    } finally {
      await backend.close();
    }
  });

  it('reverts a fix that does not heal the app, and never commits that fingerprint again on its own', async () => {
    const dir = await unhealingCopy(scenarios, 'image-registry-mirror', await work);
    const backend = await startBackend([dir], controller({ maxPerDay: 5 }));
    try {
      const reverted = await settles(backend, 'argocd/shop-web', 'reverted');
      expect(reverted.error).toMatch(/^not healed within 1s: health Degraded/);
      expect(reverted.revertCommit).toMatch(/^[0-9a-f]{40}$/);
      const log = await branchLog(backend, 'image-registry-mirror-unhealing');
      expect(log.slice(0, 2).map((line) => line.split('|')[1])).toEqual(['', reverted.id]);
      // The app is still Degraded; the controller looks again, and only proposes.
      const proposal = await settles(backend, 'argocd/shop-web', 'proposed');
      expect(proposal.fingerprint).toBe(reverted.fingerprint);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect((await records(backend, 'argocd/shop-web')).map((record) => record.state)).toEqual([
        'proposed',
        'reverted',
      ]);
    } finally {
      await backend.close();
    }
  });

  it('stops at the daily limit', async () => {
    const dir = await unhealingCopy(scenarios, 'image-registry-mirror', await work);
    const backend = await startBackend([dir], controller({ maxPerDay: 1 }));
    try {
      await settles(backend, 'argocd/shop-web', 'reverted');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect((await records(backend, 'argocd/shop-web')).map((record) => record.state)).toEqual(['reverted']);
    } finally {
      await backend.close();
    }
  });

  it('does nothing while paused, or for an app in approve mode', async () => {
    const backend = await startBackend(
      [join(scenarios, 'image-registry-mirror')],
      controller({ triggerAfterMs: 800 }),
    );
    try {
      const { apiServer } = backend.environment;
      const settings = apiServer.read('v1', 'ConfigMap', 'argocd', 'argocd-ai-sre-settings');
      apiServer.apply({ ...settings, data: { ...(settings?.data as object), paused: 'true' } });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await records(backend, 'argocd/shop-web')).toEqual([]);
      expect((await call(backend, 'argocd/shop-web', 'GET', '/settings')).body).toMatchObject({
        mode: 'auto',
        paused: true,
      });
      expect((await call(backend, 'argocd/shop-web', 'PUT', '/settings', { mode: 'approve' })).status).toBe(
        200,
      );
      const paused = apiServer.read('v1', 'ConfigMap', 'argocd', 'argocd-ai-sre-settings');
      apiServer.apply({ ...paused, data: { ...(paused?.data as object), paused: 'false' } });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await records(backend, 'argocd/shop-web')).toEqual([]);
    } finally {
      await backend.close();
    }
  });
});
