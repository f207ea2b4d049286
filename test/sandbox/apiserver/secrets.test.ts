import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from './sandbox-fixture.js';

describe('Secrets', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
    sandbox.server.apply({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'loaded', namespace: 'shop' },
      data: { user: Buffer.from('app').toString('base64') },
      stringData: { password: 'from-fixture' },
    });
  });
  afterAll(async () => sandbox.close());

  const decoded = (data: Record<string, string> | undefined) =>
    Object.fromEntries(
      Object.entries(data ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64').toString()]),
    );

  it('stores stringData in data, base64-encoded, as kube-apiserver does', async () => {
    const created = await sandbox.core.createNamespacedSecret({
      namespace: 'shop',
      body: {
        metadata: { name: 'db' },
        data: { user: Buffer.from('old').toString('base64'), host: Buffer.from('db').toString('base64') },
        stringData: { user: 'app', password: 'hunter2' },
      },
    });
    expect(created.stringData).toBeUndefined();
    expect(decoded(created.data)).toEqual({ user: 'app', host: 'db', password: 'hunter2' });
    const read = await sandbox.core.readNamespacedSecret({ namespace: 'shop', name: 'db' });
    expect(read.stringData).toBeUndefined();
  });

  it('does the same for objects a fixture loads', async () => {
    const read = await sandbox.core.readNamespacedSecret({ namespace: 'shop', name: 'loaded' });
    expect(read.stringData).toBeUndefined();
    expect(decoded(read.data)).toEqual({ user: 'app', password: 'from-fixture' });
  });
});
