import { describe, expect, it } from 'vitest';
import { parseRunbookConfigMaps } from '../../backend/src/runbooks/parse.js';
import { describeProblem } from '../../backend/src/runbooks/problems.js';
import type { Runbook } from '../../backend/src/runbooks/schema.js';
import { REGISTRY_RUNBOOK, runbookConfigMap } from './runbook-config-maps.js';

const minimal = (id: string, type = 'OOMKilled') =>
  `id: ${id}\nsymptom: {type: ${type}}\nsolution: {text: Raise it.}\n`;

describe('parseRunbookConfigMaps: valid runbooks', () => {
  it('reads the runbook of DESIGN.md as written, with its source', () => {
    const { runbooks, problems } = parseRunbookConfigMaps([
      runbookConfigMap('runbooks-registry', { 'registry-a-to-b.yaml': REGISTRY_RUNBOOK }),
    ]);
    expect(problems).toEqual([]);
    expect(runbooks).toEqual<Runbook[]>([
      {
        id: 'registry-a-to-b',
        description: 'Registry A is flaky; the mirror B has the same images.',
        symptom: {
          type: 'ImagePullBackOff',
          when: { registry: 'registry-a.example.com', message: '/timeout|no such host/' },
          text: 'image pull backoff error from Docker registry A',
        },
        solution: {
          text: 'Override registry A to registry B.',
          actions: [{ setImageRegistry: { from: 'registry-a.example.com', to: 'registry-b.example.com' } }],
        },
        automation: 'approve',
        scope: { projects: ['*'], applications: ['*'], namespaces: ['*'] },
        verify: { timeout: '10m', revertOnFailure: true },
        source: { namespace: 'argocd', configMap: 'runbooks-registry', key: 'registry-a-to-b.yaml' },
      },
    ]);
  });

  it('fills the defaults: automation approve, every app in scope, verify within 10m with revert, no conditions', () => {
    const { runbooks } = parseRunbookConfigMaps([
      runbookConfigMap('runbooks', { 'oom.yaml': minimal('oom') }),
    ]);
    expect(runbooks).toEqual<Runbook[]>([
      {
        id: 'oom',
        symptom: { type: 'OOMKilled', when: {} },
        solution: { text: 'Raise it.', actions: [] },
        automation: 'approve',
        scope: {},
        verify: { timeout: '10m', revertOnFailure: true },
        source: { namespace: 'argocd', configMap: 'runbooks', key: 'oom.yaml' },
      },
    ]);
  });

  it('fills the half of verify that is missing, and keeps a partial scope partial', () => {
    const text = `${minimal('oom')}verify: {timeout: 30m}\nscope: {namespaces: [payments]}\n`;
    const [runbook] = parseRunbookConfigMaps([runbookConfigMap('runbooks', { 'oom.yaml': text })]).runbooks;
    expect(runbook?.verify).toEqual({ timeout: '30m', revertOnFailure: true });
    expect(runbook?.scope).toEqual({ namespaces: ['payments'] });
  });

  it('reads an action without settings written with no value, as revertLastChange: {}', () => {
    const text = 'id: revert\nsymptom: {type: SyncFailed}\nsolution:\n  actions:\n    - revertLastChange:\n';
    const { runbooks, problems } = parseRunbookConfigMaps([
      runbookConfigMap('runbooks', { 'revert.yaml': text }),
    ]);
    expect(problems).toEqual([]);
    expect(runbooks[0]?.solution.actions).toEqual([{ revertLastChange: {} }]);
  });

  it('accepts a runbook with only a text, for the LLM', () => {
    const text =
      'id: flaky-dns\nsymptom: {text: lookups of the database host time out}\nsolution: {text: Restart CoreDNS.}\n';
    const { runbooks } = parseRunbookConfigMaps([runbookConfigMap('runbooks', { 'dns.yaml': text })]);
    expect(runbooks[0]?.symptom).toEqual({ when: {}, text: 'lookups of the database host time out' });
  });

  it('orders runbooks by namespace, ConfigMap name and key, whatever order the ConfigMaps came in', () => {
    const configMaps = [
      runbookConfigMap('runbooks-b', { 'z.yaml': minimal('b-z'), 'a.yaml': minimal('b-a') }, 'argocd'),
      runbookConfigMap('runbooks-a', { 'only.yaml': minimal('platform-a') }, 'platform'),
      runbookConfigMap('runbooks-a', { 'only.yaml': minimal('a-only') }, 'argocd'),
    ];
    const ids = (list: typeof configMaps) =>
      parseRunbookConfigMaps(list).runbooks.map((runbook) => runbook.id);
    expect(ids(configMaps)).toEqual(['a-only', 'b-a', 'b-z', 'platform-a']);
    expect(ids([...configMaps].reverse())).toEqual(['a-only', 'b-a', 'b-z', 'platform-a']);
  });

  it('keeps the first of two runbooks with one id and names it in the problem of the second', () => {
    const first = runbookConfigMap('runbooks-a', { 'oom.yaml': minimal('oom') });
    const second = runbookConfigMap('runbooks-b', { 'oom-too.yaml': minimal('oom', 'CrashLoopBackOff') });
    for (const configMaps of [
      [first, second],
      [second, first],
    ]) {
      const { runbooks, problems } = parseRunbookConfigMaps(configMaps);
      expect(runbooks.map((runbook) => runbook.source)).toEqual([
        { namespace: 'argocd', configMap: 'runbooks-a', key: 'oom.yaml' },
      ]);
      expect(problems).toEqual([
        {
          source: { namespace: 'argocd', configMap: 'runbooks-b', key: 'oom-too.yaml' },
          id: 'oom',
          field: 'id',
          message: 'oom is already defined in argocd/runbooks-a/oom.yaml, which wins',
        },
      ]);
    }
  });

  it('lets an id belong to the first valid runbook: a broken copy before it claims nothing', () => {
    const { runbooks, problems } = parseRunbookConfigMaps([
      runbookConfigMap('runbooks-a', { 'oom.yaml': 'id: oom\nsymptom: {type: OOMKilled}' }),
      runbookConfigMap('runbooks-b', { 'oom.yaml': minimal('oom') }),
    ]);
    expect(runbooks.map((runbook) => runbook.source.configMap)).toEqual(['runbooks-b']);
    expect(problems.map(describeProblem)).toEqual(['runbooks-a/oom.yaml: solution: required']);
  });
});
