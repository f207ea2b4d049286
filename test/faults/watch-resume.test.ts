import { CoreV1Api, KubeConfig, type V1ConfigMap } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { type CollectionChange, WatchedCollection } from '../../backend/src/kube/watched-collection.js';
import { SandboxApiServer } from '../../backend/src/sandbox/apiserver/index.js';

const namespace = 'argocd';

function configMap(name: string, value: string) {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: { value } };
}

interface Watched {
  server: SandboxApiServer;
  collection: WatchedCollection<V1ConfigMap>;
  /** Each object's value as the collection last reported it; a delete removes it. */
  seen: Map<string, string>;
  changes: CollectionChange[];
  errors: string[];
}

async function watch(
  server: SandboxApiServer,
  options: { watchAnswerWithinMs?: number } = {},
): Promise<Watched> {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(server.kubeconfig());
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const seen = new Map<string, string>();
  const changes: CollectionChange[] = [];
  const errors: string[] = [];
  const collection = new WatchedCollection<V1ConfigMap>({
    kubeConfig,
    path: `/api/v1/namespaces/${namespace}/configmaps`,
    list: () => core.listNamespacedConfigMap({ namespace }),
    description: 'test ConfigMaps',
    onChange: (change, object) => {
      changes.push(change);
      const name = object.metadata?.name ?? '';
      if (change === 'delete') seen.delete(name);
      else seen.set(name, object.data?.value ?? '');
    },
    onError: (message, error) => errors.push(`${message}: ${(error as Error).message}`),
    retryDelayMs: 20,
    maxRetryDelayMs: 100,
    ...options,
  });
  await collection.start();
  return { server, collection, seen, changes, errors };
}

/** What the API server holds, as the collection should come to see it. */
function truth(server: SandboxApiServer): Map<string, string> {
  return new Map(
    server
      .list('v1', 'ConfigMap', namespace)
      .map((object) => [object.metadata?.name ?? '', String((object as V1ConfigMap).data?.value)]),
  );
}

async function converges(watched: Watched): Promise<void> {
  await expect
    .poll(() => [...watched.seen].sort(), { timeout: 10_000, interval: 20 })
    .toEqual([...truth(watched.server)].sort());
  expect([...watched.collection.list()].map((object) => object.metadata?.name).sort()).toEqual(
    [...truth(watched.server).keys()].sort(),
  );
}

/** Changes made while the watch is down: an update, a new object, a deletion. */
function changeEverything(server: SandboxApiServer, round: number): void {
  server.apply(configMap('kept', `round ${round}`));
  server.apply(configMap(`added-${round}`, 'new'));
  server.remove('v1', 'ConfigMap', namespace, 'doomed');
}

describe('a watched collection loses no update when its watch fails', () => {
  let watched: Watched | undefined;
  afterEach(async () => {
    await watched?.collection.stop();
    await watched?.server.close();
    watched = undefined;
  });

  async function started(server = new SandboxApiServer()): Promise<Watched> {
    await server.listen();
    server.apply(configMap('kept', 'round 0'));
    server.apply(configMap('doomed', 'soon gone'));
    watched = await watch(server);
    await converges(watched);
    return watched;
  }

  it.each(['end', 'reset'] as const)('resumes after the API server drops the watch (%s)', async (how) => {
    const { server } = await started();
    expect(server.dropWatches(how)).toBe(1);
    changeEverything(server, 1);
    await converges(watched as Watched);
  });

  it('keeps trying while the API server answers watches with 500, then catches up', async () => {
    const { server } = await started();
    server.injectFault({ verb: 'watch', resource: 'configmaps', code: 500, times: 4 });
    server.dropWatches('reset');
    changeEverything(server, 1);
    await converges(watched as Watched);
    expect(watched?.errors.length).toBeGreaterThanOrEqual(4);
    expect(watched?.errors[0]).toMatch(/the watch on test ConfigMaps failed; retrying in \d+ ms/);
  });

  it('lists afresh, deletions included, when the changes it missed are no longer retained', async () => {
    const { server } = await started(new SandboxApiServer({ watchHistoryLimit: 2 }));
    const removeFault = server.injectFault({ verb: 'watch', resource: 'configmaps', code: 503 });
    server.dropWatches('reset');
    for (let round = 1; round <= 5; round++) changeEverything(server, round);
    removeFault();
    await converges(watched as Watched);
    expect(watched?.changes).toContain('delete');
  });

  it('leaves no watch open when stopped while it was still starting', async () => {
    const server = new SandboxApiServer();
    await server.listen();
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(server.kubeconfig());
    const core = kubeConfig.makeApiClient(CoreV1Api);
    const collection = new WatchedCollection<V1ConfigMap>({
      kubeConfig,
      path: `/api/v1/namespaces/${namespace}/configmaps`,
      list: () => core.listNamespacedConfigMap({ namespace }),
      description: 'test ConfigMaps',
      onChange: () => undefined,
      onError: () => undefined,
    });
    watched = { server, collection, seen: new Map(), changes: [], errors: [] };
    const starting = collection.start();
    await collection.stop();
    await starting;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.dropWatches()).toBe(0);
  });

  it('gives up on a watch the API server takes but never answers, and watches again', async () => {
    const server = new SandboxApiServer();
    await server.listen();
    server.apply(configMap('kept', 'round 0'));
    server.apply(configMap('doomed', 'soon gone'));
    watched = await watch(server, { watchAnswerWithinMs: 200 });
    await converges(watched);
    server.injectFault({ verb: 'watch', resource: 'configmaps', stall: true, times: 2 });
    server.dropWatches('end');
    changeEverything(server, 1);
    await converges(watched);
    expect(watched.errors.join('\n')).toMatch(/did not answer the watch .* within 200 ms/);
  });

  it('keeps trying while listing fails, and starts once the API server answers', async () => {
    const server = new SandboxApiServer();
    await server.listen();
    server.apply(configMap('kept', 'round 0'));
    server.injectFault({ verb: 'list', resource: 'configmaps', code: 500, times: 3 });
    watched = await watch(server);
    server.apply(configMap('later', 'added while listing failed'));
    await converges(watched);
    expect(watched.errors.length).toBeGreaterThanOrEqual(3);
  });
});
