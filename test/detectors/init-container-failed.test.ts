import { describe, expect, it } from 'vitest';
import { initContainerFailedDetector } from '../../backend/src/detectors/init-container-failed.js';
import { logOf, snapshotOf } from '../support/snapshot.js';
import { fixtureObjects, scenarioSnapshot } from './fixture-snapshot.js';

const detect = initContainerFailedDetector.detect;

describe('initContainerFailedDetector', () => {
  it('reports a migration init container that crash-loops, with the exception it ends on', () => {
    const symptoms = detect(scenarioSnapshot('init-migration-failed'));
    expect(symptoms).toHaveLength(1);
    const [symptom] = symptoms;
    expect(symptom?.type).toBe('InitContainerFailed');
    expect(symptom?.resource).toEqual({
      group: '',
      kind: 'Pod',
      namespace: 'inventory',
      name: 'inventory-api-5c7b8d9f64-d9lsq',
    });
    expect(symptom?.params).toEqual({
      container: 'migrate',
      exitCode: 1,
      reason: 'Error',
      logExcerpt:
        'sqlalchemy.exc.ProgrammingError: (psycopg2.errors.DuplicateColumn) column "sku_normalized" of relation "items" already exists',
    });
    expect(symptom?.message).toBe(
      'Pod inventory/inventory-api-5c7b8d9f64-d9lsq cannot initialize: init container migrate exited with code 1 (Error) after 4 restarts; its log ends with "sqlalchemy.exc.ProgrammingError: (psycopg2.errors.DuplicateColumn) column "sku_normalized" of relation "items" already exists".',
    );
  });

  it('cites the back-off, the failed run and the end of its log', () => {
    const [symptom] = detect(scenarioSnapshot('init-migration-failed'));
    const field = 'status.initContainerStatuses[name=migrate]';
    expect(symptom?.evidence.map((item) => (item.kind === 'status' ? item.field : item.kind))).toEqual([
      `${field}.state.waiting.reason`,
      `${field}.restartCount`,
      `${field}.lastState.terminated.exitCode`,
      `${field}.lastState.terminated.reason`,
      'event',
      'log',
    ]);
    const log = symptom?.evidence.at(-1);
    expect(log).toMatchObject({
      id: 'log:inventory/inventory-api-5c7b8d9f64-d9lsq/migrate:previous',
      container: 'migrate',
    });
    expect(log?.kind === 'log' && log.lines).toHaveLength(20);
    expect(log?.kind === 'log' && log.lines.slice(-3)).toEqual([
      'sqlalchemy.exc.ProgrammingError: (psycopg2.errors.DuplicateColumn) column "sku_normalized" of relation "items" already exists',
      '[SQL: ALTER TABLE items ADD COLUMN sku_normalized VARCHAR(64)]',
      '(Background on this error at: https://sqlalche.me/e/20/f405)',
    ]);
    expect(log?.kind === 'log' && log.lines.join('\n')).not.toContain('INFO  [alembic');
  });

  it('reports an init container of a batch pod that failed for good, from its current log', () => {
    const logs = [
      logOf(
        'reports',
        'monthly-report-manual-x7k-2wdfn',
        'download',
        'curl: (22) The requested URL returned error: 404',
        false,
      ),
    ];
    const [symptom, ...rest] = detect(
      snapshotOf(fixtureObjects('init-container-failed', 'job-init-error.yaml'), { logs }),
    );
    expect(rest).toEqual([]);
    expect(symptom?.params).toEqual({
      container: 'download',
      exitCode: 22,
      reason: 'Error',
      logExcerpt: 'curl: (22) The requested URL returned error: 404',
    });
    expect(symptom?.message).toContain(
      'cannot initialize: init container download exited with code 22 (Error) and will not be retried;',
    );
    expect(symptom?.evidence[0]).toMatchObject({
      field: 'status.initContainerStatuses[name=download].state.terminated.exitCode',
      value: '22',
    });
  });

  it('leaves the log excerpt out when no log was gathered', () => {
    const [symptom] = detect(snapshotOf(fixtureObjects('init-container-failed', 'job-init-error.yaml')));
    expect(symptom?.params).toEqual({ container: 'download', exitCode: 22, reason: 'Error' });
    expect(symptom?.message).toMatch(/will not be retried\.$/);
  });

  it.each([
    [
      'a native sidecar that crash-loops (CrashLoopBackOff reports it)',
      snapshotOf(fixtureObjects('crash-loop-back-off', 'native-sidecar.yaml')),
    ],
    [
      'an init container killed for memory (OOMKilled reports it)',
      snapshotOf(fixtureObjects('oom-killed', 'init-container.yaml')),
    ],
    [
      'init containers that completed',
      snapshotOf(fixtureObjects('create-container-config-error', 'missing-configmap.yaml')),
    ],
    ['an app container that crash-loops', scenarioSnapshot('crashloop-missing-env-no-runbook')],
    [
      'an init container that cannot pull its image (ImagePullBackOff reports it)',
      snapshotOf(fixtureObjects('image-pull-back-off', 'docker-hub-init.yaml')),
    ],
  ])('finds nothing for %s', (_label, snapshot) => {
    expect(detect(snapshot)).toEqual([]);
  });
});
