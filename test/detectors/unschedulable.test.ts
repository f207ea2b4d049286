import { describe, expect, it } from 'vitest';
import { unschedulableDetector } from '../../backend/src/detectors/unschedulable.js';
import type { Event, KubeObject, Pod } from '../../backend/src/kube/objects.js';
import { objectsFromYaml, snapshotOf } from '../support/snapshot.js';
import { fixtureObjects, scenarioSnapshot } from './fixture-snapshot.js';

const detect = unschedulableDetector.detect;
const NEWEST = 'batch-worker-6c8f7d9b45-zk7tn';

function isPending(object: KubeObject): object is Pod {
  return object.kind === 'Pod' && (object as Pod).status?.phase === 'Pending';
}

/**
 * The fixture's two pending replicas, with the scheduler's text replaced (in their condition and
 * their events) and their spec changed alike.
 */
function cluster(message?: string, change: (pod: Pod) => void = () => {}): KubeObject[] {
  const objects = fixtureObjects('unschedulable', 'pending-replicas.yaml', 'nodes.yaml');
  for (const object of objects) {
    if (isPending(object)) {
      const condition = object.status?.conditions?.[0];
      if (condition && message) condition.message = message;
      change(object);
    }
    const event = object as Event;
    if (message && object.kind === 'Event' && event.reason === 'FailedScheduling') {
      if (event.involvedObject.name?.startsWith('batch-worker-6c8f')) event.message = message;
    }
  }
  return objects;
}

const withoutNodes = (objects: KubeObject[]) => objects.filter((object) => object.kind !== 'Node');

