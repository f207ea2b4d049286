import { describe, expect, it } from 'vitest';
import { jobFailedDetector } from '../../backend/src/detectors/job-failed.js';
import type { Job, KubeObject, Pod } from '../../backend/src/kube/objects.js';
import { logOf, snapshotOf } from '../support/snapshot.js';
import { fixtureObjects, scenarioInputs, scenarioSnapshot } from './fixture-snapshot.js';

const detect = jobFailedDetector.detect;
const FAILED_RUN = 'nightly-report-29391720';
const NEWEST_POD = 'nightly-report-29391720-b6kqz';

/** A copy of one of the CronJob's earlier runs, renamed and moved to another time. */
function run(objects: KubeObject[], name: string, startTime: string, conditions: Job['status']): Job {
  const earlier = objects.find((object) => object.metadata?.name === 'nightly-report-29390280') as Job;
  const copy = structuredClone(earlier);
  copy.metadata = { ...copy.metadata, name, uid: `${name}-uid`, creationTimestamp: startTime };
  copy.status = { startTime, ...conditions };
  return copy;
}

describe('jobFailedDetector', () => {
  it('reports the CronJob’s latest run that hit its backoff limit, with the exit code and the error', () => {
    const symptoms = detect(scenarioSnapshot('cronjob-backoff-limit'));
    expect(symptoms).toHaveLength(1);
    const [symptom] = symptoms;
    expect(symptom?.type).toBe('JobFailed');
    expect(symptom?.resource).toEqual({
      group: 'batch',
      kind: 'Job',
      namespace: 'reports',
      name: FAILED_RUN,
    });
    expect(symptom?.params).toEqual({
      reason: 'BackoffLimitExceeded',
      failed: 3,
      backoffLimit: 2,
      exitCode: 2,
      container: 'report',
    });
    expect(symptom?.message).toBe(
      `Job reports/${FAILED_RUN} (the latest run of CronJob reports/nightly-report) failed: Job has reached the specified backoff limit (3 failed pods, backoffLimit 2); container report exited with code 2 (report-builder: error: unrecognized arguments: --window=24h).`,
    );
  });

  it('cites the Failed condition, the controller’s event, the newest pod’s exit code and its whole short log', () => {
    const [symptom] = detect(scenarioSnapshot('cronjob-backoff-limit'));
    expect(symptom?.evidence.map((item) => item.id)).toEqual([
      `status:batch/Job/reports/${FAILED_RUN}:status.conditions[type=Failed].reason`,
      `status:batch/Job/reports/${FAILED_RUN}:status.conditions[type=Failed].message`,
      expect.stringMatching(new RegExp(`^event:reports/${FAILED_RUN}\\.`)),
      `status:/Pod/reports/${NEWEST_POD}:status.containerStatuses[name=report].state.terminated.exitCode`,
      `log:reports/${NEWEST_POD}/report`,
    ]);
    expect(symptom?.evidence[2]).toMatchObject({ reason: 'BackoffLimitExceeded' });
    const log = symptom?.evidence.at(-1);
    expect(log?.kind === 'log' && log.lines).toEqual([
      'usage: report-builder [-h] [--since DURATION] [--until TIMESTAMP] [--format {pdf,csv,xlsx}]',
      '                      --out URL',
      'report-builder: error: unrecognized arguments: --window=24h',
    ]);
  });

  it('keeps quiet once a later run of the CronJob succeeded', () => {
    const { objects, logs } = scenarioInputs('cronjob-backoff-limit');
    const later = run(objects, 'nightly-report-29393160', '2026-11-18T02:00:00Z', {
      conditions: [{ type: 'Complete', status: 'True', lastTransitionTime: '2026-11-18T02:03:55Z' }],
      succeeded: 1,
    });
    expect(detect(snapshotOf([...objects, later], { logs }))).toEqual([]);
  });

  it('still reports the failed run while a later one is running', () => {
    const { objects, logs } = scenarioInputs('cronjob-backoff-limit');
    const running = run(objects, 'nightly-report-29393160', '2026-11-18T02:00:00Z', { active: 1 });
    expect(
      detect(snapshotOf([...objects, running], { logs })).map((symptom) => symptom.resource.name),
    ).toEqual([FAILED_RUN]);
  });

  it('reads the exit code of a container restarted in place, and its previous log', () => {
    const { objects } = scenarioInputs('cronjob-backoff-limit');
    const restarted = objects.map((object) => {
      if (object.metadata?.name !== NEWEST_POD) return object;
      const pod = structuredClone(object) as Pod;
      const status = pod.status?.containerStatuses?.[0];
      if (status) {
        status.lastState = status.state ?? {};
        status.state = { waiting: { reason: 'CrashLoopBackOff' } };
        status.restartCount = 1;
      }
      return pod;
    });
    const logs = [
      logOf(
        'reports',
        NEWEST_POD,
        'report',
        'report-builder: error: unrecognized arguments: --window=24h',
        true,
      ),
    ];
    const [symptom] = detect(snapshotOf(restarted, { logs }));
    expect(symptom?.evidence.slice(-2).map((item) => item.id)).toEqual([
      `status:/Pod/reports/${NEWEST_POD}:status.containerStatuses[name=report].lastState.terminated.exitCode`,
      `log:reports/${NEWEST_POD}/report:previous`,
    ]);
  });

  it('reports a hook Job past its deadline, whose pod is gone, without an exit code', () => {
    const symptoms = detect(snapshotOf(fixtureObjects('job-failed', 'deadline-hook.yaml')));
    expect(symptoms).toHaveLength(1);
    const [symptom] = symptoms;
    expect(symptom?.resource).toEqual({ group: 'batch', kind: 'Job', namespace: 'shop', name: 'db-migrate' });
    // backoffLimit is not set: Kubernetes' default of 6 applies
    expect(symptom?.params).toEqual({ reason: 'DeadlineExceeded', failed: 1, backoffLimit: 6 });
    expect(symptom?.message).toBe(
      'Job shop/db-migrate failed: Job was active longer than specified deadline (1 failed pod, backoffLimit 6).',
    );
    expect(symptom?.evidence.map((item) => item.kind === 'event' && item.reason)).toContain(
      'DeadlineExceeded',
    );
  });

  it.each([
    ['pods killed for memory', 'oom-raise-memory'],
    ['a ReplicaSet a quota stops', 'quota-exceeded-failedcreate'],
  ])('finds nothing for %s', (_label, id) => {
    expect(detect(scenarioSnapshot(id))).toEqual([]);
  });
});
