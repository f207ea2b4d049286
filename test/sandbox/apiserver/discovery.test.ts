import {
  ApisApi,
  CoreApi,
  KubernetesObjectApi,
  type V1APIResource,
  VersionApi,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, scenarioObjects, startSandbox } from './sandbox-fixture.js';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
  for (const object of scenarioObjects('oom-raise-memory')) sandbox.server.apply(object);
  sandbox.server.apply({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: { name: 'image-resizer', namespace: 'imaging' },
    spec: { endpoints: [{ port: 'http' }] },
  });
  sandbox.server.apply({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'default-deny', namespace: 'imaging' },
    spec: { podSelector: {} },
  });
  sandbox.server.apply({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-1' }, spec: {} });
});

afterAll(async () => {
  await sandbox.close();
});

function find(resources: V1APIResource[], name: string): V1APIResource | undefined {
  return resources.find((resource) => resource.name === name);
}

describe('discovery', () => {
  it('reports a server version', async () => {
    const version = await sandbox.config.makeApiClient(VersionApi).getCode();
    expect(version.major).toBe('1');
    expect(version.gitVersion).toMatch(/^v1\.\d+\.\d+/);
  });

  it('lists the core version and the API groups with their preferred versions', async () => {
    const core = await sandbox.config.makeApiClient(CoreApi).getAPIVersions();
    expect(core.versions).toEqual(['v1']);
    const groups = await sandbox.config.makeApiClient(ApisApi).getAPIVersions();
    const names = groups.groups.map((group) => group.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'apps',
        'batch',
        'networking.k8s.io',
        'autoscaling',
        'storage.k8s.io',
        'coordination.k8s.io',
        'discovery.k8s.io',
        'argoproj.io',
        'monitoring.coreos.com',
      ]),
    );
    const argo = groups.groups.find((group) => group.name === 'argoproj.io');
    expect(argo?.preferredVersion).toEqual({ groupVersion: 'argoproj.io/v1alpha1', version: 'v1alpha1' });
  });

  it('describes core resources with verbs, short names and subresources', async () => {
    const list = await sandbox.core.getAPIResources();
    expect(find(list.resources, 'pods')).toMatchObject({
      kind: 'Pod',
      namespaced: true,
      shortNames: ['po'],
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
    });
    expect(find(list.resources, 'pods/log')).toMatchObject({ kind: 'Pod', verbs: ['get'] });
    expect(find(list.resources, 'pods/status')).toMatchObject({ verbs: ['get', 'patch', 'update'] });
    expect(find(list.resources, 'nodes')).toMatchObject({ namespaced: false });
    expect(find(list.resources, 'persistentvolumes')).toMatchObject({
      kind: 'PersistentVolume',
      namespaced: false,
    });
    const apps = await sandbox.apps.getAPIResources();
    expect(find(apps.resources, 'deployments/status')).toBeDefined();
  });

  it('registers the kinds of loaded objects with their plural names', async () => {
    const objects = KubernetesObjectApi.makeApiClient(sandbox.config);
    const monitors = await objects.list('monitoring.coreos.com/v1', 'ServiceMonitor', 'imaging');
    expect(monitors.items.map((item) => item.metadata?.name)).toEqual(['image-resizer']);
    const policy = await objects.read({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny', namespace: 'imaging' },
    });
    expect(policy.metadata?.name).toBe('default-deny');
    const byPlural = (await sandbox.custom.listNamespacedCustomObject({
      group: 'networking.k8s.io',
      version: 'v1',
      namespace: 'imaging',
      plural: 'networkpolicies',
    })) as { items: { metadata: { name: string } }[] };
    expect(byPlural.items.map((item) => item.metadata.name)).toEqual(['default-deny']);
  });
});
