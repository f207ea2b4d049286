import { describe, expect, it } from 'vitest';
import { probeFailedDetector } from '../../backend/src/detectors/probe-failed.js';
import type { KubeObject, Pod } from '../../backend/src/kube/objects.js';
import { snapshotOf } from '../support/snapshot.js';
import { fixtureObjects, scenarioInputs, scenarioSnapshot } from './fixture-snapshot.js';

const detect = probeFailedDetector.detect;
const fixture = (file: string) => snapshotOf(fixtureObjects('probe-failed', file));
const newPod = 'storefront-7f6c5d9b8d-mx7wq';

/** The storefront scenario with the new pod's container changed by `change`. */
function storefrontWith(change: (pod: Pod) => void) {
  const { objects, logs } = scenarioInputs('readiness-wrong-port');
  const changed = objects.map((object) => {
    if (object.kind !== 'Pod' || object.metadata?.name !== newPod) return object;
    const pod = structuredClone(object) as Pod;
    change(pod);
    return pod as KubeObject;
  });
  return snapshotOf(changed, { logs });
}

describe('probeFailedDetector', () => {
  it('reports a readiness probe aimed at a port the container does not serve', () => {
    const symptoms = detect(scenarioSnapshot('readiness-wrong-port'));
    expect(symptoms).toHaveLength(1);
    const [symptom] = symptoms;
    expect(symptom?.type).toBe('ProbeFailed');
    expect(symptom?.resource).toEqual({ group: '', kind: 'Pod', namespace: 'web', name: newPod });
    expect(symptom?.params).toEqual({
      probe: 'readiness',
      container: 'storefront',
      detail: 'Get "http://10.244.2.201:8081/ready": dial tcp 10.244.2.201:8081: connect: connection refused',
      path: '/ready',
      port: 8081,
    });
    expect(symptom?.message).toBe(
      `Pod web/${newPod} fails the readiness probe (HTTP GET :8081/ready) of container storefront: Get "http://10.244.2.201:8081/ready": dial tcp 10.244.2.201:8081: connect: connection refused; the probe checks port 8081 but the container declares port 8080.`,
    );
  });

  it('cites the Unhealthy event, the readiness of the container and the probe in the spec', () => {
    const [symptom] = detect(scenarioSnapshot('readiness-wrong-port'));
    expect(symptom?.evidence[0]).toMatchObject({ kind: 'event', reason: 'Unhealthy', count: 136 });
    expect(
      symptom?.evidence.slice(1).map((item) => item.kind === 'status' && [item.field, item.value]),
    ).toEqual([
      ['status.containerStatuses[name=storefront].ready', 'false'],
      ['spec.containers[name=storefront].readinessProbe.httpGet.port', '8081'],
      ['spec.containers[name=storefront].readinessProbe.httpGet.path', '/ready'],
    ]);
  });

  it('reports a liveness probe that gets the containers restarted, even while they are ready again', () => {
    const symptoms = detect(fixture('liveness.yaml'));
    expect(symptoms).toHaveLength(1);
    const [symptom] = symptoms;
    expect(symptom?.resource.name).toBe('ledger-api-6f8b9d7c5e-h6s9t');
    expect(symptom?.params).toEqual({
      probe: 'liveness',
      container: 'api',
      detail: 'HTTP probe failed with statuscode: 503',
      path: '/healthz',
      port: 8080,
    });
    expect(symptom?.message).toBe(
      'Pod ledger/ledger-api-6f8b9d7c5e-h6s9t (and 1 more pod of Deployment ledger/ledger-api) fails the liveness probe (HTTP GET :8080/healthz) of container api: HTTP probe failed with statuscode: 503, and the kubelet restarts it.',
    );
    expect(symptom?.evidence.map((item) => item.kind === 'event' && item.reason)).toContain('Killing');
  });

  it('reports a TCP startup probe and ignores the events of the pod that had the same name before', () => {
    const symptoms = detect(fixture('startup-recreated.yaml'));
    expect(symptoms.map((symptom) => symptom.params.probe)).toEqual(['startup']);
    expect(symptoms[0]?.params).toEqual({
      probe: 'startup',
      container: 'postgres',
      detail: 'dial tcp 10.244.3.14:5432: connect: connection refused',
      port: 5432,
    });
    expect(symptoms[0]?.message).toContain('fails the startup probe (TCP :5432) of container postgres');
    expect(symptoms[0]?.evidence).toContainEqual(
      expect.objectContaining({
        field: 'spec.containers[name=postgres].startupProbe.tcpSocket.port',
        value: '5432',
      }),
    );
  });

  it('reports an exec probe that errors, without a path or port', () => {
    const [symptom] = detect(fixture('exec-readiness.yaml'));
    expect(symptom?.params).toEqual({
      probe: 'readiness',
      container: 'redis',
      detail:
        'rpc error: code = Unknown desc = command error: exec: "sh": executable file not found in $PATH, stdout: , stderr: , exit code -1',
    });
    expect(symptom?.message).toContain(
      'fails the readiness probe (exec sh -c redis-cli ping | grep -q PONG) of container redis',
    );
  });

  it('names a missing named port', () => {
    const snapshot = storefrontWith((pod) => {
      const probe = pod.spec?.containers[0]?.readinessProbe?.httpGet;
      if (probe) probe.port = 'admin';
    });
    const [symptom] = detect(snapshot);
    expect(symptom?.params.port).toBe('admin');
    expect(symptom?.message).toMatch(/; the container declares no port named "admin"\.$/);
  });

  it('finds nothing once the container is ready, whatever old events say', () => {
    const snapshot = storefrontWith((pod) => {
      const status = pod.status?.containerStatuses?.[0];
      if (status) status.ready = true;
    });
    expect(detect(snapshot)).toEqual([]);
  });

  it('leaves readiness to other detectors while the container is not running', () => {
    const snapshot = storefrontWith((pod) => {
      const status = pod.status?.containerStatuses?.[0];
      if (status)
        status.state = {
          waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container' },
        };
    });
    expect(detect(snapshot)).toEqual([]);
  });

  it.each([
    ['pods that cannot pull their image', scenarioSnapshot('image-registry-mirror')],
    ['containers killed for memory', scenarioSnapshot('oom-raise-memory')],
  ])('finds nothing for %s', (_label, snapshot) => {
    expect(detect(snapshot)).toEqual([]);
  });
});
