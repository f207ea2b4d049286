import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SandboxApiServer } from '../../../backend/src/sandbox/apiserver/index.js';
import { type Sandbox, scenarioObjects, startSandbox } from './sandbox-fixture.js';

let sandbox: Sandbox | undefined;
let plain: SandboxApiServer | undefined;

afterEach(async () => {
  await sandbox?.close();
  await plain?.close();
  sandbox = undefined;
  plain = undefined;
});

interface Kubeconfig {
  clusters: { name: string; cluster: { server: string; 'certificate-authority-data'?: string } }[];
  users: { name: string; user: { token: string } }[];
  'current-context': string;
}

describe('transport', () => {
  it('serves HTTPS with its own certificate authority in the kubeconfig', async () => {
    sandbox = await startSandbox();
    const config = parse(sandbox.server.kubeconfig()) as Kubeconfig;
    expect(sandbox.server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(config.clusters[0]?.name).toBe('sandbox');
    expect(config.clusters[0]?.cluster.server).toBe(sandbox.server.url);
    const authority = Buffer.from(
      config.clusters[0]?.cluster['certificate-authority-data'] ?? '',
      'base64',
    ).toString();
    expect(authority).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    expect(config.users[0]?.name).toBe('admin');
    expect(config.users[0]?.user.token).toMatch(/^[0-9a-f]{48}$/);
  });

  it('serves plain http when asked to', async () => {
    plain = new SandboxApiServer({ tls: false, users: [{ name: 'ci', token: 'ci-token' }] });
    for (const object of scenarioObjects('oom-raise-memory', 'workloads.yaml')) plain.apply(object);
    expect(await plain.listen()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const config = new KubeConfig();
    config.loadFromString(plain.kubeconfig('ci'));
    const pods = await config.makeApiClient(CoreV1Api).listNamespacedPod({ namespace: 'imaging' });
    expect(pods.items).toHaveLength(2);
  });

  it('logs every request with its verb, resource, namespace and code', async () => {
    sandbox = await startSandbox();
    for (const object of scenarioObjects('oom-raise-memory', 'workloads.yaml')) sandbox.server.apply(object);
    sandbox.server.clearRequestLog();
    await sandbox.core.listNamespacedPod({ namespace: 'imaging' });
    await sandbox.core.readNamespacedPodLog({ name: 'image-resizer-lll2ctnq4h-t7d2k', namespace: 'imaging' });
    await sandbox.apps
      .readNamespacedDeployment({ name: 'missing', namespace: 'imaging' })
      .catch(() => undefined);
    expect(sandbox.server.requestLog).toEqual([
      {
        method: 'GET',
        path: '/api/v1/namespaces/imaging/pods',
        verb: 'list',
        resource: 'pods',
        namespace: 'imaging',
        code: 200,
      },
      {
        method: 'GET',
        path: '/api/v1/namespaces/imaging/pods/image-resizer-lll2ctnq4h-t7d2k/log',
        verb: 'get',
        resource: 'pods/log',
        namespace: 'imaging',
        code: 200,
      },
      {
        method: 'GET',
        path: '/apis/apps/v1/namespaces/imaging/deployments/missing',
        verb: 'get',
        resource: 'deployments',
        namespace: 'imaging',
        code: 404,
      },
    ]);
    sandbox.server.clearRequestLog();
    expect(sandbox.server.requestLog).toEqual([]);
  });
});
