import type { V1ConfigMap } from '@kubernetes/client-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure, type Sandbox, scenarioObjects, startSandbox } from './sandbox-fixture.js';

let sandbox: Sandbox;

beforeEach(async () => {
  sandbox = await startSandbox({ now: () => new Date('2026-11-16T12:30:00Z') });
  for (const object of scenarioObjects('oom-raise-memory')) sandbox.server.apply(object);
});

afterEach(async () => {
  await sandbox.close();
});

function configMap(name: string, data: Record<string, string>): V1ConfigMap {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'imaging' }, data };
}

describe('reading objects', () => {
  it('serves a loaded object with a fresh resourceVersion and its recorded identity', async () => {
    const deployment = await sandbox.apps.readNamespacedDeployment({
      name: 'image-resizer',
      namespace: 'imaging',
    });
    expect(deployment.metadata?.uid).toBe('ddb600a3-e462-45dd-a963-7c77e3fee64e');
    expect(deployment.metadata?.creationTimestamp).toEqual(new Date('2026-09-01T08:00:00Z'));
    expect(deployment.metadata?.resourceVersion).not.toBe('45518523');
    expect(deployment.spec?.template.spec?.containers[0]?.resources?.limits?.memory).toBe('256Mi');
    expect(deployment.status?.availableReplicas).toBe(1);
  });

  it('answers a missing object with a NotFound Status naming group and resource', async () => {
    const error = await failure(
      sandbox.apps.readNamespacedDeployment({ name: 'nope', namespace: 'imaging' }),
    );
    expect(error.code).toBe(404);
    expect(error.status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'deployments.apps "nope" not found',
      reason: 'NotFound',
      details: { name: 'nope', group: 'apps', kind: 'deployments' },
      code: 404,
    });
  });

  it('serves custom resources through the custom objects API', async () => {
    const application = (await sandbox.custom.getNamespacedCustomObject({
      group: 'argoproj.io',
      version: 'v1alpha1',
      namespace: 'argocd',
      plural: 'applications',
      name: 'image-resizer',
    })) as { kind: string; spec: { destination: { namespace: string } } };
    expect(application.kind).toBe('Application');
    expect(application.spec.destination.namespace).toBe('imaging');
  });
});

describe('creating objects', () => {
  it('assigns identity, resourceVersion and a generated name', async () => {
    const created = await sandbox.core.createNamespacedConfigMap({
      namespace: 'imaging',
      body: { metadata: { generateName: 'remediation-', namespace: 'imaging' }, data: { state: 'proposed' } },
    });
    expect(created.metadata?.name).toMatch(/^remediation-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata?.creationTimestamp).toEqual(new Date('2026-11-16T12:30:00Z'));
    expect(Number(created.metadata?.resourceVersion)).toBeGreaterThan(0);
    const read = await sandbox.core.readNamespacedConfigMap({
      name: created.metadata?.name ?? '',
      namespace: 'imaging',
    });
    expect(read.data).toEqual({ state: 'proposed' });
  });

  it('refuses a second object of the same name with AlreadyExists', async () => {
    await sandbox.core.createNamespacedConfigMap({
      namespace: 'imaging',
      body: configMap('settings', { a: '1' }),
    });
    const error = await failure(
      sandbox.core.createNamespacedConfigMap({
        namespace: 'imaging',
        body: configMap('settings', { a: '2' }),
      }),
    );
    expect(error.code).toBe(409);
    expect(error.status).toMatchObject({
      reason: 'AlreadyExists',
      message: 'configmaps "settings" already exists',
    });
  });

  it('refuses to create in a namespace that does not exist', async () => {
    const error = await failure(
      sandbox.core.createNamespacedConfigMap({
        namespace: 'nowhere',
        body: { metadata: { name: 'settings' }, data: {} },
      }),
    );
    expect(error.code).toBe(404);
    expect(error.status).toMatchObject({
      reason: 'NotFound',
      message: 'namespaces "nowhere" not found',
      details: { name: 'nowhere', kind: 'namespaces' },
    });
  });

  it('refuses an object without a name as Invalid', async () => {
    const error = await failure(
      sandbox.core.createNamespacedConfigMap({ namespace: 'imaging', body: { data: {} } }),
    );
    expect(error.code).toBe(422);
    expect(error.status).toMatchObject({ reason: 'Invalid' });
  });
});

