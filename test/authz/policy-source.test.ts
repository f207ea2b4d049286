import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PolicySource } from '../../backend/src/authz/policy-source.js';
import { AuthzUnavailableError } from '../../backend/src/authz/unavailable.js';
import { kubeClients } from '../../backend/src/kube/clients.js';
import type { KubeObject } from '../../backend/src/kube/objects.js';
import { SandboxApiServer } from '../../backend/src/sandbox/apiserver/index.js';

function rbacConfigMap(data: Record<string, string>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'argocd-rbac-cm', namespace: 'argocd' },
    data,
  };
}

function project(name: string, group: string): KubeObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: { name, namespace: 'argocd' },
    spec: {
      roles: [
        {
          name: 'ops',
          policies: [`p, proj:${name}:ops, applications, sync, ${name}/*, allow`],
          groups: [group],
        },
      ],
    },
  };
}

const sync = (object: string) => ({ resource: 'applications', action: 'sync', object });

describe('Argo CD’s RBAC inputs, kept current by watches', () => {
  let apiServer: SandboxApiServer;
  let source: PolicySource;
  const errors: string[] = [];

  beforeEach(async () => {
    apiServer = new SandboxApiServer();
    await apiServer.listen();
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(apiServer.kubeconfig());
    source = new PolicySource({
      kube: kubeClients(kubeConfig),
      namespace: 'argocd',
      onError: (message) => errors.push(message),
      retryDelayMs: 50,
    });
  });
  afterEach(async () => {
    await source.stop();
    await apiServer.close();
  });

  it('refuses to decide before the first list, and when a list is refused, saying what it could not read', async () => {
    expect(() => source.snapshot()).toThrow(
      "Argo CD's RBAC is unknown, so changes are refused: cannot read argocd-rbac-cm and argocd-cm in argocd yet",
    );
    const heal = apiServer.injectFault({ verb: 'list', resource: 'configmaps', code: 403 });
    await source.start();
    expect(() => source.snapshot()).toThrow(AuthzUnavailableError);
    expect(() => source.snapshot()).toThrow(/cannot read argocd-rbac-cm and argocd-cm in argocd: 403/);
    expect(errors.length).toBeGreaterThan(0);
    heal();
    const state = () => {
      try {
        source.snapshot();
        return 'known';
      } catch (error) {
        return (error as Error).message;
      }
    };
    await expect.poll(state).toBe('known');
  });

  it('reads an absent argocd-rbac-cm as Argo CD does: the built-in policy alone', async () => {
    await source.start();
    const enforcer = await source.snapshot().enforcerFor('web');
    expect(enforcer.allows('admin', sync('web/pay'))).toBe(true);
    expect(enforcer.allows('alice', sync('web/pay'))).toBe(false);
  });

  it('refuses while argocd-rbac-cm does not parse, and takes the fixed policy once it is applied', async () => {
    apiServer.apply(rbacConfigMap({ 'policy.csv': 'p, alice, applications, sync' }));
    await source.start();
    expect(() => source.snapshot()).toThrow(
      "Argo CD's RBAC cannot be loaded, so changes are refused: argocd-rbac-cm policy.csv, line 1: a p line needs 5 fields",
    );
    apiServer.apply(rbacConfigMap({ 'policy.csv': 'p, alice, applications, sync, web/*, allow' }));
    await expect
      .poll(async () => {
        try {
          return (await source.snapshot().enforcerFor('web')).allows('alice', sync('web/pay'));
        } catch {
          return false;
        }
      })
      .toBe(true);
  });

  it('keeps one enforcer per project, rebuilt when its AppProject changes and dropped when it goes', async () => {
    apiServer.apply(project('web', 'web-team'));
    await source.start();
    const first = source.snapshot().enforcerFor('web');
    expect(source.snapshot().enforcerFor('web')).toBe(first);
    expect((await first).allows('web-team', sync('web/pay'))).toBe(true);

    apiServer.apply(project('web', 'new-team'));
    await expect
      .poll(async () => (await source.snapshot().enforcerFor('web')).allows('new-team', sync('web/pay')))
      .toBe(true);
    expect((await source.snapshot().enforcerFor('web')).allows('web-team', sync('web/pay'))).toBe(false);

    apiServer.remove('argoproj.io/v1alpha1', 'AppProject', 'argocd', 'web');
    await expect
      .poll(async () => (await source.snapshot().enforcerFor('web')).allows('new-team', sync('web/pay')))
      .toBe(false);
  });

  it('notices local accounts added to argocd-cm', async () => {
    await source.start();
    expect([...source.snapshot().localAccounts]).toEqual(['admin']);
    apiServer.apply({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'argocd-cm', namespace: 'argocd' },
      data: { 'accounts.ci': 'apiKey' },
    });
    await expect.poll(() => [...source.snapshot().localAccounts]).toEqual(['admin', 'ci']);
  });
});
