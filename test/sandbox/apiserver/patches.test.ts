import { PatchStrategy, setHeaderOptions, type V1Deployment } from '@kubernetes/client-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure, type Sandbox, scenarioObjects, startSandbox } from './sandbox-fixture.js';

let sandbox: Sandbox;

beforeEach(async () => {
  sandbox = await startSandbox();
  for (const object of scenarioObjects('oom-raise-memory')) sandbox.server.apply(object);
});

afterEach(async () => {
  await sandbox.close();
});

const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const strategicMergePatch = setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch);
const target = { name: 'image-resizer', namespace: 'imaging' };

function patchDeployment(body: object, options = strategicMergePatch): Promise<V1Deployment> {
  return sandbox.apps.patchNamespacedDeployment({ ...target, body }, options);
}

function containerOf(deployment: V1Deployment) {
  const container = deployment.spec?.template.spec?.containers[0];
  if (!container) throw new Error('the deployment has no container');
  return container;
}

describe('JSON merge patches', () => {
  it('merge maps, remove keys set to null and replace lists', async () => {
    const patched = await patchDeployment(
      {
        metadata: { labels: { team: 'media' }, annotations: { 'deployment.kubernetes.io/revision': null } },
        spec: {
          template: {
            spec: {
              containers: [{ name: 'resizer', image: 'registry.example.com/imaging/image-resizer:2.0.0' }],
            },
          },
        },
      },
      mergePatch,
    );
    expect(patched.metadata?.labels).toEqual({ app: 'image-resizer', team: 'media' });
    expect(patched.metadata?.annotations).not.toHaveProperty(['deployment.kubernetes.io/revision']);
    expect(patched.spec?.template.spec?.containers).toEqual([
      { name: 'resizer', image: 'registry.example.com/imaging/image-resizer:2.0.0' },
    ]);
    expect(patched.metadata?.generation).toBe(7);
  });

  it('patch custom resources', async () => {
    const patched = (await sandbox.custom.patchNamespacedCustomObject(
      {
        group: 'argoproj.io',
        version: 'v1alpha1',
        namespace: 'argocd',
        plural: 'applications',
        name: 'image-resizer',
        body: { metadata: { annotations: { 'argocd-ai-sre/mode': 'auto' } } },
      },
      mergePatch,
    )) as { metadata: { annotations: Record<string, string> } };
    expect(patched.metadata.annotations['argocd-ai-sre/mode']).toBe('auto');
  });
});

