import { describe, expect, it } from 'vitest';
import { oomKilledDetector } from '../../backend/src/detectors/oom-killed.js';
import { snapshotOf } from '../support/snapshot.js';
import { fixtureObjects, scenarioSnapshot } from './fixture-snapshot.js';

const detect = oomKilledDetector.detect;
const fixture = (file: string) => snapshotOf(fixtureObjects('oom-killed', file));

describe('oomKilledDetector', () => {
  it('makes one symptom of the replicas killed for memory, crash-looping or running again', () => {
    const symptoms = detect(scenarioSnapshot('oom-raise-memory'));
    expect(symptoms).toHaveLength(1);
    const [symptom] = symptoms;
    expect(symptom?.type).toBe('OOMKilled');
    expect(symptom?.resource).toEqual({
      group: '',
      kind: 'Pod',
      namespace: 'imaging',
      name: 'image-resizer-lll2ctnq4h-q4m8z',
    });
    expect(symptom?.params).toEqual({ container: 'resizer', memoryLimit: '256Mi', restartCount: 4 });
    expect(symptom?.message).toBe(
      'Pod imaging/image-resizer-lll2ctnq4h-q4m8z (and 1 more pod of Deployment imaging/image-resizer) had container resizer killed for exceeding its memory limit of 256Mi (4 restarts so far).',
    );
  });

  it('cites the termination, the limit, the back-off and what the process was doing', () => {
    const [symptom] = detect(scenarioSnapshot('oom-raise-memory'));
    const pod = 'status:/Pod/imaging/image-resizer-lll2ctnq4h-q4m8z';
    expect(symptom?.evidence.map((item) => item.id)).toEqual([
      `${pod}:status.containerStatuses[name=resizer].lastState.terminated.reason`,
      `${pod}:status.containerStatuses[name=resizer].lastState.terminated.exitCode`,
      `${pod}:status.containerStatuses[name=resizer].restartCount`,
      `${pod}:spec.containers[name=resizer].resources.limits.memory`,
      'event:imaging/image-resizer-lll2ctnq4h-q4m8z.e668f96d7e460ec3',
      'log:imaging/image-resizer-lll2ctnq4h-q4m8z/resizer:previous',
    ]);
    const log = symptom?.evidence.at(-1);
    expect(log?.kind === 'log' && log.lines.at(-1)).toContain('msg="decoding" src=png width=9600');
    expect(log?.kind === 'log' && log.lines).toHaveLength(5);
  });

  it('reports a batch pod that was killed for memory and not restarted', () => {
    const [symptom, ...rest] = detect(fixture('cronjob.yaml'));
    expect(rest).toEqual([]);
    expect(symptom?.resource.name).toBe('nightly-rollup-29390550-7kqzt');
    expect(symptom?.params).toEqual({ container: 'rollup', memoryLimit: '1Gi', restartCount: 0 });
    expect(symptom?.evidence[0]).toMatchObject({
      field: 'status.containerStatuses[name=rollup].state.terminated.reason',
      value: 'OOMKilled',
    });
    expect(symptom?.message).toContain('(0 restarts so far)');
  });

  it('leaves memoryLimit out when the container has none', () => {
    const [symptom] = detect(fixture('no-limit.yaml'));
    expect(symptom?.params).toEqual({ container: 'indexer', restartCount: 1 });
    expect(symptom?.message).toBe(
      'Pod search/indexer-5b7d9c6f48-pp8wd had container indexer killed for running out of memory, with no memory limit of its own (1 restart so far).',
    );
    expect(symptom?.evidence.some((item) => item.kind === 'status' && item.field.includes('limits'))).toBe(
      false,
    );
  });

  it('reports an init container killed for memory under its own name', () => {
    const [symptom] = detect(fixture('init-container.yaml'));
    expect(symptom?.params).toEqual({ container: 'warm-cache', memoryLimit: '64Mi', restartCount: 7 });
    expect(symptom?.message).toContain(
      'had init container warm-cache killed for exceeding its memory limit of 64Mi',
    );
    expect(symptom?.evidence).toContainEqual(
      expect.objectContaining({
        field: 'spec.initContainers[name=warm-cache].resources.limits.memory',
        value: '64Mi',
      }),
    );
  });

  it.each([
    ['a container that exits with code 1', scenarioSnapshot('crashloop-missing-env-no-runbook')],
    [
      'a container that panics with code 2',
      snapshotOf(fixtureObjects('crash-loop-back-off', 'go-panic.yaml')),
    ],
    ['pods that cannot pull their image', scenarioSnapshot('image-registry-mirror')],
    [
      'containers the kubelet killed for their liveness probe (exit code 137, reason Error)',
      snapshotOf(fixtureObjects('probe-failed', 'liveness.yaml')),
    ],
  ])('finds nothing for %s', (_label, snapshot) => {
    expect(detect(snapshot)).toEqual([]);
  });
});
