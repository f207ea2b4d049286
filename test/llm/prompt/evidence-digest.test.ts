import { describe, expect, it } from 'vitest';
import type { Evidence, Symptom } from '../../../backend/src/detectors/symptom.js';
import { digestEvidence, logLineForms } from '../../../backend/src/llm/prompt/evidence-digest.js';

const pod = (name: string) => ({ group: '', kind: 'Pod', namespace: 'shop', name });

function backOff(name: string, count: number): Evidence {
  return {
    kind: 'event',
    id: `event:shop/${name}.1`,
    resource: pod(name),
    type: 'Warning',
    reason: 'BackOff',
    message: `Back-off restarting failed container web in pod ${name}_shop(uid)`,
    count,
  };
}

function symptom(name: string, evidence: Evidence[]): Symptom {
  return {
    type: 'CrashLoopBackOff',
    resource: pod(name),
    message: `Pod shop/${name} is crash-looping.`,
    params: {},
    evidence,
  };
}

describe('digestEvidence', () => {
  it('shows the same event on several pods once, with their count, and cites all of them', () => {
    const items = digestEvidence(
      [
        symptom('web-1', [backOff('web-1', 40)]),
        symptom('web-2', [backOff('web-2', 2)]),
        symptom('web-3', [backOff('web-3', 1)]),
      ],
      8,
    );
    expect(items).toHaveLength(1);
    expect(items[0]?.ids).toEqual(['event:shop/web-1.1', 'event:shop/web-2.1', 'event:shop/web-3.1']);
    expect(items[0]?.forms[0]).toBe(
      '  [E1] event Warning BackOff on 3 Pods shop/web-1, shop/web-2 and 1 more, 43 times: Back-off restarting failed container web in pod web-1_shop(uid)',
    );
  });

  it('numbers items in the order of the symptoms and redacts messages', () => {
    const leaky: Evidence = {
      kind: 'status',
      id: 'status:/Pod/shop/web-1:status.message',
      resource: pod('web-1'),
      field: 'status.message',
      value: 'failed to connect with password=hunter2-secret',
    };
    const items = digestEvidence([symptom('web-1', [leaky]), symptom('web-2', [backOff('web-2', 1)])], 8);
    expect(items.map((item) => [item.shortId, item.symptom])).toEqual([
      ['E1', 0],
      ['E2', 1],
    ]);
    expect(items[0]?.forms[0]).toContain('password=****');
    expect(items[0]?.forms.join('\n')).not.toContain('hunter2');
  });

  it('cuts a log to the lines around its last error, repeats collapsed, with the error line alone as the shorter form', () => {
    const lines = [
      'INFO starting',
      ...Array.from({ length: 30 }, (_, index) => `INFO request ${index} served`),
      'WARN retrying database',
      'WARN retrying database',
      'ERROR cannot connect to postgres:5432: connection refused',
      'INFO shutting down',
    ];
    const [around, alone] = logLineForms(lines);
    expect(around).toEqual([
      'INFO request 28 served',
      'INFO request 29 served',
      'WARN retrying database (repeated 2 times)',
      'ERROR cannot connect to postgres:5432: connection refused',
      'INFO shutting down',
    ]);
    expect(alone).toEqual(['ERROR cannot connect to postgres:5432: connection refused']);
  });

  it('keeps the last lines of a log without an error', () => {
    const lines = ['one', 'two', 'three', 'four', 'five', 'six', 'seven'];
    expect(logLineForms(lines)).toEqual([['three', 'four', 'five', 'six', 'seven'], ['seven']]);
  });
});
