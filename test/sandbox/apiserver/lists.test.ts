import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, type Sandbox, scenarioObjects, startSandbox } from './sandbox-fixture.js';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
  for (const scenario of ['oom-raise-memory', 'crashloop-missing-env-no-runbook', 'image-registry-mirror']) {
    for (const object of scenarioObjects(scenario)) sandbox.server.apply(object);
  }
});

afterAll(async () => {
  await sandbox.close();
});

function names(list: { items: { metadata?: { name?: string } }[] }): string[] {
  return list.items.map((item) => item.metadata?.name ?? '');
}

describe('label selectors', () => {
  it('select pods with set-based requirements', async () => {
    const list = await sandbox.core.listNamespacedPod({
      namespace: 'notifications',
      labelSelector: 'pod-template-hash in (4grbmrwsmq, other),app.kubernetes.io/name',
    });
    expect(names(list)).toEqual(['notifier-4grbmrwsmq-h2k7m', 'notifier-4grbmrwsmq-p9x3w']);
  });

  it('select with notin, !key and != (which also match objects without the label)', async () => {
    const notIn = await sandbox.core.listNamespacedPod({
      namespace: 'notifications',
      labelSelector: 'pod-template-hash notin (4grbmrwsmq)',
    });
    expect(names(notIn)).toEqual(['notifier-g6xr7rnv9j-v6c2t']);
    const absent = await sandbox.core.listNamespacedPod({
      namespace: 'notifications',
      labelSelector: '!pod-template-hash',
    });
    expect(names(absent)).toEqual([]);
    const deployments = await sandbox.apps.listDeploymentForAllNamespaces({
      labelSelector: 'app!=image-resizer',
    });
    expect(names(deployments)).toEqual(['notifier', 'web']);
  });

  it('select with equality requirements', async () => {
    const list = await sandbox.core.listPodForAllNamespaces({
      labelSelector: 'app==image-resizer,pod-template-hash=lll2ctnq4h',
    });
    expect(names(list)).toEqual(['image-resizer-lll2ctnq4h-q4m8z', 'image-resizer-lll2ctnq4h-t7d2k']);
  });

  it('refuse a malformed selector with BadRequest', async () => {
    const error = await failure(sandbox.core.listPodForAllNamespaces({ labelSelector: 'app in (web' }));
    expect(error.code).toBe(400);
    expect(error.status).toMatchObject({ reason: 'BadRequest' });
  });
});

describe('field selectors', () => {
  it('select the events of one object', async () => {
    const list = await sandbox.core.listNamespacedEvent({
      namespace: 'imaging',
      fieldSelector: 'involvedObject.kind=Pod,involvedObject.name=image-resizer-lll2ctnq4h-t7d2k',
    });
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((event) => event.involvedObject.name === 'image-resizer-lll2ctnq4h-t7d2k')).toBe(
      true,
    );
    const all = await sandbox.core.listNamespacedEvent({ namespace: 'imaging' });
    const others = await sandbox.core.listNamespacedEvent({
      namespace: 'imaging',
      fieldSelector: 'involvedObject.name!=image-resizer-lll2ctnq4h-t7d2k',
    });
    expect(others.items.length + list.items.length).toBe(all.items.length);
  });

  it('select warnings across namespaces by type and metadata.namespace', async () => {
    const list = await sandbox.core.listEventForAllNamespaces({
      fieldSelector: 'type==Warning,metadata.namespace=shop',
    });
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((event) => event.type === 'Warning' && event.metadata.namespace === 'shop')).toBe(
      true,
    );
  });

  it('refuse a field the kind does not index', async () => {
    const error = await failure(
      sandbox.core.listNamespacedPod({ namespace: 'shop', fieldSelector: 'spec.priority=0' }),
    );
    expect(error.code).toBe(400);
    expect(error.status).toMatchObject({
      reason: 'BadRequest',
      message: 'field label not supported: spec.priority',
    });
  });
});

describe('paging', () => {
  it('walks a long list with limit and continue at one resourceVersion', async () => {
    for (let index = 0; index < 25; index += 1) {
      sandbox.server.apply({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: `page-${String(index).padStart(2, '0')}`, namespace: 'paging' },
        data: { index: String(index) },
      });
    }
    const seen: string[] = [];
    const versions = new Set<string>();
    const remaining: (number | undefined)[] = [];
    let token: string | undefined;
    do {
      const page = await sandbox.core.listNamespacedConfigMap({
        namespace: 'paging',
        limit: 10,
        _continue: token,
      });
      seen.push(...names(page));
      versions.add(page.metadata?.resourceVersion ?? '');
      remaining.push(page.metadata?.remainingItemCount);
      token = page.metadata?._continue;
    } while (token);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, index) => `page-${String(index).padStart(2, '0')}`));
    expect(versions.size).toBe(1);
    expect(remaining).toEqual([15, 5, undefined]);
  });

  it('refuses a continue token it did not issue', async () => {
    const error = await failure(
      sandbox.core.listNamespacedConfigMap({ namespace: 'paging', _continue: 'bm90LWEtdG9rZW4' }),
    );
    expect(error.code).toBe(400);
  });
});

describe('lists across namespaces', () => {
  it('list pods of every namespace in namespace/name order', async () => {
    const list = await sandbox.core.listPodForAllNamespaces();
    expect(list.items.map((pod) => `${pod.metadata?.namespace}/${pod.metadata?.name}`)).toEqual([
      'imaging/image-resizer-lll2ctnq4h-q4m8z',
      'imaging/image-resizer-lll2ctnq4h-t7d2k',
      'notifications/notifier-4grbmrwsmq-h2k7m',
      'notifications/notifier-4grbmrwsmq-p9x3w',
      'notifications/notifier-g6xr7rnv9j-v6c2t',
      'shop/web-6f7d8c9b5d-q7m4t',
      'shop/web-6f7d8c9b5d-x2k9p',
    ]);
  });

  it('list the namespaces the loaded objects live in', async () => {
    const list = await sandbox.core.listNamespace();
    expect(names(list)).toEqual(expect.arrayContaining(['argocd', 'imaging', 'notifications', 'shop']));
  });
});
