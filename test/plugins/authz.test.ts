import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../backend/src/kube/objects.js';
import { SANDBOX_OPERATORS } from '../../backend/src/sandbox/scenario/environment.js';
import { ask } from '../authz/headers.js';
import { startBackend, type TestBackend } from '../support/backend.js';

const scenario = join(import.meta.dirname, '..', 'scenarios', 'readiness-wrong-port');

const argocdCm: KubeObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'argocd-cm', namespace: 'argocd' },
  data: { 'accounts.ci': 'apiKey, login' },
};

const webProject: KubeObject = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'AppProject',
  metadata: { name: 'web', namespace: 'argocd' },
  spec: {
    roles: [
      {
        name: 'deployer',
        policies: ['p, proj:web:deployer, applications, sync, web/*, allow'],
        groups: ['web-deployers'],
      },
    ],
  },
};

function settings(data: Record<string, string>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'argocd-ai-sre-settings', namespace: 'argocd' },
    data,
  };
}

interface LogLine {
  level: number;
  msg: string;
  audit?: string;
  [field: string]: unknown;
}

describe('authorization of writes, as Argo CD’s RBAC decides', () => {
  let backend: TestBackend;
  const lines: LogLine[] = [];
  const audits = () => lines.filter((line) => line.audit === 'write');
  const operator = { user: 'alice', groups: SANDBOX_OPERATORS };

  beforeAll(async () => {
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
        done();
      },
    });
    backend = await startBackend([scenario], { extra: [argocdCm, webProject], logStream });
  });
  afterAll(async () => backend.close());

  it('refuses a user Argo CD’s RBAC only lets read, saying why, and logs the attempt at warn', async () => {
    const refused = await ask(backend, { user: 'carol' }, 'POST', '/remediations', {});
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe(
      "Argo CD's RBAC does not allow carol to sync applications on web/storefront",
    );
    expect(audits().at(-1)).toMatchObject({
      level: 40,
      user: 'carol',
      groups: [],
      application: 'argocd/storefront',
      project: 'web',
      action: 'propose',
      decision: 'denied',
    });
  });

  it('ignores groups sent for a local account of argocd-cm: a browser forged them', async () => {
    const spoofed = await ask(
      backend,
      { user: 'ci', groups: SANDBOX_OPERATORS },
      'POST',
      '/remediations',
      {},
    );
    expect(spoofed.status).toBe(403);
    expect(audits().at(-1)).toMatchObject({ user: 'ci', groups: [], decision: 'denied' });
    // The same group for a user who is not a local account is Argo CD's word, and counts.
    expect((await ask(backend, operator, 'GET', '/me')).body.can).toMatchObject({ propose: true });
  });

  it('lets an AppProject role’s group propose, not change the mode, and audits each write with its record', async () => {
    const deployer = { user: 'dave', groups: 'web-deployers' };
    const proposed = await ask(backend, deployer, 'POST', '/remediations', {});
    expect(proposed.status).toBe(201);
    const id = proposed.body.id as string;
    expect(audits().at(-1)).toMatchObject({
      level: 30,
      user: 'dave',
      groups: ['web-deployers'],
      application: 'argocd/storefront',
      action: 'propose',
      recordId: id,
      decision: 'allowed',
    });
    expect((await ask(backend, deployer, 'PUT', '/settings', { mode: 'off' })).status).toBe(403);

    const rejected = await ask(backend, operator, 'POST', `/remediations/${id}/reject`, {});
    expect(rejected.status).toBe(200);
    expect((rejected.body.history as { by: string }[]).at(-1)?.by).toBe('alice');
    expect(audits().at(-1)).toMatchObject({ level: 30, user: 'alice', action: 'reject', recordId: id });

    expect((await ask(backend, operator, 'PUT', '/settings', { mode: 'approve' })).status).toBe(200);
    expect(audits().at(-1)).toMatchObject({
      user: 'alice',
      action: 'changeMode',
      mode: 'approve',
      decision: 'allowed',
    });
    expect(JSON.stringify(lines)).not.toContain('test-shared-secret');
  });

  it('narrows decisions to the project’s approvers list when the settings have one', async () => {
    backend.environment.apiServer.apply(settings({ 'approvers.web': 'bob, group:web-leads' }));
    const proposed = await ask(backend, operator, 'POST', '/remediations', {});
    expect(proposed.status).toBe(201);
    const approve = `/remediations/${proposed.body.id as string}/approve`;
    const unlisted = await ask(backend, operator, 'POST', approve);
    expect(unlisted.status).toBe(403);
    expect(unlisted.body.message).toContain('alice is not on the approvers list of project web');
    expect(audits().at(-1)).toMatchObject({
      action: 'approve',
      recordId: proposed.body.id,
      decision: 'denied',
    });
    const lead = { user: 'alice', groups: `${SANDBOX_OPERATORS},web-leads` };
    expect((await ask(backend, lead, 'POST', approve.replace('approve', 'reject'))).status).toBe(200);
    backend.environment.apiServer.apply(settings({}));
  });

  it('follows argocd-rbac-cm as it changes, without a restart', async () => {
    backend.environment.apiServer.apply({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'argocd-rbac-cm', namespace: 'argocd' },
      data: {
        'policy.default': 'role:readonly',
        'policy.carol.csv': 'p, carol, applications, sync, web/*, allow',
      },
    });
    await expect
      .poll(
        async () =>
          ((await ask(backend, { user: 'carol' }, 'GET', '/me')).body.can as { propose: boolean }).propose,
      )
      .toBe(true);
  });
});

describe('when Argo CD’s RBAC cannot be read', () => {
  let backend: TestBackend;
  let heal: () => void = () => undefined;

  beforeAll(async () => {
    backend = await startBackend([scenario], {
      beforeStart: (environment) => {
        heal = environment.apiServer.injectFault({ verb: 'list', resource: 'appprojects', code: 403 });
      },
    });
  });
  afterAll(async () => backend.close());

  it('refuses writes with 503 saying why, still answers reads, and recovers once it can read again', async () => {
    const operator = { user: 'alice', groups: SANDBOX_OPERATORS };
    const refused = await ask(backend, operator, 'POST', '/remediations', {});
    expect(refused.status).toBe(503);
    expect(refused.body.message).toMatch(
      /^Argo CD's RBAC is unknown, so changes are refused: cannot read the AppProjects in argocd: 403/,
    );
    expect((await ask(backend, operator, 'PUT', '/settings', { mode: 'off' })).status).toBe(503);
    expect((await ask(backend, operator, 'GET', '/remediations')).status).toBe(200);
    const me = await ask(backend, operator, 'GET', '/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      can: { propose: false, approve: false, reject: false, changeMode: false },
    });
    expect(me.body.reasons).toEqual([refused.body.message]);

    heal();
    await expect
      .poll(async () => (await ask(backend, operator, 'GET', '/me')).body.can, { timeout: 15_000 })
      .toEqual({ propose: true, approve: true, reject: true, changeMode: true });
  });
});
