import { describe, expect, it } from 'vitest';
import { applicationObject, type WriteAction } from '../../backend/src/authz/actions.js';
import { approversOf } from '../../backend/src/authz/approvers.js';
import { BUILTIN_POLICY } from '../../backend/src/authz/builtin-policy.js';
import { decide } from '../../backend/src/authz/decide.js';
import { createEnforcer } from '../../backend/src/authz/enforcer.js';
import { type Identity, identityOf } from '../../backend/src/authz/identity.js';
import { localAccountsOf } from '../../backend/src/authz/local-accounts.js';
import { parsePolicy, rbacConfigOf } from '../../backend/src/authz/policy-csv.js';
import { projectPolicy, projectRolesOf } from '../../backend/src/authz/project-policy.js';
import { evaluate } from './support.js';

describe('Argo CD’s enforcement, our own cases', () => {
  it.each([
    [
      'a deny outweighs an allow of the same subject',
      'p, alice, applications, sync, web/*, allow\np, alice, applications, sync, web/pay, deny',
      ['alice'],
      false,
    ],
    [
      'a deny through a role outweighs a direct allow',
      'p, alice, applications, sync, web/*, allow\np, role:frozen, applications, sync, */*, deny\ng, alice, role:frozen',
      ['alice'],
      false,
    ],
    [
      'a group allows when the user alone does not',
      'p, sre, applications, sync, web/*, allow',
      ['alice', 'sre'],
      true,
    ],
    [
      'an unknown effect neither allows nor denies',
      'p, alice, applications, sync, web/*, maybe',
      ['alice'],
      false,
    ],
    ['roles chain', 'g, alice, role:a\ng, role:a, role:admin', ['alice'], true],
    ['a role name is not a glob', 'g, sre-*, role:admin', ['sre-leads'], false],
  ])('%s', async (_case, policy, subjects, allowed) => {
    expect(
      await evaluate(
        { 'policy.csv': policy },
        { subjects, resource: 'applications', action: 'sync', object: 'web/pay' },
      ),
    ).toBe(allowed);
  });

  it('lets the default role allow what a deny of the user would take away (rbac.md: it cannot be blocked)', async () => {
    const data = {
      'policy.default': 'role:admin',
      'policy.csv': 'p, alice, applications, sync, */*, deny',
    };
    const question = { subjects: ['alice'], resource: 'applications', action: 'sync', object: 'web/pay' };
    expect(await evaluate(data, question)).toBe(true);
  });

  it('gives the local admin role:admin through the built-in policy, and no one else', async () => {
    const question = { resource: 'applications', action: 'sync', object: 'web/pay' };
    expect(await evaluate({}, { ...question, subjects: ['admin'] })).toBe(true);
    expect(await evaluate({}, { ...question, subjects: ['alice'] })).toBe(false);
  });

  it('uses regex mode for resources, actions and objects when policy.matchMode says so', async () => {
    const data = {
      'policy.matchMode': 'regex',
      'policy.csv': 'p, alice, applications, sync, ^web/(pay|cart)$, allow',
    };
    const ask = (object: string) =>
      evaluate(data, { subjects: ['alice'], resource: 'applications', action: 'sync', object });
    expect(await ask('web/pay')).toBe(true);
    expect(await ask('web/search')).toBe(false);
  });
});

describe('project roles', () => {
  const project = (policies: string[], groups: string[]) => ({
    metadata: { name: 'web' },
    spec: { roles: [{ name: 'deployer', policies, groups }] },
  });

  it('grants the role’s policies to its groups as proj:<project>:<role>', async () => {
    const appProject = project(['p, proj:web:deployer, applications, sync, web/*, allow'], ['web-team']);
    const ask = (subjects: string[]) =>
      evaluate({}, { subjects, resource: 'applications', action: 'sync', object: 'web/pay' }, appProject);
    expect(await ask(['bob', 'web-team'])).toBe(true);
    expect(await ask(['bob', 'other-team'])).toBe(false);
    expect(await ask(['proj:web:deployer'])).toBe(true);
  });

  it('drops role policies for another subject and g lines, which Argo CD’s API refuses', () => {
    const roles = projectRolesOf(
      project(
        [
          'p, proj:web:deployer, applications, sync, web/*, allow',
          'p, mallory, applications, sync, */*, allow',
          'g, mallory, role:admin',
        ],
        [],
      ),
    );
    if (!roles) throw new Error('the project did not parse');
    expect(projectPolicy(roles).map((line) => line.subject)).toEqual([
      'proj:web:deployer',
      'proj:web:deployer',
    ]);
  });

  it('reads nothing from a malformed AppProject', () => {
    expect(projectRolesOf({ metadata: {} })).toBeUndefined();
    expect(projectRolesOf({ metadata: { name: 'web' }, spec: { roles: 'all' } })).toEqual({
      name: 'web',
      roles: [],
    });
  });
});

