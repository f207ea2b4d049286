import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { kubectl, type Sandbox, scenarioLog, scenarioObjects, startSandbox } from './sandbox-fixture.js';

let sandbox: Sandbox;
const resizer = 'image-resizer-lll2ctnq4h-q4m8z';
const previousLog = scenarioLog('oom-raise-memory', 'imaging', resizer, 'resizer.previous.log');

beforeAll(async () => {
  sandbox = await startSandbox({
    now: () => new Date('2026-11-20T09:30:00Z'),
    users: [
      { name: 'admin', token: 'admin-token' },
      {
        name: 'auditor',
        token: 'auditor-token',
        rules: [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list'] }],
      },
    ],
  });
  for (const scenario of ['oom-raise-memory', 'image-registry-mirror']) {
    for (const object of scenarioObjects(scenario)) sandbox.server.apply(object);
  }
  sandbox.server.setLog('imaging', resizer, 'resizer', previousLog, { previous: true });
});

afterAll(async () => {
  await sandbox.close();
});

/** The rows of kubectl's column output, split on runs of two or more spaces. */
function rows(output: string): string[][] {
  return output
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s{2,}/));
}

describe('kubectl', () => {
  it('gets pods of all namespaces with the status kubectl computes', async () => {
    const result = await kubectl(sandbox, 'get', 'pods', '-A');
    expect(result.stderr).toBe('');
    expect(rows(result.stdout)).toEqual([
      ['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
      ['imaging', 'image-resizer-lll2ctnq4h-q4m8z', '0/1', 'CrashLoopBackOff', '4 (3d21h ago)', '9d'],
      ['imaging', 'image-resizer-lll2ctnq4h-t7d2k', '1/1', 'Running', '3 (3d21h ago)', '9d'],
      ['shop', 'web-6f7d8c9b5d-q7m4t', '0/1', 'ErrImagePull', '0', '0s'],
      ['shop', 'web-6f7d8c9b5d-x2k9p', '0/1', 'ImagePullBackOff', '0', '0s'],
    ]);
  });

  it('gets deployments as YAML', async () => {
    const result = await kubectl(sandbox, 'get', 'deploy', '-n', 'imaging', '-o', 'yaml');
    expect(result.code).toBe(0);
    const list = parse(result.stdout) as {
      kind: string;
      items: {
        kind: string;
        metadata: { name: string };
        spec: { template: { spec: { containers: { resources: unknown }[] } } };
      }[];
    };
    expect(list.kind).toBe('List');
    expect(list.items.map((item) => [item.kind, item.metadata.name])).toEqual([
      ['Deployment', 'image-resizer'],
    ]);
    expect(list.items[0]?.spec.template.spec.containers[0]?.resources).toEqual({
      limits: { memory: '256Mi' },
      requests: { cpu: '100m', memory: '128Mi' },
    });
  });

  it('prints deployments and other kinds as tables', async () => {
    const deployments = await kubectl(sandbox, 'get', 'deployments', '-n', 'shop');
    expect(rows(deployments.stdout)).toEqual([
      ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
      ['web', '0/2', '2', '0', expect.stringMatching(/^\d+[smhd]/)],
    ]);
    const applications = await kubectl(sandbox, 'get', 'applications', '-n', 'argocd');
    expect(rows(applications.stdout)[0]).toEqual(['NAME', 'AGE']);
    expect(rows(applications.stdout).map((row) => row[0])).toContain('shop-web');
  });

  it('prints events the way kubectl get events does', async () => {
    const result = await kubectl(sandbox, 'get', 'events', '-n', 'shop');
    const table = rows(result.stdout);
    expect(table[0]).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    expect(table).toContainEqual([
      expect.stringMatching(/^\d+[smhd]/),
      'Normal',
      'Pulling',
      'pod/web-6f7d8c9b5d-x2k9p',
      'Pulling image "registry-a.example.com/shop/web:1.4.2"',
    ]);
  });

  it('watches pods with get -w', async () => {
    const watcher = spawn(process.env.KUBECTL ?? 'kubectl', [
      '--kubeconfig',
      sandbox.kubeconfigPath,
      'get',
      'pods',
      '-n',
      'imaging',
      '--watch',
    ]);
    let output = '';
    watcher.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    try {
      await vi.waitFor(() => expect(output).toContain('image-resizer-lll2ctnq4h-t7d2k'), { timeout: 10_000 });
      sandbox.server.apply({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'resizer-canary', namespace: 'imaging', creationTimestamp: '2026-11-20T09:29:00Z' },
        spec: {
          containers: [{ name: 'resizer', image: 'registry.example.com/imaging/image-resizer:1.9.4' }],
        },
        status: { phase: 'Pending' },
      });
      await vi.waitFor(
        () => expect(rows(output).at(-1)).toEqual(['resizer-canary', '0/1', 'Pending', '0', '60s']),
        {
          timeout: 10_000,
        },
      );
    } finally {
      watcher.kill();
    }
  });

  it('shows the previous container log', async () => {
    const result = await kubectl(sandbox, 'logs', '-n', 'imaging', resizer, '--previous');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(previousLog);
  });

  it('reports API errors as the real server’s messages', async () => {
    const missing = await kubectl(sandbox, 'get', 'deploy', 'nope', '-n', 'imaging');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('Error from server (NotFound): deployments.apps "nope" not found');
    const auditor = { ...sandbox, kubeconfigPath: `${sandbox.kubeconfigPath}-auditor` };
    writeFileSync(auditor.kubeconfigPath, sandbox.server.kubeconfig('auditor'));
    const forbidden = await kubectl(auditor, 'get', 'pods', '-n', 'shop');
    expect(forbidden.stderr).toContain(
      'Error from server (Forbidden): pods is forbidden: User "auditor" cannot list resource "pods" in API group "" in the namespace "shop"',
    );
  });

  it('patches with a strategic merge patch', async () => {
    const result = await kubectl(
      sandbox,
      'patch',
      'deployment',
      'web',
      '-n',
      'shop',
      '-p',
      '{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"registry-b.example.com/shop/web:1.4.2"}]}}}}',
    );
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('deployment.apps/web patched');
    const image = await kubectl(
      sandbox,
      'get',
      'deployment',
      'web',
      '-n',
      'shop',
      '-o',
      'jsonpath={.spec.template.spec.containers[0].image}',
    );
    expect(image.stdout).toBe('registry-b.example.com/shop/web:1.4.2');
  });
});
