import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_KUBE_LIMITS } from '../../backend/src/config.js';
import { kubeClients } from '../../backend/src/kube/clients.js';
import { DestinationError } from '../../backend/src/kube/destination.js';
import { ApplicationNotFoundError, gatherSnapshot } from '../../backend/src/kube/gather/index.js';
import type { KubeObject } from '../../backend/src/kube/objects.js';
import { SandboxApiServer } from '../../backend/src/sandbox/apiserver/index.js';
import { objectsFromFiles } from '../support/snapshot.js';

const scenario = new URL('../scenarios/image-registry-mirror/cluster/', import.meta.url).pathname;

/** The bearer token and CA a sandbox's kubeconfig holds, as Argo CD's cluster Secret would. */
function credentialsOf(server: SandboxApiServer): { token: string; caData: string } {
  const config = parse(server.kubeconfig());
  return {
    token: config.users[0].user.token,
    caData: config.clusters[0].cluster['certificate-authority-data'],
  };
}

function clusterSecret(name: string, server: string, config: object): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace: 'argocd', labels: { 'argocd.argoproj.io/secret-type': 'cluster' } },
    stringData: { name, server, config: JSON.stringify(config) },
  };
}

describe('gatherSnapshot', () => {
  const control = new SandboxApiServer();
  const remote = new SandboxApiServer();
  let controlClients: ReturnType<typeof kubeClients>;
  const objects = objectsFromFiles(
    `${scenario}application.yaml`,
    `${scenario}workloads.yaml`,
    `${scenario}events.yaml`,
  );
  const application = objects.find((object) => object.kind === 'Application') as KubeObject;

  beforeAll(async () => {
    await Promise.all([control.listen(), remote.listen()]);
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(control.kubeconfig());
    controlClients = kubeClients(kubeConfig);
    for (const object of objects) if (object.kind !== 'Application') remote.apply(object);
    const { token, caData } = credentialsOf(remote);
    control.apply(
      clusterSecret('production', remote.url, {
        bearerToken: token,
        tlsClientConfig: { caData, insecure: false },
      }),
    );
    control.apply(clusterSecret('eks', 'https://eks.example.com', { awsAuthConfig: { clusterName: 'eks' } }));
    const spec = application.spec as { destination: object };
    control.apply({
      ...application,
      spec: { ...spec, destination: { server: remote.url, namespace: 'shop' } },
    });
    control.apply({
      ...application,
      metadata: { name: 'by-name', namespace: 'argocd' },
      spec: { ...spec, destination: { name: 'production', namespace: 'shop' } },
    });
    control.apply({
      ...application,
      metadata: { name: 'on-eks', namespace: 'argocd' },
      spec: { ...spec, destination: { server: 'https://eks.example.com', namespace: 'shop' } },
    });
    control.apply({
      ...application,
      metadata: { name: 'unknown-cluster', namespace: 'argocd' },
      spec: { ...spec, destination: { server: 'https://nowhere.example.com', namespace: 'shop' } },
    });
  });
  afterAll(async () => Promise.all([control.close(), remote.close()]));

  const gather = (name: string) =>
    gatherSnapshot({
      control: controlClients,
      argocdNamespace: 'argocd',
      application: { namespace: 'argocd', name },
      limits: DEFAULT_KUBE_LIMITS,
      readSecretKeys: true,
      now: () => new Date('2026-11-17T09:00:00Z'),
    });

  it('reads a remote destination with the bearer token and CA of Argo CD’s cluster Secret', async () => {
    control.clearRequestLog();
    remote.clearRequestLog();
    const snapshot = await gather('shop-web');
    expect(snapshot.pods.map((pod) => pod.metadata?.name).sort()).toEqual([
      'web-6f7d8c9b5d-q7m4t',
      'web-6f7d8c9b5d-x2k9p',
    ]);
    expect(snapshot.notes).toEqual([]);
    expect(control.requestLog.map((request) => request.resource)).toEqual(['applications', 'secrets']);
    expect(remote.requestLog.every((request) => request.code === 200)).toBe(true);
  });

  it('finds the cluster Secret by name when the destination names the cluster', async () => {
    expect((await gather('by-name')).deployments.map((deployment) => deployment.metadata?.name)).toEqual([
      'web',
    ]);
  });

  it('says why a destination cannot be reached', async () => {
    await expect(gather('on-eks')).rejects.toThrow(DestinationError);
    await expect(gather('on-eks')).rejects.toThrow(/awsAuthConfig, which argocd-ai-sre does not support/);
    await expect(gather('unknown-cluster')).rejects.toThrow(
      /no Argo CD cluster Secret in argocd for https:\/\/nowhere/,
    );
    await expect(gather('absent')).rejects.toThrow(ApplicationNotFoundError);
  });

  it('notes a list it could not read, and still finds the pods of a Deployment by its selector', async () => {
    const removeFault = remote.injectFault({ verb: 'list', resource: 'replicasets', code: 503 });
    try {
      const snapshot = await gather('shop-web');
      expect(snapshot.notes).toEqual([expect.stringMatching(/^ReplicaSet list in shop unavailable: 503/)]);
      expect(snapshot.pods.length).toBe(2);
    } finally {
      removeFault();
    }
  });
});
