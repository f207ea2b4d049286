import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../backend/src/kube/objects.js';
import { logOf, snapshotOf } from '../support/snapshot.js';

const secret: KubeObject = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db', namespace: 'shop' },
  data: { password: Buffer.from('hunter2-value').toString('base64') },
  stringData: { user: 'app-user-value' },
};

const pod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'web-1',
    namespace: 'shop',
    managedFields: [{ manager: 'kubectl' }],
    annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"big":true}', team: 'shop' },
  },
  spec: {
    containers: [
      {
        name: 'web',
        image: 'web:1',
        env: [
          { name: 'API_TOKEN', value: 'tok-literal-value' },
          { name: 'LOG_LEVEL', value: 'info' },
          { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
        ],
      },
    ],
  },
  status: {
    containerStatuses: [
      { name: 'web', state: { waiting: { reason: 'Err', message: 'auth with password=hunter2 failed' } } },
    ],
  },
};

describe('buildSnapshot', () => {
  const snapshot = snapshotOf([secret, pod], {
    logs: [logOf('shop', 'web-1', 'web', 'start\nconnect postgres://app:pw-in-log@db/app\n')],
  });
  const text = JSON.stringify(snapshot);

  it('keeps only the names and keys of Secrets', () => {
    expect(snapshot.secrets).toEqual([{ namespace: 'shop', name: 'db', keys: ['password', 'user'] }]);
    expect(text).not.toContain(Buffer.from('hunter2-value').toString('base64'));
    expect(text).not.toContain('app-user-value');
  });

  it('masks secret-looking literal env values and credentials in messages and logs', () => {
    expect(text).not.toContain('tok-literal-value');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('pw-in-log');
    expect(text).toContain('"LOG_LEVEL","value":"info"');
  });

  it('drops managedFields and the last-applied annotation', () => {
    expect(snapshot.pods[0]?.metadata?.managedFields).toBeUndefined();
    expect(snapshot.pods[0]?.metadata?.annotations).toEqual({ team: 'shop' });
  });
});
