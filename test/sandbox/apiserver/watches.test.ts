import { makeInformer, type V1Pod } from '@kubernetes/client-node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Sandbox, scenarioObjects, startSandbox } from './sandbox-fixture.js';
import { recordWatch } from './watch-recorder.js';

let sandbox: Sandbox | undefined;

afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function start(options: Parameters<typeof startSandbox>[0] = {}): Promise<Sandbox> {
  sandbox = await startSandbox(options);
  for (const object of scenarioObjects('oom-raise-memory')) sandbox.server.apply(object);
  return sandbox;
}

function pod(name: string, labels: Record<string, string> = { app: 'image-resizer' }): V1Pod {
  return {
    metadata: { name, namespace: 'imaging', labels },
    spec: { containers: [{ name: 'resizer', image: 'registry.example.com/imaging/image-resizer:1.9.3' }] },
  };
}

describe('watches', () => {
  it('deliver MODIFIED after an update', async () => {
    const { core, config } = await start();
    const created = await core.createNamespacedConfigMap({
      namespace: 'imaging',
      body: { metadata: { name: 'settings' }, data: { mode: 'approve' } },
    });
    const watch = await recordWatch(config, '/api/v1/namespaces/imaging/configmaps', {
      resourceVersion: created.metadata?.resourceVersion ?? '',
    });
    await core.replaceNamespacedConfigMap({
      name: 'settings',
      namespace: 'imaging',
      body: { ...created, data: { mode: 'auto' } },
    });
    const [event] = await watch.until((events) => events.length === 1);
    expect(event?.type).toBe('MODIFIED');
    expect(event?.object).toMatchObject({
      kind: 'ConfigMap',
      metadata: { name: 'settings' },
      data: { mode: 'auto' },
    });
    watch.stop();
  });

  it('start with ADDED for the current objects when no resourceVersion is given', async () => {
    const { config } = await start();
    const watch = await recordWatch(config, '/api/v1/namespaces/imaging/pods', {});
    const events = await watch.until((recorded) => recorded.length === 2);
    expect(events.map((event) => [event.type, event.object.metadata.name])).toEqual([
      ['ADDED', 'image-resizer-lll2ctnq4h-q4m8z'],
      ['ADDED', 'image-resizer-lll2ctnq4h-t7d2k'],
    ]);
    watch.stop();
  });

  it('replay the changes after a given resourceVersion', async () => {
    const { core, config } = await start();
    const list = await core.listNamespacedPod({ namespace: 'imaging' });
    await core.createNamespacedPod({ namespace: 'imaging', body: pod('extra') });
    await core.patchNamespacedPod({
      name: 'extra',
      namespace: 'imaging',
      body: [{ op: 'add', path: '/metadata/labels/x', value: 'y' }],
    });
    await core.deleteNamespacedPod({ name: 'extra', namespace: 'imaging' });
    const watch = await recordWatch(config, '/api/v1/namespaces/imaging/pods', {
      resourceVersion: list.metadata?.resourceVersion ?? '',
    });
    const events = await watch.until((recorded) => recorded.length === 3);
    expect(events.map((event) => event.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    const versions = events.map((event) => Number(event.object.metadata.resourceVersion));
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(versions[0]).toBeGreaterThan(Number(list.metadata?.resourceVersion));
    watch.stop();
  });

  it('apply selectors: objects entering the selection are ADDED, leaving it DELETED', async () => {
    const { core, config } = await start();
    const list = await core.listNamespacedPod({ namespace: 'imaging' });
    const watch = await recordWatch(config, '/api/v1/namespaces/imaging/pods', {
      resourceVersion: list.metadata?.resourceVersion ?? '',
      labelSelector: 'tier=canary',
    });
    await core.createNamespacedPod({ namespace: 'imaging', body: pod('canary', { tier: 'stable' }) });
    const relabel = (tier: string) =>
      core.patchNamespacedPod({
        name: 'canary',
        namespace: 'imaging',
        body: [{ op: 'replace', path: '/metadata/labels/tier', value: tier }],
      });
    await relabel('canary');
    await relabel('stable');
    const events = await watch.until((recorded) => recorded.length === 2);
    expect(events.map((event) => [event.type, event.object.metadata.labels.tier])).toEqual([
      ['ADDED', 'canary'],
      ['DELETED', 'canary'],
    ]);
    watch.stop();
  });

  it('answer a resourceVersion older than the retained history with a 410 Expired ERROR event', async () => {
    const { core, config } = await start({ watchHistoryLimit: 3 });
    const list = await core.listNamespacedConfigMap({ namespace: 'imaging' });
    for (let index = 0; index < 5; index += 1) {
      await core.createNamespacedConfigMap({
        namespace: 'imaging',
        body: { metadata: { name: `cm-${index}` } },
      });
    }
    const watch = await recordWatch(config, '/api/v1/namespaces/imaging/configmaps', {
      resourceVersion: list.metadata?.resourceVersion ?? '',
    });
    await watch.untilEnded();
    expect(watch.events).toHaveLength(1);
    expect(watch.events[0]?.type).toBe('ERROR');
    expect(watch.events[0]?.object).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      code: 410,
      reason: 'Expired',
    });
    expect(watch.events[0]?.object.message).toMatch(/^too old resource version: \d+ \(\d+\)$/);
  });

  it('mark the end of the initial events with a bookmark when asked to send them', async () => {
    const { config } = await start();
    const watch = await recordWatch(config, '/api/v1/namespaces/imaging/pods', {
      sendInitialEvents: true,
      allowWatchBookmarks: true,
      resourceVersionMatch: 'NotOlderThan',
    });
    const events = await watch.until((recorded) => recorded.length === 3);
    expect(events.map((event) => event.type)).toEqual(['ADDED', 'ADDED', 'BOOKMARK']);
    expect(events[2]?.object).toMatchObject({
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: { annotations: { 'k8s.io/initial-events-end': 'true' } },
    });
    watch.stop();
  });

  it('end at timeoutSeconds, with a bookmark first when bookmarks are allowed', async () => {
    const { core, config } = await start();
    const list = await core.listNamespacedPod({ namespace: 'imaging' });
    const watch = await recordWatch(config, '/api/v1/namespaces/imaging/pods', {
      resourceVersion: list.metadata?.resourceVersion ?? '',
      allowWatchBookmarks: true,
      timeoutSeconds: 1,
    });
    expect(await watch.untilEnded()).toBeNull();
    expect(watch.events.map((event) => event.type)).toEqual(['BOOKMARK']);
    expect(watch.events[0]?.object.metadata.resourceVersion).toBe(list.metadata?.resourceVersion);
  });

  it('end when the server closes', async () => {
    const { config, server } = await start();
    const watch = await recordWatch(config, '/api/v1/pods', { resourceVersion: '1' });
    await server.close();
    await watch.untilEnded();
  });
});