describe('updating objects', () => {
  it('rejects an update carrying a stale resourceVersion with Conflict', async () => {
    const created = await sandbox.core.createNamespacedConfigMap({
      namespace: 'imaging',
      body: configMap('settings', { mode: 'approve' }),
    });
    await sandbox.core.replaceNamespacedConfigMap({
      name: 'settings',
      namespace: 'imaging',
      body: { ...created, data: { mode: 'auto' } },
    });
    const error = await failure(
      sandbox.core.replaceNamespacedConfigMap({
        name: 'settings',
        namespace: 'imaging',
        body: { ...created, data: { mode: 'off' } },
      }),
    );
    expect(error.code).toBe(409);
    expect(error.status).toMatchObject({
      reason: 'Conflict',
      message:
        'Operation cannot be fulfilled on configmaps "settings": the object has been modified; please apply your changes to the latest version and try again',
    });
    const current = await sandbox.core.readNamespacedConfigMap({ name: 'settings', namespace: 'imaging' });
    expect(current.data).toEqual({ mode: 'auto' });
  });

  it('updates unconditionally without a resourceVersion, with a higher resourceVersion', async () => {
    const created = await sandbox.core.createNamespacedConfigMap({
      namespace: 'imaging',
      body: configMap('settings', {}),
    });
    const updated = await sandbox.core.replaceNamespacedConfigMap({
      name: 'settings',
      namespace: 'imaging',
      body: configMap('settings', { mode: 'auto' }),
    });
    expect(updated.data).toEqual({ mode: 'auto' });
    expect(updated.metadata?.uid).toBe(created.metadata?.uid);
    expect(Number(updated.metadata?.resourceVersion)).toBeGreaterThan(
      Number(created.metadata?.resourceVersion),
    );
  });

  it('bumps the generation when the spec changes, not when labels or status do', async () => {
    const deployment = await sandbox.apps.readNamespacedDeployment({
      name: 'image-resizer',
      namespace: 'imaging',
    });
    expect(deployment.metadata?.generation).toBe(6);
    const relabelled = await sandbox.apps.replaceNamespacedDeployment({
      name: 'image-resizer',
      namespace: 'imaging',
      body: {
        ...deployment,
        metadata: { ...deployment.metadata, labels: { app: 'image-resizer', tier: 'api' } },
      },
    });
    expect(relabelled.metadata?.generation).toBe(6);
    const rescaled = await sandbox.apps.replaceNamespacedDeployment({
      name: 'image-resizer',
      namespace: 'imaging',
      body: {
        ...relabelled,
        spec: {
          ...relabelled.spec,
          replicas: 3,
          selector: relabelled.spec?.selector ?? {},
          template: relabelled.spec?.template ?? {},
        },
      },
    });
    expect(rescaled.metadata?.generation).toBe(7);
    expect(rescaled.metadata?.labels).toEqual({ app: 'image-resizer', tier: 'api' });
  });

  it('writes status only through the status subresource', async () => {
    const deployment = await sandbox.apps.readNamespacedDeployment({
      name: 'image-resizer',
      namespace: 'imaging',
    });
    const ignored = await sandbox.apps.replaceNamespacedDeployment({
      name: 'image-resizer',
      namespace: 'imaging',
      body: { ...deployment, status: { ...deployment.status, availableReplicas: 2 } },
    });
    expect(ignored.status?.availableReplicas).toBe(1);
    const written = await sandbox.apps.replaceNamespacedDeploymentStatus({
      name: 'image-resizer',
      namespace: 'imaging',
      body: {
        ...ignored,
        spec: { ...ignored.spec, replicas: 9, selector: {}, template: {} },
        status: { ...ignored.status, availableReplicas: 2 },
      },
    });
    expect(written.status?.availableReplicas).toBe(2);
    expect(written.spec?.replicas).toBe(2);
    const status = await sandbox.apps.readNamespacedDeploymentStatus({
      name: 'image-resizer',
      namespace: 'imaging',
    });
    expect(status.status?.availableReplicas).toBe(2);
  });
});

describe('deleting objects', () => {
  it('deletes an object, then answers NotFound for it', async () => {
    await sandbox.core.deleteNamespacedService({ name: 'image-resizer', namespace: 'imaging' });
    const error = await failure(
      sandbox.core.readNamespacedService({ name: 'image-resizer', namespace: 'imaging' }),
    );
    expect(error.code).toBe(404);
    const again = await failure(
      sandbox.core.deleteNamespacedService({ name: 'image-resizer', namespace: 'imaging' }),
    );
    expect(again.code).toBe(404);
    expect(again.status).toMatchObject({ reason: 'NotFound', message: 'services "image-resizer" not found' });
  });

  it('honours a uid precondition', async () => {
    const error = await failure(
      sandbox.core.deleteNamespacedService({
        name: 'image-resizer',
        namespace: 'imaging',
        body: { preconditions: { uid: 'someone-else' } },
      }),
    );
    expect(error.code).toBe(409);
    expect(error.status).toMatchObject({ reason: 'Conflict' });
  });

  it('deletes the contents of a deleted namespace', async () => {
    await sandbox.core.deleteNamespace({ name: 'imaging' });
    const pods = await sandbox.core.listPodForAllNamespaces();
    expect(pods.items).toEqual([]);
  });
});