describe('who asks', () => {
  it('finds the local accounts of argocd-cm: admin and every accounts.<name>', () => {
    expect([
      ...localAccountsOf({
        'accounts.ci': 'apiKey',
        'accounts.ci.enabled': 'true',
        'accounts.alice': 'login',
        url: 'x',
      }),
    ]).toEqual(['admin', 'ci', 'alice']);
  });

  it('ignores the groups header for a local account, which never has groups', () => {
    const local = new Set(['admin', 'ci']);
    expect(identityOf('ci', ['sre'], local)).toEqual({ username: 'ci', groups: [], local: true });
    expect(identityOf('alice', ['sre'], local)).toEqual({ username: 'alice', groups: ['sre'], local: false });
    expect(identityOf(undefined, ['sre'], local)).toEqual({ groups: [], local: false });
  });
});

describe('a write’s decision', () => {
  async function verdict(
    action: WriteAction,
    identity: Identity,
    settings: Record<string, string> = {},
    policy = 'p, role:ops, applications, sync, web/*, allow\ng, sre, role:ops\ng, alice, role:ops',
  ) {
    const rbac = rbacConfigOf({ 'policy.csv': policy, 'policy.default': 'role:readonly' }, 'argocd-rbac-cm');
    const enforcer = await createEnforcer([...parsePolicy(BUILTIN_POLICY, 'builtin'), ...rbac.lines], 'glob');
    return decide({
      identity,
      action,
      project: 'web',
      object: 'web/pay',
      enforcer,
      defaultRole: rbac.defaultRole,
      approvers: approversOf(settings, 'web'),
    });
  }
  const alice: Identity = { username: 'alice', groups: [], local: false };
  const carol: Identity = { username: 'carol', groups: ['sre'], local: false };

  it('needs applications, sync to propose, approve and reject, and applications, update to change the mode', async () => {
    for (const action of ['propose', 'approve', 'reject'] as const) {
      expect(await verdict(action, alice)).toEqual({ allowed: true });
    }
    expect(await verdict('changeMode', alice)).toEqual({
      allowed: false,
      reason: "Argo CD's RBAC does not allow alice to update applications on web/pay",
    });
    expect(await verdict('changeMode', { username: 'admin', groups: [], local: true })).toEqual({
      allowed: true,
    });
  });

  it('refuses anonymous users everything', async () => {
    expect((await verdict('propose', { groups: ['sre'], local: false })).allowed).toBe(false);
  });

  it('narrows approving, rejecting and mode changes to the project’s approvers list, never widens', async () => {
    const settings = { 'approvers.web': ' bob, group:sre , ' };
    expect(await verdict('approve', alice, settings)).toEqual({
      allowed: false,
      reason:
        'alice is not on the approvers list of project web (approvers.web in the argocd-ai-sre settings)',
    });
    expect((await verdict('reject', alice, settings)).allowed).toBe(false);
    expect((await verdict('propose', alice, settings)).allowed).toBe(true);
    expect((await verdict('approve', carol, settings)).allowed).toBe(true);
    // bob is listed but Argo CD does not let him sync: the list cannot grant.
    expect((await verdict('approve', { username: 'bob', groups: [], local: false }, settings)).allowed).toBe(
      false,
    );
    // Another project's list does not apply; an empty list lets no one decide.
    expect((await verdict('approve', alice, { 'approvers.billing': 'bob' })).allowed).toBe(true);
    expect((await verdict('approve', alice, { 'approvers.web': '' })).allowed).toBe(false);
  });
});

describe('the object Argo CD’s RBAC names an app by', () => {
  it('is <project>/<app> in Argo CD’s namespace and <project>/<namespace>/<app> elsewhere', () => {
    expect(applicationObject('web', { namespace: 'argocd', name: 'pay' }, 'argocd')).toBe('web/pay');
    expect(applicationObject('web', { namespace: 'team-a', name: 'pay' }, 'argocd')).toBe('web/team-a/pay');
  });
});
