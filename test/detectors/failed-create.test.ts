import { describe, expect, it } from 'vitest';
import { failedCreateDetector } from '../../backend/src/detectors/failed-create.js';
import type { CronJob, DaemonSet, Job, KubeObject, ReplicaSet } from '../../backend/src/kube/objects.js';
import { objectsFromYaml, snapshotOf } from '../support/snapshot.js';
import { fixtureObjects, scenarioInputs, scenarioSnapshot } from './fixture-snapshot.js';

const detect = failedCreateDetector.detect;
const fixture = (...files: string[]) => fixtureObjects('failed-create', ...files);
const isEvent = (object: KubeObject) => object.kind === 'Event';

/** Applies a change to the objects of one kind, on a copy. */
function changed<T extends KubeObject>(
  objects: KubeObject[],
  kind: string,
  change: (object: T) => void,
): KubeObject[] {
  return objects.map((object) => {
    if (object.kind !== kind) return object;
    const copy = structuredClone(object) as T;
    change(copy);
    return copy;
  });
}

describe('failedCreateDetector', () => {
  it('reports the ReplicaSet a ResourceQuota stops, with the amounts the quota named', () => {
    const symptoms = detect(scenarioSnapshot('quota-exceeded-failedcreate'));
    expect(symptoms).toHaveLength(1);
    const [symptom] = symptoms;
    expect(symptom?.type).toBe('FailedCreate');
    expect(symptom?.resource).toEqual({
      group: 'apps',
      kind: 'ReplicaSet',
      namespace: 'payouts',
      name: 'payouts-api-6d4b8f7c95',
    });
    expect(symptom?.params).toEqual({
      cause: 'QuotaExceeded',
      quota: 'compute-quota',
      requested: 'limits.memory=1Gi',
      used: 'limits.memory=3584Mi',
      limited: 'limits.memory=4Gi',
    });
    expect(symptom?.message).toBe(
      'ReplicaSet payouts/payouts-api-6d4b8f7c95 cannot create pods: ResourceQuota compute-quota would be exceeded (limits.memory: requested 1Gi, used 3584Mi, limited 4Gi).',
    );
  });

  it('cites the newest FailedCreate event, the ReplicaFailure condition and the quota’s status', () => {
    const [symptom] = detect(scenarioSnapshot('quota-exceeded-failedcreate'));
    const quota = 'status:/ResourceQuota/payouts/compute-quota';
    expect(symptom?.evidence.map((item) => item.id)).toEqual([
      expect.stringMatching(/^event:payouts\/payouts-api-6d4b8f7c95\./),
      'status:apps/ReplicaSet/payouts/payouts-api-6d4b8f7c95:status.conditions[type=ReplicaFailure].message',
      `${quota}:status.hard`,
      `${quota}:status.used`,
    ]);
    expect(symptom?.evidence[0]).toMatchObject({
      count: 17,
      message: expect.stringMatching(/^\(combined from similar events\)/),
    });
    expect(symptom?.evidence.slice(2).map((item) => item.kind === 'status' && item.value)).toEqual([
      'limits.memory=4Gi',
      'limits.memory=3584Mi',
    ]);
  });

  it('still reports the ReplicaSet by its condition once the events have expired', () => {
    const { objects, logs } = scenarioInputs('quota-exceeded-failedcreate');
    const [symptom] = detect(
      snapshotOf(
        objects.filter((object) => !isEvent(object)),
        { logs },
      ),
    );
    expect(symptom?.params.cause).toBe('QuotaExceeded');
    expect(symptom?.evidence[0]).toMatchObject({ field: 'status.conditions[type=ReplicaFailure].message' });
  });

  it('reports a ServiceAccount that does not exist', () => {
    const [symptom, ...rest] = detect(snapshotOf(fixture('serviceaccount-missing.yaml')));
    expect(rest).toEqual([]);
    expect(symptom?.resource).toMatchObject({ kind: 'ReplicaSet', name: 'invoicer-58b7d6c9f4' });
    expect(symptom?.params).toEqual({ cause: 'ServiceAccountMissing', serviceAccount: 'invoicer-sa' });
    expect(symptom?.message).toBe(
      'ReplicaSet billing/invoicer-58b7d6c9f4 cannot create pods: ServiceAccount invoicer-sa does not exist in namespace billing.',
    );
  });

  it('says when the missing ServiceAccount has appeared since', () => {
    const account = objectsFromYaml(`
apiVersion: v1
kind: ServiceAccount
metadata: {name: invoicer-sa, namespace: billing, uid: 6a2c9e41-7d3b-4f58-9e0a-1b2c3d4e5f60, creationTimestamp: '2026-11-25T11:08:02Z'}
`);
    const [symptom] = detect(snapshotOf([...fixture('serviceaccount-missing.yaml'), ...account]));
    expect(symptom?.message).toContain(
      'ServiceAccount invoicer-sa was missing (it exists now; the controller retries with back-off)',
    );
  });

  it('names the Pod Security level and the checks that failed', () => {
    const [symptom] = detect(snapshotOf(fixture('pod-security.yaml')));
    expect(symptom?.resource).toEqual({
      group: 'apps',
      kind: 'DaemonSet',
      namespace: 'observability',
      name: 'log-agent',
    });
    expect(symptom?.params).toEqual({
      cause: 'PodSecurity',
      policy: 'restricted:latest',
      container: 'agent',
    });
    expect(symptom?.message).toBe(
      'DaemonSet observability/log-agent cannot create pods: they violate PodSecurity "restricted:latest" (allowPrivilegeEscalation != false, unrestricted capabilities, restricted volume types, runAsNonRoot != true, seccompProfile).',
    );
    expect(symptom?.evidence).toEqual([expect.objectContaining({ kind: 'event', count: 23 })]);
  });

  it('reads a StatefulSet’s quota error and a Job refused by a quota that wants limits', () => {
    const symptoms = detect(snapshotOf(fixture('quota-kinds.yaml')));
    expect(symptoms.map((symptom) => [symptom.resource.kind, symptom.params])).toEqual([
      ['Job', { cause: 'Other', quota: 'analytics-quota' }],
      [
        'StatefulSet',
        {
          cause: 'QuotaExceeded',
          quota: 'analytics-quota',
          requested: 'pods=1,requests.memory=4Gi',
          used: 'pods=10,requests.memory=14Gi',
          limited: 'pods=10,requests.memory=16Gi',
        },
      ],
    ]);
    expect(symptoms[0]?.message).toBe(
      'Job analytics/schema-migrate cannot create pods: failed quota: analytics-quota: must specify limits.memory for: migrate.',
    );
    expect(symptoms[1]?.message).toContain(
      'ResourceQuota analytics-quota would be exceeded (pods: requested 1, used 10, limited 10; requests.memory: requested 4Gi, used 14Gi, limited 16Gi)',
    );
    expect(symptoms[1]?.evidence.slice(1).map((item) => item.kind === 'status' && item.value)).toEqual([
      'pods=10,requests.memory=16Gi',
      'pods=10,requests.memory=14Gi',
    ]);
  });

  it('reports a CronJob whose Jobs a quota refuses', () => {
    const [symptom] = detect(snapshotOf(fixture('cronjob-quota.yaml')));
    expect(symptom?.resource).toEqual({
      group: 'batch',
      kind: 'CronJob',
      namespace: 'reports',
      name: 'hourly-export',
    });
    expect(symptom?.params).toMatchObject({
      cause: 'QuotaExceeded',
      quota: 'batch-quota',
      requested: 'count/jobs.batch=1',
    });
    expect(symptom?.message).toMatch(
      /^CronJob reports\/hourly-export cannot create Jobs: ResourceQuota batch-quota/,
    );
  });

  it.each([
    [
      'a ReplicaSet that has its pods now',
      () =>
        changed<ReplicaSet>(fixture('serviceaccount-missing.yaml'), 'ReplicaSet', (replicaSet) => {
          replicaSet.status = {
            replicas: 2,
            fullyLabeledReplicas: 2,
            readyReplicas: 2,
            availableReplicas: 2,
            observedGeneration: 1,
          };
        }),
    ],
    [
      'a DaemonSet that runs on every node now',
      () =>
        changed<DaemonSet>(fixture('pod-security.yaml'), 'DaemonSet', (daemonSet) => {
          if (daemonSet.status) daemonSet.status.currentNumberScheduled = 3;
        }),
    ],
    [
      'a CronJob that created a Job since',
      () =>
        changed<CronJob>(fixture('cronjob-quota.yaml'), 'CronJob', (cronJob) => {
          if (cronJob.status) cronJob.status.lastScheduleTime = '2026-11-25T09:00:00Z';
        }),
    ],
    [
      'a Job that finished',
      () =>
        changed<Job>(fixture('quota-kinds.yaml'), 'Job', (job) => {
          if (job.status) {
            job.status.succeeded = 1;
            job.status.conditions = [
              { type: 'Complete', status: 'True', lastTransitionTime: '2026-11-25T08:10:00Z' },
            ];
          }
        }).filter((object) => object.kind !== 'StatefulSet'),
    ],
  ])('finds nothing for %s', (_label, objects) => {
    expect(detect(snapshotOf(objects()))).toEqual([]);
  });

  it.each([
    ['pods that cannot pull their image', 'image-registry-mirror'],
    ['a pod the scheduler cannot place', 'unschedulable-insufficient-memory'],
    ['a CronJob whose run failed', 'cronjob-backoff-limit'],
  ])('finds nothing for %s', (_label, id) => {
    expect(detect(scenarioSnapshot(id))).toEqual([]);
  });
});
