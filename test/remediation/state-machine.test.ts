import { describe, expect, it } from 'vitest';
import type { Symptom } from '../../backend/src/detectors/symptom.js';
import { fingerprintOf } from '../../backend/src/remediation/fingerprint.js';
import { blockedBy, failedBefore } from '../../backend/src/remediation/guardrails.js';
import {
  canTransition,
  type Remediation,
  TransitionError,
  transition,
} from '../../backend/src/remediation/record.js';
import { modeOf, settingsOf } from '../../backend/src/remediation/settings.js';
import { troubleOf } from '../../backend/src/remediation/trouble.js';
import { durationMs } from '../../backend/src/support/duration.js';

const now = new Date('2026-11-20T12:00:00Z');
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000).toISOString();

function record(
  id: string,
  steps: [Remediation['state'], string, string][],
  fingerprint = 'f1',
): Remediation {
  return {
    id,
    application: { namespace: 'argocd', name: 'shop', project: 'default' },
    fingerprint,
    symptom: {
      type: 'OOMKilled',
      resource: { group: '', kind: 'Pod', namespace: 'shop', name: 'web-1' },
      message: 'oom',
    },
    runbook: { id: 'oom', automation: 'auto', verify: { timeout: '10m', revertOnFailure: true } },
    plan: {
      runbook: 'oom',
      symptom: { type: 'OOMKilled', resource: { group: '', kind: 'Pod', namespace: 'shop', name: 'web-1' } },
      target: { group: 'apps', kind: 'Deployment', namespace: 'shop', name: 'web', apiVersion: 'apps/v1' },
      edits: [],
      revertLastChange: false,
      automation: 'auto',
    },
    drafted: false,
    change: { repoURL: 'https://git.example.com/shop.git', branch: 'main', baseCommit: 'abc', files: [] },
    state: steps.at(-1)?.[0] ?? 'proposed',
    history: steps.map(([state, by, at]) => ({ state, by, at })),
  };
}

describe('the remediation state machine', () => {
  const table: [Remediation['state'], Remediation['state'], boolean][] = [
    ['proposed', 'approved', true],
    ['proposed', 'rejected', true],
    ['proposed', 'superseded', true],
    ['proposed', 'committed', false],
    ['approved', 'committed', true],
    ['approved', 'failed', true],
    ['approved', 'rejected', false],
    ['committed', 'verifying', true],
    ['verifying', 'succeeded', true],
    ['verifying', 'failed', true],
    ['failed', 'reverted', true],
    ['succeeded', 'failed', false],
    ['rejected', 'approved', false],
  ];
  for (const [from, to, allowed] of table) {
    it(`${allowed ? 'allows' : 'refuses'} ${from} → ${to}`, () => {
      expect(canTransition(from, to)).toBe(allowed);
      const start = record('r1', [[from, 'alice', hoursAgo(1)]]);
      if (allowed) {
        const next = transition(start, { state: to, by: 'bob', detail: 'why' }, now);
        expect(next.state).toBe(to);
        expect(next.history.at(-1)).toEqual({ state: to, by: 'bob', detail: 'why', at: now.toISOString() });
      } else {
        expect(() => transition(start, { state: to, by: 'bob' }, now)).toThrow(TransitionError);
      }
    });
  }
});

