import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_OPERATORS } from '../../backend/src/sandbox/scenario/environment.js';
import { ask } from '../authz/headers.js';
import { startBackend, type TestBackend } from '../support/backend.js';

const scenario = join(import.meta.dirname, '..', 'scenarios', 'readiness-wrong-port');

describe('GET /api/v1/me', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startBackend([scenario]);
  });
  afterAll(async () => backend.close());

  it('lets an operator of the sandbox’s RBAC do everything, naming the groups that counted', async () => {
    const { status, body } = await ask(
      backend,
      { user: 'alice', groups: ` ${SANDBOX_OPERATORS}, qa ,` },
      'GET',
      '/me',
    );
    expect(status).toBe(200);
    expect(body).toEqual({
      username: 'alice',
      groups: [SANDBOX_OPERATORS, 'qa'],
      local: false,
      can: { propose: true, approve: true, reject: true, changeMode: true },
    });
  });

  it('lets the local admin act through Argo CD’s built-in role:admin, with no groups whatever the headers say', async () => {
    const { body } = await ask(backend, { user: 'admin', groups: 'forged' }, 'GET', '/me');
    expect(body).toEqual({
      username: 'admin',
      groups: [],
      local: true,
      can: { propose: true, approve: true, reject: true, changeMode: true },
    });
  });

  it('shows a reader what they may not do and why', async () => {
    const { body } = await ask(backend, { user: 'carol' }, 'GET', '/me');
    expect(body).toEqual({
      username: 'carol',
      groups: [],
      local: false,
      can: { propose: false, approve: false, reject: false, changeMode: false },
      reasons: [
        "Argo CD's RBAC does not allow carol to sync applications on web/storefront",
        "Argo CD's RBAC does not allow carol to update applications on web/storefront",
      ],
    });
  });

  it('lets an anonymous user do nothing, groups or not', async () => {
    const { body } = await ask(backend, { groups: SANDBOX_OPERATORS }, 'GET', '/me');
    expect(body).toEqual({
      groups: [],
      local: false,
      can: { propose: false, approve: false, reject: false, changeMode: false },
      reasons: ['Argo CD names no user for this request; sign in to act on fixes'],
    });
  });

  it('still refuses a request that did not come through Argo CD', async () => {
    const response = await fetch(`${backend.url}/api/v1/me`);
    expect(response.status).toBe(401);
  });
});