describe('informers', () => {
  it('see adds, updates and deletes, and relist after the watch history expired', async () => {
    const { core, config, server } = await start({ watchHistoryLimit: 5, watchTimeoutSeconds: 1 });
    let lists = 0;
    const informer = makeInformer(config, '/api/v1/namespaces/imaging/pods', () => {
      lists += 1;
      return core.listNamespacedPod({ namespace: 'imaging' });
    });
    const seen: string[] = [];
    informer.on('add', (object) => seen.push(`add ${object.metadata?.name}`));
    informer.on('update', (object) =>
      seen.push(`update ${object.metadata?.name} ${object.metadata?.labels?.stage}`),
    );
    informer.on('delete', (object) => seen.push(`delete ${object.metadata?.name}`));
    informer.on('error', (error) => seen.push(`error ${String(error)}`));
    await informer.start();
    try {
      await vi.waitFor(() => expect(seen).toHaveLength(2), { timeout: 10_000 });

      await core.createNamespacedPod({ namespace: 'imaging', body: pod('worker', { stage: 'one' }) });
      await core.patchNamespacedPod({
        name: 'worker',
        namespace: 'imaging',
        body: [{ op: 'replace', path: '/metadata/labels/stage', value: 'two' }],
      });
      await core.deleteNamespacedPod({ name: 'worker', namespace: 'imaging' });
      await vi.waitFor(
        () => expect(seen.slice(2)).toEqual(['add worker', 'update worker two', 'delete worker']),
        {
          timeout: 10_000,
        },
      );

      // Pod changes the informer does not watch push its resourceVersion out of the history.
      for (let index = 0; index < 8; index += 1) {
        server.apply({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: `noise-${index}`, namespace: 'elsewhere' },
        });
      }
      // Only a 410 makes an informer list again: its next watch resumed from a version no longer retained.
      await vi.waitFor(() => expect(lists).toBe(2), { timeout: 10_000 });

      await core.createNamespacedPod({ namespace: 'imaging', body: pod('after-relist') });
      await vi.waitFor(() => expect(seen.at(-1)).toBe('add after-relist'), { timeout: 10_000 });
      expect(seen.filter((entry) => entry.startsWith('error'))).toEqual([]);
      expect(
        informer
          .list('imaging')
          .map((item) => item.metadata?.name)
          .sort(),
      ).toEqual(['after-relist', 'image-resizer-lll2ctnq4h-q4m8z', 'image-resizer-lll2ctnq4h-t7d2k']);
    } finally {
      await informer.stop();
    }
  });
});
