import { describe, expect, it } from 'vitest';
import { asShown } from '../../backend/src/demo/sandbox-reader.js';

describe('a live object as the demo page shows it', () => {
  it('masks every value of a Secret and drops stringData, keeping the keys', () => {
    const shown = asShown({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'smtp', namespace: 'notifications', managedFields: [{ manager: 'kubectl' }] },
      data: { password: 'aHVudGVyMg==', user: 'bm90aWZpZXI=' },
      stringData: { token: 'plain-text-token' },
    } as never);
    expect(shown).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'smtp', namespace: 'notifications' },
      data: { password: '++++++++', user: '++++++++' },
    });
  });

  it('leaves other objects as they are, without managed fields', () => {
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'flags' }, data: { a: '1' } };
    expect(
      asShown({ ...configMap, metadata: { ...configMap.metadata, managedFields: [] } } as never),
    ).toEqual(configMap);
  });
});