describe('unschedulableDetector', () => {
  it('makes one symptom of the replicas no node has memory for, named after the newest', () => {
    const symptoms = detect(snapshotOf(cluster()));
    expect(symptoms).toHaveLength(1);
    const [symptom] = symptoms;
    expect(symptom?.type).toBe('Unschedulable');
    expect(symptom?.resource).toEqual({ group: '', kind: 'Pod', namespace: 'etl', name: NEWEST });
    // 6Gi + 64Mi: app containers add up; the 256Mi init container runs before them, alone
    expect(symptom?.params).toEqual({
      cause: 'InsufficientResources',
      resource: 'memory',
      requested: '6208Mi',
      container: 'worker',
      nodes: 3,
    });
    expect(symptom?.message).toBe(
      `Pod etl/${NEWEST} (and 1 more pod of Deployment etl/batch-worker) cannot be scheduled: it requests 6208Mi of memory and 2 of 3 nodes lack that much unreserved memory.`,
    );
  });

  it('cites the PodScheduled condition, the newest FailedScheduling event and the largest node', () => {
    const [symptom] = detect(snapshotOf(cluster()));
    expect(symptom?.evidence.map((item) => item.id)).toEqual([
      `status:/Pod/etl/${NEWEST}:status.conditions[type=PodScheduled].message`,
      expect.stringMatching(new RegExp(`^event:etl/${NEWEST}\\.`)),
      'status:/Node//ip-10-20-3-201.eu-west-1.compute.internal:status.allocatable.memory',
    ]);
    expect(symptom?.evidence[2]).toMatchObject({ value: '15303312Ki' });
  });

  it('says when the request is larger than any node can offer', () => {
    const objects = cluster('0/3 nodes are available: 3 Insufficient memory.', (pod) => {
      const worker = pod.spec?.containers[0];
      if (worker?.resources?.requests) worker.resources.requests.memory = '20Gi';
    });
    const [symptom] = detect(snapshotOf(objects));
    expect(symptom?.params).toMatchObject({ resource: 'memory', requested: '20544Mi', container: 'worker' });
    expect(symptom?.message).toContain(
      'it requests 20544Mi of memory, more than any node can offer (the largest allocatable memory is 14.6Gi, on node ip-10-20-3-201.eu-west-1.compute.internal)',
    );
  });

  it('leaves the node comparison out when the nodes could not be read', () => {
    const [symptom] = detect(snapshotOf(withoutNodes(cluster())));
    expect(symptom?.message).toContain('it requests 6208Mi of memory and 2 of 3 nodes lack');
    expect(symptom?.evidence.map((item) => item.kind)).toEqual(['status', 'event']);
  });

  it.each([
    [
      'cpu, summed in millicores',
      '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
      { cause: 'InsufficientResources', resource: 'cpu', requested: '1050m', container: 'worker', nodes: 3 },
      'it requests 1050m of cpu and all 3 nodes lack that much unreserved cpu',
    ],
    [
      'an untolerated taint, with the effect the node shows',
      '0/3 nodes are available: 3 node(s) had untolerated taint {dedicated: gpu}.',
      { cause: 'Taint', taint: 'dedicated=gpu:NoSchedule', nodes: 3 },
      'all 3 nodes have the taint dedicated=gpu:NoSchedule that it does not tolerate',
    ],
    [
      'a taint as schedulers before 1.26 wrote it',
      "0/3 nodes are available: 3 node(s) had taint {node-role.kubernetes.io/master: }, that the pod didn't tolerate.",
      { cause: 'Taint', taint: 'node-role.kubernetes.io/master', nodes: 3 },
      'all 3 nodes have the taint node-role.kubernetes.io/master that it does not tolerate',
    ],
    [
      'anti-affinity',
      "0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
      { cause: 'AntiAffinity', nodes: 3 },
      '2 of 3 nodes would break its pod anti-affinity rules',
    ],
    [
      'cordoned nodes, a reason outside the known causes',
      '0/3 nodes are available: 3 node(s) were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
      { cause: 'Other', nodes: 3 },
      'the scheduler reports: 0/3 nodes are available: 3 node(s) were unschedulable',
    ],
  ])('classifies %s', (_label, message, params, explanation) => {
    const [symptom] = detect(snapshotOf(cluster(message)));
    expect(symptom?.params).toEqual(params);
    expect(symptom?.message).toContain(`cannot be scheduled: ${explanation}`);
  });

  it('cites the tainted node', () => {
    const [symptom] = detect(
      snapshotOf(cluster('0/3 nodes are available: 3 node(s) had untolerated taint {dedicated: gpu}.')),
    );
    expect(symptom?.evidence.at(-1)).toMatchObject({
      id: 'status:/Node//ip-10-20-3-201.eu-west-1.compute.internal:spec.taints[key=dedicated].effect',
      value: 'NoSchedule',
    });
  });

  it.each([
    [
      'a node selector',
      (pod: Pod) => {
        if (pod.spec) pod.spec.nodeSelector = { 'node-pool': 'highmem', 'kubernetes.io/arch': 'arm64' };
      },
      'kubernetes.io/arch=arm64,node-pool=highmem',
    ],
    [
      'required node affinity',
      (pod: Pod) => {
        if (!pod.spec) return;
        pod.spec.affinity = {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                {
                  matchExpressions: [
                    { key: 'topology.kubernetes.io/zone', operator: 'In', values: ['eu-west-1d'] },
                  ],
                },
                { matchExpressions: [{ key: 'node-pool', operator: 'Exists' }] },
              ],
            },
          },
        };
      },
      'topology.kubernetes.io/zone In eu-west-1d or node-pool Exists',
    ],
  ])('names %s that no node matches', (_label, change, selector) => {
    const message =
      "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.";
    const [symptom] = detect(snapshotOf(cluster(message, change)));
    expect(symptom?.params).toEqual({ cause: 'NodeSelector', selector, nodes: 3 });
    expect(symptom?.message).toContain(
      `all 3 nodes do not match its node selector or affinity (${selector})`,
    );
  });

  it('counts the largest init container when it asks for more than the app containers together', () => {
    const objects = cluster('0/3 nodes are available: 3 Insufficient memory.', (pod) => {
      const init = pod.spec?.initContainers?.[0];
      if (init?.resources?.requests) init.resources.requests.memory = '8Gi';
    });
    const [symptom] = detect(snapshotOf(objects));
    expect(symptom?.params).toMatchObject({ requested: '8Gi', container: 'migrate' });
  });

  it('names the claims that are not bound', () => {
    const claim = objectsFromYaml(`
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: spool, namespace: etl, uid: 0b1f2e6a-5c4d-4e3f-9a8b-7c6d5e4f3a2b, creationTimestamp: '2026-11-21T09:30:01Z'}
spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 50Gi}}, storageClassName: io2, volumeMode: Filesystem}
status: {phase: Pending}
`);
    const objects = cluster(
      '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
      (pod) => {
        pod.spec?.volumes?.push({ name: 'spool', persistentVolumeClaim: { claimName: 'spool' } });
      },
    );
    const [symptom] = detect(snapshotOf([...objects, ...claim]));
    expect(symptom?.params).toEqual({ cause: 'UnboundPVC', nodes: 3 });
    expect(symptom?.message).toContain('cannot be scheduled: its PersistentVolumeClaim spool is not bound.');
  });

  it('reads the FailedScheduling event when the pod has no PodScheduled condition yet', () => {
    const objects = cluster(undefined, (pod) => {
      if (pod.status) pod.status.conditions = [];
    });
    const [symptom] = detect(snapshotOf(objects));
    expect(symptom?.params.cause).toBe('InsufficientResources');
    expect(symptom?.evidence[0]).toMatchObject({ kind: 'event', reason: 'FailedScheduling' });
  });

  it.each([
    [
      'pods the scheduler has since placed',
      (pod: Pod) => {
        if (pod.spec) pod.spec.nodeName = 'ip-10-20-1-34.eu-west-1.compute.internal';
        if (pod.status) {
          pod.status.conditions = [
            { type: 'PodScheduled', status: 'True', lastTransitionTime: '2026-11-21T09:45:00Z' },
          ];
        }
      },
    ],
    [
      'pods being deleted',
      (pod: Pod) => {
        if (pod.metadata) pod.metadata.deletionTimestamp = '2026-11-21T09:45:00Z';
      },
    ],
  ])('finds nothing for %s', (_label, change) => {
    expect(detect(snapshotOf(cluster(undefined, change)))).toEqual([]);
  });

  it.each([
    ['pods that cannot pull their image', 'image-registry-mirror'],
    ['a CronJob whose pods ran and failed', 'cronjob-backoff-limit'],
    ['pods killed for memory', 'oom-raise-memory'],
  ])('finds nothing for %s', (_label, id) => {
    expect(detect(scenarioSnapshot(id))).toEqual([]);
  });
});
