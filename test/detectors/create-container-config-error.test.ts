import { describe, expect, it } from 'vitest';
import { createContainerConfigErrorDetector } from '../../backend/src/detectors/create-container-config-error.js';
import type { KubeObject, Pod } from '../../backend/src/kube/objects.js';
import { snapshotOf } from '../support/snapshot.js';
import { fixtureObjects, scenarioInputs, scenarioSnapshot } from './fixture-snapshot.js';

const detect = createContainerConfigErrorDetector.detect;
const fixture = (file: string) => fixtureObjects('create-container-config-error', file);

/** The same pods as if the kubelet had left no message: the detector must read the spec instead. */
function withoutWaitingMessages(objects: KubeObject[]): KubeObject[] {
  return objects.map((object) => {
    if (object.kind !== 'Pod') return object;
    const pod = structuredClone(object) as Pod;
    for (const status of pod.status?.containerStatuses ?? []) delete status.state?.waiting?.message;
    return pod as KubeObject;
  });
}

function secret(namespace: string, name: string, keys: string[]): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { namespace, name },
    type: 'Opaque',
    data: Object.fromEntries(keys.map((key) => [key, 'Zml4dHVyZS1wbGFjZWhvbGRlcg=='])),
  };
}

describe('createContainerConfigErrorDetector', () => {
  it('reports a key missing from a Secret, with the keys the Secret has and the variable that wants it', () => {
    const symptoms = detect(scenarioSnapshot('config-missing-secret'));
    expect(symptoms).toHaveLength(1);
    const [symptom] = symptoms;
    expect(symptom?.type).toBe('CreateContainerConfigError');
    expect(symptom?.resource).toEqual({
      group: '',
      kind: 'Pod',
      namespace: 'payments',
      name: 'payments-api-7c9f8d6b54-jx4qk',
    });
    expect(symptom?.params).toEqual({
      container: 'payments-api',
      missingKind: 'Secret',
      missingName: 'payments-stripe',
      missingKey: 'webhook-secret',
    });
    expect(symptom?.message).toBe(
      'Pod payments/payments-api-7c9f8d6b54-jx4qk cannot start container payments-api: Secret payments/payments-stripe has no key webhook-secret, which env STRIPE_WEBHOOK_SECRET reads (its keys: api-key, publishable-key).',
    );
  });

  it('cites the waiting state, the kubelet event and the reference in the spec, and no Secret value', () => {
    const [symptom] = detect(scenarioSnapshot('config-missing-secret'));
    const pod = 'status:/Pod/payments/payments-api-7c9f8d6b54-jx4qk';
    expect(symptom?.evidence.map((item) => item.id)).toEqual([
      `${pod}:status.containerStatuses[name=payments-api].state.waiting.reason`,
      `${pod}:status.containerStatuses[name=payments-api].state.waiting.message`,
      expect.stringMatching(/^event:payments\/payments-api-7c9f8d6b54-jx4qk\./),
      `${pod}:spec.containers[name=payments-api].env[name=STRIPE_WEBHOOK_SECRET].valueFrom.secretKeyRef.key`,
    ]);
    expect(symptom?.evidence[2]).toMatchObject({
      reason: 'Failed',
      message: "Error: couldn't find key webhook-secret in Secret payments/payments-stripe",
    });
    const recordedValues = scenarioInputs('config-missing-secret')
      .objects.filter((object) => object.kind === 'Secret')
      .flatMap((object) => Object.values((object.data ?? {}) as Record<string, string>));
    expect(recordedValues.length).toBeGreaterThan(0);
    const text = JSON.stringify(symptom);
    for (const value of recordedValues) {
      expect(text).not.toContain(value);
      expect(text).not.toContain(Buffer.from(value, 'base64').toString());
    }
  });

  it('reports a ConfigMap that does not exist once for all replicas, not the init container that ran', () => {
    const symptoms = detect(snapshotOf(fixture('missing-configmap.yaml')));
    expect(symptoms).toHaveLength(1);
    const [symptom] = symptoms;
    expect(symptom?.params).toEqual({
      container: 'checkout',
      missingKind: 'ConfigMap',
      missingName: 'checkout-flags',
    });
    expect(symptom?.message).toMatch(
      /^Pod checkout\/checkout-6c8d7f9b5a-\w+ \(and 1 more pod of Deployment checkout\/checkout\) cannot start container checkout: ConfigMap checkout\/checkout-flags does not exist\.$/,
    );
    expect(symptom?.evidence.at(-1)).toMatchObject({
      field: 'spec.containers[name=checkout].envFrom[1].configMapRef.name',
      value: 'checkout-flags',
    });
  });

  it('reports a Secret that does not exist, pointing at the first variable that reads it', () => {
    const [symptom] = detect(snapshotOf(fixture('missing-secret.yaml')));
    expect(symptom?.params).toEqual({
      container: 'mailer',
      missingKind: 'Secret',
      missingName: 'smtp-credentials',
    });
    expect(symptom?.message).toBe(
      'Pod notify/mailer-59b8c7d6f4-v7mhd cannot start container mailer: Secret notify/smtp-credentials does not exist.',
    );
    expect(symptom?.evidence.at(-1)).toMatchObject({
      field: 'spec.containers[name=mailer].env[name=SMTP_USER].valueFrom.secretKeyRef.name',
      value: 'smtp-credentials',
    });
  });

  it('says so when the missing Secret exists by now', () => {
    const objects = [
      ...fixture('missing-secret.yaml'),
      secret('notify', 'smtp-credentials', ['password', 'username']),
    ];
    const [symptom] = detect(snapshotOf(objects));
    expect(symptom?.message).toContain(
      'Secret notify/smtp-credentials was missing (it exists now, so a retry may succeed).',
    );
  });

  it('says so when the missing key exists by now', () => {
    const { objects, logs } = scenarioInputs('config-missing-secret');
    const updated = objects.map((object) =>
      object.kind === 'Secret' && object.metadata?.name === 'payments-stripe'
        ? secret('payments', 'payments-stripe', ['api-key', 'publishable-key', 'webhook-secret'])
        : object,
    );
    const [symptom] = detect(snapshotOf(updated, { logs }));
    expect(symptom?.message).toContain(
      'had no key webhook-secret, which env STRIPE_WEBHOOK_SECRET reads (it has one now',
    );
  });

  it('finds the missing object from the spec when the kubelet left no message', () => {
    const [symptom] = detect(snapshotOf(withoutWaitingMessages(fixture('missing-configmap.yaml'))));
    expect(symptom?.params).toEqual({
      container: 'checkout',
      missingKind: 'ConfigMap',
      missingName: 'checkout-flags',
    });
  });

  it('finds the missing key from the spec when the kubelet left no message', () => {
    const { objects } = scenarioInputs('config-missing-secret');
    const [symptom] = detect(snapshotOf(withoutWaitingMessages(objects)));
    expect(symptom?.params).toEqual({
      container: 'payments-api',
      missingKind: 'Secret',
      missingName: 'payments-stripe',
      missingKey: 'webhook-secret',
    });
  });

  it('reports other configuration errors with the kubelet words and no missing object', () => {
    const [symptom] = detect(snapshotOf(fixture('run-as-non-root.yaml')));
    expect(symptom?.params).toEqual({ container: 'legacy' });
    expect(symptom?.message).toContain(
      'Pod batch/legacy-cron-6f9d7c8b5d-x2v4q cannot start container legacy: container has runAsNonRoot and image will run as root',
    );
  });

  it('keeps different problems of one snapshot apart, ordered by workload', () => {
    const symptoms = detect(
      snapshotOf([
        ...fixture('missing-configmap.yaml'),
        ...fixture('missing-secret.yaml'),
        ...fixture('run-as-non-root.yaml'),
      ]),
    );
    expect(symptoms.map((symptom) => symptom.resource.namespace)).toEqual(['batch', 'checkout', 'notify']);
  });

  it.each([
    ['crash-looping containers', scenarioSnapshot('crashloop-missing-env-no-runbook')],
    ['pods that cannot pull their image', scenarioSnapshot('image-registry-mirror')],
  ])('finds nothing for %s', (_label, snapshot) => {
    expect(detect(snapshot)).toEqual([]);
  });
});