describe('strategic merge patches', () => {
  it('merge containers by name and env by name, keeping what the patch leaves out', async () => {
    const patched = await patchDeployment({
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'resizer',
                resources: { limits: { memory: '512Mi' } },
                env: [{ name: 'DECODE_LIMIT_MB', value: '64' }],
              },
            ],
          },
        },
      },
    });
    const container = containerOf(patched);
    expect(container.image).toBe('registry.example.com/imaging/image-resizer:1.9.3');
    expect(container.resources).toEqual({
      limits: { memory: '512Mi' },
      requests: { cpu: '100m', memory: '128Mi' },
    });
    expect(container.env).toEqual([
      { name: 'MAX_UPLOAD_MB', value: '40' },
      { name: 'DECODE_LIMIT_MB', value: '64' },
    ]);
    expect(container.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
  });

  it('honour $patch: delete in a keyed list and $patch: replace on a list', async () => {
    const patched = await patchDeployment({
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'resizer',
                env: [{ name: 'MAX_UPLOAD_MB', $patch: 'delete' }],
                ports: [{ $patch: 'replace' }, { name: 'metrics', containerPort: 9090 }],
              },
            ],
          },
        },
      },
    });
    const container = containerOf(patched);
    expect(container.env).toEqual([]);
    expect(container.ports).toEqual([{ name: 'metrics', containerPort: 9090 }]);
  });

  it('merge ports by containerPort and add a sidecar container', async () => {
    const patched = await patchDeployment({
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'resizer', ports: [{ containerPort: 8080, name: 'web' }] },
              { name: 'proxy', image: 'envoyproxy/envoy:v1.31.0' },
            ],
          },
        },
      },
    });
    expect(patched.spec?.template.spec?.containers.map((container) => container.name)).toEqual([
      'resizer',
      'proxy',
    ]);
    expect(containerOf(patched).ports).toEqual([{ name: 'web', containerPort: 8080, protocol: 'TCP' }]);
  });

  it('merge status conditions by type through the status subresource', async () => {
    const patched = await sandbox.apps.patchNamespacedDeploymentStatus(
      {
        ...target,
        body: {
          status: { conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' }] },
        },
      },
      strategicMergePatch,
    );
    expect(
      patched.status?.conditions?.map((condition) => [condition.type, condition.status, condition.reason]),
    ).toEqual([
      ['Progressing', 'True', 'NewReplicaSetAvailable'],
      ['Available', 'True', 'MinimumReplicasAvailable'],
    ]);
    expect(patched.metadata?.generation).toBe(6);
  });

  it('is refused for custom resources with UnsupportedMediaType', async () => {
    const error = await failure(
      sandbox.custom.patchNamespacedCustomObject(
        {
          group: 'argoproj.io',
          version: 'v1alpha1',
          namespace: 'argocd',
          plural: 'applications',
          name: 'image-resizer',
          body: { metadata: { labels: { a: 'b' } } },
        },
        strategicMergePatch,
      ),
    );
    expect(error.code).toBe(415);
    expect(error.status).toMatchObject({ reason: 'UnsupportedMediaType' });
  });
});

describe('JSON patches', () => {
  it('apply operations after a passing test', async () => {
    const patched = await sandbox.apps.patchNamespacedDeployment({
      ...target,
      body: [
        { op: 'test', path: '/spec/template/spec/containers/0/resources/limits/memory', value: '256Mi' },
        { op: 'replace', path: '/spec/template/spec/containers/0/resources/limits/memory', value: '512Mi' },
        { op: 'add', path: '/metadata/labels/team', value: 'media' },
        { op: 'remove', path: '/spec/template/spec/containers/0/env' },
      ],
    });
    expect(containerOf(patched).resources?.limits?.memory).toBe('512Mi');
    expect(containerOf(patched).env).toBeUndefined();
    expect(patched.metadata?.labels?.team).toBe('media');
  });

  it('refuse the whole patch when a test fails', async () => {
    const error = await failure(
      sandbox.apps.patchNamespacedDeployment({
        ...target,
        body: [
          { op: 'add', path: '/metadata/labels/team', value: 'media' },
          { op: 'test', path: '/spec/replicas', value: 5 },
        ],
      }),
    );
    expect(error.code).toBe(422);
    const deployment = await sandbox.apps.readNamespacedDeployment(target);
    expect(deployment.metadata?.labels).toEqual({ app: 'image-resizer' });
  });
});

describe('optimistic concurrency in patches', () => {
  it('applies a patch carrying the current resourceVersion and rejects one carrying a stale one', async () => {
    const current = await sandbox.apps.readNamespacedDeployment(target);
    const resourceVersion = current.metadata?.resourceVersion;
    const patched = await patchDeployment(
      { metadata: { resourceVersion, labels: { step: 'one' } } },
      mergePatch,
    );
    expect(patched.metadata?.labels?.step).toBe('one');
    const error = await failure(
      patchDeployment({ metadata: { resourceVersion, labels: { step: 'two' } } }, mergePatch),
    );
    expect(error.code).toBe(409);
    expect(error.status).toMatchObject({ reason: 'Conflict' });
  });

  it('keeps the resourceVersion when a patch changes nothing', async () => {
    const current = await sandbox.apps.readNamespacedDeployment(target);
    const patched = await patchDeployment({ metadata: { labels: { app: 'image-resizer' } } }, mergePatch);
    expect(patched.metadata?.resourceVersion).toBe(current.metadata?.resourceVersion);
  });
});
