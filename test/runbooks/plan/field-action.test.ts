import { describe, expect, it } from 'vitest';
import { PlanError, planFix } from '../../../backend/src/runbooks/plan/index.js';
import { object, runbookWith, snapshotWith, symptomOf } from './plan-fixtures.js';

const ingress = object('networking.k8s.io/v1', 'Ingress', 'site', {
  tls: [{ hosts: ['www.example.com'], secretName: 'www-example-com-tls' }],
});

function planField(path: string, value: unknown) {
  return planFix(
    snapshotWith([ingress], [ingress]),
    symptomOf(ingress, {}, 'IngressMisconfigured'),
    runbookWith([{ setField: { path, value } }]),
  );
}

describe('setField', () => {
  it.each<[string, unknown, unknown]>([
    ['spec.tls[0].secretName', 'wildcard-example-com-tls', 'www-example-com-tls'],
    ['spec.tls[0].hosts', ['www.example.com', 'example.com'], ['www.example.com']],
    ['spec.ingressClassName', 'nginx', undefined],
    ['metadata.annotations.nginx\\.ingress\\.kubernetes\\.io/ssl-redirect', 'true', undefined],
  ])('sets %s to %j', (path, value, from) => {
    const [edit] = planField(path, value).edits;
    expect(edit).toEqual({
      object: {
        group: 'networking.k8s.io',
        kind: 'Ingress',
        namespace: 'shop',
        name: 'site',
        apiVersion: 'networking.k8s.io/v1',
      },
      path,
      ...(from === undefined ? {} : { from }),
      to: value,
      action: 'setField',
    });
  });

  it.each([
    ['spec..tls', 'setField: the path "spec..tls", at character 6: an empty key'],
    ['spec.tls[1].secretName', 'setField: spec.tls[1] is past the end of a list of 1'],
    ['spec.tls.secretName', 'setField: spec.tls is not a map'],
    ['metadata.name', 'setField: metadata.name of Ingress shop/site is not a field a fix may set.'],
    ['metadata.namespace', 'setField: metadata.namespace of Ingress shop/site is not a field a fix may set.'],
    ['kind', 'setField: kind of Ingress shop/site is not a field a fix may set.'],
    ['status.loadBalancer', 'setField: status of Ingress shop/site is not a field a fix may set.'],
  ])('refuses %s', (path, message) => {
    expect(() => planField(path, 'x')).toThrow(new PlanError(message));
  });
});
