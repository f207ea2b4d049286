import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, type Sandbox, scenarioObjects, startSandbox } from './sandbox-fixture.js';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({
    users: [
      { name: 'admin', token: 'admin-token' },
      {
        name: 'viewer',
        token: 'viewer-token',
        rules: [
          {
            apiGroups: [''],
            resources: ['pods', 'pods/log'],
            verbs: ['get', 'list', 'watch'],
            namespaces: ['shop'],
          },
          { apiGroups: ['apps'], resources: ['*'], verbs: ['list'] },
        ],
      },
    ],
  });
  for (const object of scenarioObjects('image-registry-mirror')) sandbox.server.apply(object);
});

afterAll(async () => {
  await sandbox.close();
});

function clientWithToken(token: string | undefined): CoreV1Api {
  const config = new KubeConfig();
  config.loadFromString(sandbox.server.kubeconfig());
  const user = config.getCurrentUser();
  if (user) Object.assign(user, { token });
  return config.makeApiClient(CoreV1Api);
}

describe('authentication', () => {
  it('answers 401 without a token and with an unknown one', async () => {
    for (const token of [undefined, 'forged']) {
      const error = await failure(clientWithToken(token).listNamespacedPod({ namespace: 'shop' }));
      expect(error.code).toBe(401);
    }
  });

  it('serves a known token', async () => {
    const pods = await clientWithToken('admin-token').listNamespacedPod({ namespace: 'shop' });
    expect(pods.items).toHaveLength(2);
  });
});

describe('authorization', () => {
  const viewer = () => sandbox.as('viewer').core;

  it('allows what a rule allows', async () => {
    const pods = await viewer().listNamespacedPod({ namespace: 'shop' });
    expect(pods.items).toHaveLength(2);
    const deployments = await sandbox.as('viewer').apps.listDeploymentForAllNamespaces();
    expect(deployments.items).toHaveLength(1);
  });

  it('forbids other resources with the real message', async () => {
    const error = await failure(viewer().listNamespacedEvent({ namespace: 'shop' }));
    expect(error.code).toBe(403);
    expect(error.status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'events is forbidden: User "viewer" cannot list resource "events" in API group "" in the namespace "shop"',
      reason: 'Forbidden',
      details: { kind: 'events' },
      code: 403,
    });
  });

  it('forbids namespaces outside the rule and the cluster scope', async () => {
    const other = await failure(viewer().readNamespacedPod({ name: 'web', namespace: 'argocd' }));
    expect(other.status).toMatchObject({
      message:
        'pods "web" is forbidden: User "viewer" cannot get resource "pods" in API group "" in the namespace "argocd"',
      details: { name: 'web', kind: 'pods' },
    });
    const cluster = await failure(viewer().listPodForAllNamespaces());
    expect(cluster.status).toMatchObject({
      message:
        'pods is forbidden: User "viewer" cannot list resource "pods" in API group "" at the cluster scope',
    });
  });

  it('checks verbs and subresources', async () => {
    const error = await failure(
      viewer().deleteNamespacedPod({ name: 'web-6f7d8c9b5d-q7m4t', namespace: 'shop' }),
    );
    expect(error.code).toBe(403);
    const status = await failure(
      viewer().readNamespacedPodStatus({ name: 'web-6f7d8c9b5d-q7m4t', namespace: 'shop' }),
    );
    expect(status.status).toMatchObject({
      message:
        'pods "web-6f7d8c9b5d-q7m4t" is forbidden: User "viewer" cannot get resource "pods/status" in API group "" in the namespace "shop"',
    });
  });
});

describe('injected faults', () => {
  it('surface as an ApiException with the injected code and a proper Status', async () => {
    const remove = sandbox.server.injectFault({
      verb: 'list',
      resource: 'pods',
      code: 500,
      message: 'etcdserver: request timed out',
    });
    const error = await failure(sandbox.core.listNamespacedPod({ namespace: 'shop' }));
    expect(error.code).toBe(500);
    expect(error.status).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'InternalError',
      message: 'etcdserver: request timed out',
      code: 500,
    });
    const again = await failure(sandbox.core.listNamespacedPod({ namespace: 'shop' }));
    expect(again.code).toBe(500);
    remove();
    expect((await sandbox.core.listNamespacedPod({ namespace: 'shop' })).items).toHaveLength(2);
  });

  it('match by namespace and verb, and stop after `times`', async () => {
    sandbox.server.injectFault({ resource: 'pods', namespace: 'shop', code: 429, times: 1 });
    expect((await sandbox.core.listNamespacedPod({ namespace: 'argocd' })).items).toEqual([]);
    const throttled = await failure(
      sandbox.core.readNamespacedPod({ name: 'web-6f7d8c9b5d-q7m4t', namespace: 'shop' }),
    );
    expect(throttled.code).toBe(429);
    expect(throttled.status).toMatchObject({ reason: 'TooManyRequests', details: { retryAfterSeconds: 1 } });
    const pod = await sandbox.core.readNamespacedPod({ name: 'web-6f7d8c9b5d-q7m4t', namespace: 'shop' });
    expect(pod.metadata?.name).toBe('web-6f7d8c9b5d-q7m4t');
  });
});
