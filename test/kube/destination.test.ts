import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KubeClients, kubeClients } from '../../backend/src/kube/clients.js';
import { destinationClients } from '../../backend/src/kube/destination.js';
import { SandboxApiServer } from '../../backend/src/sandbox/apiserver/index.js';

function clusterSecret(name: string, clusterName: string, server: string) {
  const base64 = (text: string) => Buffer.from(text).toString('base64');
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace: 'argocd', labels: { 'argocd.argoproj.io/secret-type': 'cluster' } },
    data: { name: base64(clusterName), server: base64(server), config: base64('{"bearerToken":"t"}') },
  };
}

const serverOf = (clients: KubeClients) => clients.kubeConfig.getCurrentCluster()?.server;

/**
 * argocd-server passes on a browser's Argocd-Target-Cluster-Name when the app has no destination
 * name, so the cluster never comes from a header: only from the Application's spec.destination,
 * where the server URL wins over a name, as in Argo CD.
 */
describe('the destination cluster', () => {
  let apiServer: SandboxApiServer;
  let control: KubeClients;

  beforeAll(async () => {
    apiServer = new SandboxApiServer();
    await apiServer.listen();
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(apiServer.kubeconfig());
    control = kubeClients(kubeConfig);
    apiServer.apply(clusterSecret('cluster-prod', 'prod', 'https://prod.example.com'));
    apiServer.apply(clusterSecret('cluster-staging', 'staging', 'https://staging.example.com'));
  });
  afterAll(async () => apiServer.close());

  it('is found by server URL when one is set, whatever name is given', async () => {
    const clients = await destinationClients(control, 'argocd', {
      server: 'https://staging.example.com/',
      name: 'prod',
    });
    expect(serverOf(clients)).toBe('https://staging.example.com');
  });

  it('is found by name only when no server URL is set', async () => {
    expect(serverOf(await destinationClients(control, 'argocd', { name: 'prod' }))).toBe(
      'https://prod.example.com',
    );
  });

  it('is refused when the server URL names no cluster Argo CD knows, even if the name does', async () => {
    await expect(
      destinationClients(control, 'argocd', { server: 'https://elsewhere.example.com', name: 'prod' }),
    ).rejects.toThrow('no Argo CD cluster Secret in argocd for https://elsewhere.example.com');
  });
});
