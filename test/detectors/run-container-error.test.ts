import { describe, expect, it } from 'vitest';
import { runContainerErrorDetector } from '../../backend/src/detectors/run-container-error.js';
import type { KubeObject, Pod } from '../../backend/src/kube/objects.js';
import { snapshotOf } from '../support/snapshot.js';
import { fixtureObjects, scenarioSnapshot } from './fixture-snapshot.js';

const detect = runContainerErrorDetector.detect;
const fixture = (file: string) => fixtureObjects('run-container-error', file);

const missingServer =
  'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/app/server": stat /app/server: no such file or directory: unknown';

/** The permission-denied pod as it looks when the image was built for another architecture. */
function withWaitingMessage(objects: KubeObject[], message: string): KubeObject[] {
  return objects.map((object) => {
    if (object.kind !== 'Pod') return object;
    const pod = structuredClone(object) as Pod;
    const waiting = pod.status?.containerStatuses?.[0]?.state?.waiting;
    if (waiting) waiting.message = message;
    return pod as KubeObject;
  });
}

describe('runContainerErrorDetector', () => {
  it('reports a release whose entrypoint is missing, once for the pods backing off and retrying', () => {
    const symptoms = detect(scenarioSnapshot('run-entrypoint-not-found'));
    expect(symptoms).toHaveLength(1);
    const [symptom] = symptoms;
    expect(symptom?.type).toBe('RunContainerError');
    expect(symptom?.resource).toEqual({
      group: '',
      kind: 'Pod',
      namespace: 'reporting',
      name: 'report-worker-66d9f8b7c5-8vbcn',
    });
    expect(symptom?.params).toEqual({
      container: 'report-worker',
      reason: 'StartError',
      message: missingServer,
    });
    expect(symptom?.message).toBe(
      'Pod reporting/report-worker-66d9f8b7c5-8vbcn (and 1 more pod of Deployment reporting/report-worker) cannot start container report-worker: its command "/app/server" does not exist in the image.',
    );
  });

  it('cites the terminated state the runtime left and the kubelet event', () => {
    const [symptom] = detect(scenarioSnapshot('run-entrypoint-not-found'));
    const field = 'status.containerStatuses[name=report-worker].lastState.terminated';
    expect(symptom?.evidence.map((item) => (item.kind === 'status' ? item.field : item.kind))).toEqual([
      `${field}.reason`,
      `${field}.message`,
      'event',
    ]);
    expect(symptom?.evidence[2]).toMatchObject({
      reason: 'Failed',
      message: `Error: ${missingServer}`,
      count: 6,
    });
  });

  it('reports a script that is not executable while the kubelet retries it', () => {
    const [symptom] = detect(snapshotOf(fixture('permission-denied.yaml')));
    expect(symptom?.params).toMatchObject({ container: 'loader', reason: 'RunContainerError' });
    expect(symptom?.message).toBe(
      'Pod etl/loader-78d6c9b5f4-pz6cw cannot start container loader: its command "/app/run.sh" is not executable (permission denied).',
    );
    expect(symptom?.evidence[0]).toMatchObject({
      field: 'status.containerStatuses[name=loader].state.waiting.reason',
      value: 'RunContainerError',
    });
  });

  it('reports a binary built for another architecture', () => {
    const objects = withWaitingMessage(
      fixture('permission-denied.yaml'),
      'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/app/run.sh": exec format error: unknown',
    );
    const [symptom] = detect(snapshotOf(objects));
    expect(symptom?.message).toContain(
      'its executable is built for another CPU architecture or is not a binary',
    );
  });

  it('reports a command missing from the PATH, not a pod that failed to start once and runs since', () => {
    const symptoms = detect(snapshotOf(fixture('not-on-path.yaml')));
    expect(symptoms).toHaveLength(1);
    expect(symptoms[0]?.resource.name).toBe('scorer-6b7c8d9e5f-wq8zn');
    expect(symptoms[0]?.params.reason).toBe('StartError');
    expect(symptoms[0]?.message).toContain(`its command "gunicorn" is not on the image's PATH.`);
  });

  it('quotes the runtime when it cannot say what to do', () => {
    const [symptom] = detect(snapshotOf(fixture('create-error.yaml')));
    expect(symptom?.params.reason).toBe('CreateContainerError');
    expect(symptom?.message).toMatch(
      /^Pod media\/transcoder-7e8f9a6b5c-b5v2x cannot start container transcoder: the runtime reports: failed to create containerd container: .*no space left on device\.$/,
    );
  });

  it('keeps failures of different workloads apart, ordered by workload', () => {
    const symptoms = detect(
      snapshotOf([
        ...fixture('permission-denied.yaml'),
        ...fixture('create-error.yaml'),
        ...fixture('not-on-path.yaml'),
      ]),
    );
    expect(symptoms.map((symptom) => symptom.resource.namespace)).toEqual(['etl', 'media', 'ml']);
  });

  it.each([
    ['containers that crash after starting', scenarioSnapshot('crashloop-missing-env-no-runbook')],
    ['containers killed for memory', scenarioSnapshot('oom-raise-memory')],
    ['a missing Secret key', scenarioSnapshot('config-missing-secret')],
  ])('finds nothing for %s', (_label, snapshot) => {
    expect(detect(snapshot)).toEqual([]);
  });
});
