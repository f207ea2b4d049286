import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ingressMisconfiguredDetector } from '../../backend/src/detectors/ingress-misconfigured.js';
import type { Ingress, KubeObject } from '../../backend/src/kube/objects.js';
import { objectsFromFiles, snapshotOf } from '../support/snapshot.js';

function fixture(...names: string[]): KubeObject[] {
  return objectsFromFiles(
    ...names.map((name) =>
      fileURLToPath(new URL(`./fixtures/ingress-misconfigured/${name}`, import.meta.url)),
    ),
  );
}

/** The shop cluster with its Ingress changed by `change`; the other objects stay as recorded. */
function shop(change: (ingress: Ingress) => void = () => {}, extra: string[] = []): KubeObject[] {
  const objects = fixture('cluster.yaml', 'ingress.yaml', ...extra);
  for (const object of objects) if (object.kind === 'Ingress') change(object as Ingress);
  return objects;
}

function firstRule(ingress: Ingress) {
  const rule = ingress.spec?.rules?.[0];
  if (!rule?.http) throw new Error('fixture changed');
  return rule.http;
}

describe('ingressMisconfiguredDetector', () => {
  it.each([
    {
      name: 'a backend Service that does not exist, reported once for two paths',
      change: (ingress: Ingress) => {
        for (const path of firstRule(ingress).paths)
          if (path.backend.service) path.backend.service.name = 'storefront';
      },
      params: { cause: 'MissingBackendService', service: 'storefront', port: 8080, host: 'shop.example.com' },
      message: 'Ingress shop/shop routes shop.example.com/api to Service storefront, which does not exist.',
      field: ['spec.rules[0].http.paths[0].backend.service.name', 'storefront'],
    },
    {
      name: 'a port number the Service does not expose',
      change: (ingress: Ingress) => {
        const service = firstRule(ingress).paths[1]?.backend.service;
        if (service) service.port = { number: 8080 };
      },
      params: { cause: 'MissingBackendPort', service: 'web', port: 8080, host: 'shop.example.com' },
      message:
        'Ingress shop/shop routes shop.example.com/ to port 8080 of Service web, which exposes only 80 (http).',
      field: ['spec.rules[0].http.paths[1].backend.service.port.number', '8080'],
    },
    {
      name: 'a port name the Service does not expose',
      change: (ingress: Ingress) => {
        const service = firstRule(ingress).paths[0]?.backend.service;
        if (service) service.port = { name: 'https' };
      },
      params: { cause: 'MissingBackendPort', service: 'api', port: 'https', host: 'shop.example.com' },
      message:
        'Ingress shop/shop routes shop.example.com/api to port https of Service api, which exposes only 8080 (http), 9000 (grpc).',
      field: ['spec.rules[0].http.paths[0].backend.service.port.name', 'https'],
    },
    {
      name: 'an IngressClass that does not exist',
      change: (ingress: Ingress) => {
        if (ingress.spec) ingress.spec.ingressClassName = 'traefik';
      },
      params: { cause: 'MissingIngressClass', ingressClass: 'traefik', host: 'shop.example.com' },
      message:
        'Ingress shop/shop names IngressClass traefik, which does not exist (available: nginx, nginx-internal).',
      field: ['spec.ingressClassName', 'traefik'],
    },
    {
      name: 'a TLS Secret that does not exist',
      change: (ingress: Ingress) => {
        const tls = ingress.spec?.tls?.[0];
        if (tls) {
          tls.secretName = 'www-example-com-tls';
          tls.hosts = ['www.example.com', 'shop.example.com'];
        }
      },
      params: { cause: 'MissingTLSSecret', secret: 'www-example-com-tls', host: 'www.example.com' },
      message:
        'Ingress shop/shop serves www.example.com, shop.example.com with Secret www-example-com-tls, which does not exist in namespace shop.',
      field: ['spec.tls[0].secretName', 'www-example-com-tls'],
    },
  ])('finds $name', ({ change, params, message, field }) => {
    const symptoms = ingressMisconfiguredDetector.detect(snapshotOf(shop(change)));
    expect(symptoms).toHaveLength(1);
    expect(symptoms[0]).toMatchObject({
      type: 'IngressMisconfigured',
      resource: { group: 'networking.k8s.io', kind: 'Ingress', namespace: 'shop', name: 'shop' },
      params,
      message,
    });
    expect(symptoms[0]?.params).toEqual(params);
    expect(symptoms[0]?.evidence[0]).toMatchObject({ kind: 'status', field: field[0], value: field[1] });
  });

  it('adds the controller events that name the missing Secret, not its routine ones', () => {
    const objects = shop(
      (ingress) => {
        const tls = ingress.spec?.tls?.[0];
        if (tls) tls.secretName = 'www-example-com-tls';
      },
      ['gce-secret-event.yaml'],
    );
    const [symptom] = ingressMisconfiguredDetector.detect(snapshotOf(objects));
    expect(symptom?.evidence.map((item) => item.id)).toEqual([
      'status:networking.k8s.io/Ingress/shop/shop:spec.tls[0].secretName',
      'event:shop/shop.187a41c2d9e0f311',
    ]);
  });

  it('reports each problem of one Ingress, class first, then backends, then TLS', () => {
    const objects = shop((ingress) => {
      if (ingress.spec) {
        ingress.spec.ingressClassName = 'haproxy';
        ingress.spec.defaultBackend = { service: { name: 'fallback', port: { number: 80 } } };
        const tls = ingress.spec.tls?.[0];
        if (tls) tls.secretName = 'old-cert';
      }
    });
    const symptoms = ingressMisconfiguredDetector.detect(snapshotOf(objects));
    expect(symptoms.map((symptom) => symptom.params.cause)).toEqual([
      'MissingIngressClass',
      'MissingBackendService',
      'MissingTLSSecret',
    ]);
    expect(symptoms[1]?.params).toEqual({ cause: 'MissingBackendService', service: 'fallback', port: 80 });
    expect(symptoms[1]?.message).toBe(
      'Ingress shop/shop routes its default backend to Service fallback, which does not exist.',
    );
  });

  describe('an Ingress without ingressClassName', () => {
    const unclassed = (ingress: Ingress) => {
      if (ingress.spec) delete ingress.spec.ingressClassName;
    };
    const withoutDefault = (objects: KubeObject[]) => {
      for (const object of objects) {
        if (object.kind === 'IngressClass' && object.metadata) delete object.metadata.annotations;
      }
      return objects;
    };

    it('is unserved when no IngressClass is the default', () => {
      const [symptom, ...rest] = ingressMisconfiguredDetector.detect(
        snapshotOf(withoutDefault(shop(unclassed))),
      );
      expect(rest).toEqual([]);
      expect(symptom?.params).toEqual({
        cause: 'MissingIngressClass',
        ingressClass: '',
        host: 'shop.example.com',
      });
      expect(symptom?.message).toBe(
        'Ingress shop/shop names no IngressClass and no class is marked default (available: nginx, nginx-internal), so no controller serves it.',
      );
    });

    it('is served by the default class', () => {
      expect(ingressMisconfiguredDetector.detect(snapshotOf(shop(unclassed)))).toEqual([]);
    });

    it('is served through the deprecated kubernetes.io/ingress.class annotation', () => {
      const annotated = (ingress: Ingress) => {
        unclassed(ingress);
        if (ingress.metadata) ingress.metadata.annotations = { 'kubernetes.io/ingress.class': 'nginx' };
      };
      expect(ingressMisconfiguredDetector.detect(snapshotOf(withoutDefault(shop(annotated))))).toEqual([]);
    });
  });

  it.each([
    ['the recorded Ingress', shop(), []],
    [
      'a missing TLS Secret when Secrets could not be listed',
      shop((ingress) => {
        const tls = ingress.spec?.tls?.[0];
        if (tls) tls.secretName = 'www-example-com-tls';
      }),
      [
        'Secret list in shop unavailable: 403 secrets is forbidden: User "system:serviceaccount:argocd:argocd-ai-sre" cannot list resource "secrets"',
      ],
    ],
    [
      'a missing class when IngressClasses could not be listed',
      shop((ingress) => {
        if (ingress.spec) ingress.spec.ingressClassName = 'traefik';
      }),
      ['IngressClass list unavailable: 403 Forbidden'],
    ],
    [
      'a missing backend Service when Services could not be listed',
      shop((ingress) => {
        const service = firstRule(ingress).paths[0]?.backend.service;
        if (service) service.name = 'storefront';
      }),
      ['Service list in shop unavailable: timed out after 10000 ms'],
    ],
    [
      'a TLS entry without secretName (the controller default certificate)',
      shop((ingress) => {
        const tls = ingress.spec?.tls?.[0];
        if (tls) delete tls.secretName;
      }),
      [],
    ],
    [
      'a resource backend instead of a Service',
      shop((ingress) => {
        const path = firstRule(ingress).paths[0];
        if (path)
          path.backend = {
            resource: { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'static-assets' },
          };
      }),
      [],
    ],
  ])('stays quiet for %s', (_, objects, notes) => {
    expect(ingressMisconfiguredDetector.detect(snapshotOf(objects, { notes }))).toEqual([]);
  });

  it('orders symptoms by namespace and name of the Ingress', () => {
    const objects = shop((ingress) => {
      if (ingress.spec) ingress.spec.ingressClassName = 'traefik';
    });
    const admin = structuredClone(objects.find((object) => object.kind === 'Ingress') as Ingress);
    if (admin.metadata) admin.metadata.name = 'admin';
    const names = ingressMisconfiguredDetector
      .detect(snapshotOf([...objects, admin]))
      .map((symptom) => symptom.resource.name);
    expect(names).toEqual(['admin', 'shop']);
  });
});