describe('guardrails', () => {
  const limits = { maxPerDay: 2, cooldownMs: 600_000 };
  const autoFix = (id: string, hours: number, end: Remediation['state'] = 'succeeded') =>
    record(id, [
      ['proposed', 'controller', hoursAgo(hours)],
      ['approved', 'controller', hoursAgo(hours)],
      [end, 'controller', hoursAgo(hours)],
    ]);

  it('lets the controller act on an app with nothing under way', () => {
    expect(blockedBy([], limits, now)).toBeUndefined();
    expect(blockedBy([autoFix('r1', 5)], limits, now)).toBeUndefined();
  });
  it('allows one remediation in flight per app', () => {
    expect(blockedBy([record('r2', [['verifying', 'controller', hoursAgo(0.1)]])], limits, now)).toBe(
      'remediation r2 is verifying',
    );
  });
  it('stops at the daily limit of automatic fixes; a human’s approvals do not count', () => {
    const human = record('r0', [
      ['proposed', 'alice', hoursAgo(2)],
      ['approved', 'alice', hoursAgo(2)],
      ['succeeded', 'controller', hoursAgo(2)],
    ]);
    expect(blockedBy([autoFix('r2', 3), autoFix('r1', 4), human], limits, now)).toBe(
      '2 automatic fixes in the last 24 hours (limit 2)',
    );
    expect(blockedBy([autoFix('r2', 3), autoFix('r1', 30)], limits, now)).toBeUndefined();
  });
  it('cools down after an attempt', () => {
    expect(blockedBy([autoFix('r1', 0.05)], limits, now)).toBe('cooling down after remediation r1');
  });
  it('never retries automatically a fingerprint whose fix failed', () => {
    expect(failedBefore([autoFix('r1', 30, 'reverted')], 'f1')).toBe(true);
    expect(failedBefore([autoFix('r1', 30, 'succeeded')], 'f1')).toBe(false);
    expect(failedBefore([autoFix('r1', 30, 'failed')], 'f2')).toBe(false);
  });
});

describe('fingerprints', () => {
  const symptom = (params: Symptom['params'], message = 'x'): Symptom => ({
    type: 'OOMKilled',
    resource: { group: '', kind: 'Pod', namespace: 'shop', name: 'web-1' },
    message,
    params,
    evidence: [],
  });
  const app = { namespace: 'argocd', name: 'shop' };
  it('ignore what changes from one occurrence to the next', () => {
    expect(
      fingerprintOf(app, 'Deployment shop/web', symptom({ container: 'web', restartCount: 3 }, 'a')),
    ).toBe(fingerprintOf(app, 'Deployment shop/web', symptom({ container: 'web', restartCount: 9 }, 'b')));
  });
  it('tell apart other containers, targets and apps', () => {
    const base = fingerprintOf(app, 'Deployment shop/web', symptom({ container: 'web' }));
    expect(fingerprintOf(app, 'Deployment shop/web', symptom({ container: 'sidecar' }))).not.toBe(base);
    expect(fingerprintOf(app, 'Deployment shop/api', symptom({ container: 'web' }))).not.toBe(base);
    expect(
      fingerprintOf({ ...app, name: 'other' }, 'Deployment shop/web', symptom({ container: 'web' })),
    ).not.toBe(base);
  });
});

describe('settings', () => {
  it('reads the pause, the default mode and each app’s mode', () => {
    const settings = settingsOf({
      data: {
        paused: 'true',
        defaultMode: 'off',
        'mode.argocd.shop-web': 'auto',
        'mode.team-a.app.v2': 'approve',
        'mode.argocd.x': 'bogus',
      },
    });
    expect(settings).toEqual({
      paused: true,
      defaultMode: 'off',
      modes: { 'argocd/shop-web': 'auto', 'team-a/app.v2': 'approve' },
    });
    expect(modeOf(settings, { namespace: 'argocd', name: 'shop-web' })).toBe('auto');
    expect(modeOf(settings, { namespace: 'argocd', name: 'x' })).toBe('off');
  });
  it('defaults to approve, not paused, without a ConfigMap', () => {
    expect(settingsOf(undefined)).toEqual({ paused: false, defaultMode: 'approve', modes: {} });
  });
});

describe('trouble and durations', () => {
  it('says why an app needs attention', () => {
    const app = (status: object) => ({ metadata: {}, spec: { project: 'p', destination: {} }, status });
    expect(troubleOf(app({ health: { status: 'Degraded' } }))).toBe('Degraded');
    expect(troubleOf(app({ health: { status: 'Healthy' }, operationState: { phase: 'Failed' } }))).toBe(
      'sync failed',
    );
    expect(troubleOf(app({ conditions: [{ type: 'ComparisonError', message: 'x' }] }))).toBe(
      'ComparisonError',
    );
    expect(troubleOf(app({ health: { status: 'Progressing' } }))).toBeUndefined();
  });
  it('reads runbook durations', () => {
    expect([durationMs('90s'), durationMs('10m'), durationMs('1h')]).toEqual([90_000, 600_000, 3_600_000]);
    expect(() => durationMs('10 minutes')).toThrow(/not a duration/);
  });
});
