import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { serviceNoEndpointsDetector } from '../../backend/src/detectors/service-no-endpoints.js';
import type { KubeObject, Pod, Service } from '../../backend/src/kube/objects.js';
import { objectsFromFiles, objectsFromYaml, snapshotOf } from '../support/snapshot.js';

function fixture(...names: string[]): KubeObject[] {
  return objectsFromFiles(
    ...names.map((name) =>
      fileURLToPath(new URL(`./fixtures/service-no-endpoints/${name}`, import.meta.url)),
    ),
  );
}

/** The orders app with its Service; later objects of the same kind and name replace earlier ones. */
function cluster(...overrides: KubeObject[][]): KubeObject[] {
  const byKey = new Map<string, KubeObject>();
  for (const object of [...fixture('orders.yaml', 'service.yaml'), ...overrides.flat()]) {
    byKey.set(
      `${object.kind}/${object.metadata?.namespace}/${object.metadata?.name}`,
      structuredClone(object),
    );
  }
  return [...byKey.values()];
}

function edit<T extends KubeObject>(
  objects: KubeObject[],
  kind: string,
  change: (object: T) => void,
): KubeObject[] {
  for (const object of objects) if (object.kind === kind) change(object as T);
  return objects;
}

function notReady(pod: Pod): void {
  for (const condition of pod.status?.conditions ?? []) {
    if (condition.type === 'Ready' || condition.type === 'ContainersReady') {
      condition.status = 'False';
      condition.reason = 'ContainersNotReady';
      condition.message = 'containers with unready status: [orders]';
    }
  }
}

const emptyEndpoints = objectsFromYaml(`
apiVersion: v1
kind: Endpoints
metadata: {name: orders, namespace: shop, uid: 0e6f2a9c-41d7-4b8e-9f3a-6c2d1b8e5a11}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: orders-t7x2c
  namespace: shop
  labels: {kubernetes.io/service-name: orders}
addressType: IPv4
endpoints: null
ports: null
`);

function withoutEndpoints(objects: KubeObject[]): KubeObject[] {
  return objects.filter((object) => object.kind !== 'Endpoints' && object.kind !== 'EndpointSlice');
}

describe('serviceNoEndpointsDetector', () => {
  it('finds a selector that matches no pod after a label rename, beside the labels the pods do carry', () => {
    const objects = edit<Service>(cluster(emptyEndpoints), 'Service', (service) => {
      if (service.spec)
        service.spec.selector = { 'app.kubernetes.io/name': 'orders', 'app.kubernetes.io/part-of': 'shop' };
    });
    const [symptom, ...rest] = serviceNoEndpointsDetector.detect(snapshotOf(objects));
    expect(rest).toEqual([]);
    expect(symptom).toMatchObject({
      type: 'ServiceNoEndpoints',
      resource: { group: '', kind: 'Service', namespace: 'shop', name: 'orders' },
      params: {
        cause: 'NoMatchingPods',
        selector: 'app.kubernetes.io/name=orders,app.kubernetes.io/part-of=shop',
        matchingPods: 0,
        readyPods: 0,
      },
    });
    expect(symptom?.message).toBe(
      'Service shop/orders has no endpoints: no pod matches its selector app.kubernetes.io/name=orders,app.kubernetes.io/part-of=shop.',
    );
    expect(
      symptom?.evidence.map((item) => (item.kind === 'status' ? [item.field, item.value] : item.id)),
    ).toEqual([
      ['spec.selector', 'app.kubernetes.io/name=orders,app.kubernetes.io/part-of=shop'],
      ['subsets', 'ready: none; not ready: none'],
      ['endpoints', 'ready: none; not ready: none'],
      ['spec.template.metadata.labels', 'app=orders'],
    ]);
  });

  it('finds pods that match but are not ready, with the newest pod readiness and probe events', () => {
    const objects = edit<Pod>(cluster(fixture('not-ready.yaml')), 'Pod', notReady);
    const symptoms = serviceNoEndpointsDetector.detect(snapshotOf(objects));
    expect(symptoms).toHaveLength(1);
    expect(symptoms[0]?.params).toEqual({
      cause: 'PodsNotReady',
      selector: 'app=orders',
      matchingPods: 2,
      readyPods: 0,
    });
    expect(symptoms[0]?.message).toBe(
      'Service shop/orders has no ready endpoints: 2 pods match its selector app=orders but none is ready.',
    );
    const evidence = symptoms[0]?.evidence ?? [];
    expect(evidence).toContainEqual(
      expect.objectContaining({
        kind: 'status',
        field: 'subsets',
        value: 'ready: none; not ready: orders-6d9f8b7c5d-k4w2x, orders-6d9f8b7c5d-p8n3v',
      }),
    );
    expect(evidence).toContainEqual(
      expect.objectContaining({
        kind: 'status',
        resource: { group: '', kind: 'Pod', namespace: 'shop', name: 'orders-6d9f8b7c5d-k4w2x' },
        field: 'status.conditions[type=Ready].message',
        value: 'containers with unready status: [orders]',
      }),
    );
    expect(evidence).toContainEqual(
      expect.objectContaining({
        kind: 'event',
        reason: 'Unhealthy',
        message: expect.stringContaining('503'),
      }),
    );
  });

  it('cites the phase of a pod that never got a Ready condition', () => {
    const objects = edit<Pod>(cluster(emptyEndpoints), 'Pod', (pod) => {
      pod.status = {
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }],
      };
    });
    const [symptom] = serviceNoEndpointsDetector.detect(snapshotOf(objects));
    expect(symptom?.params).toMatchObject({ cause: 'PodsNotReady', matchingPods: 2, readyPods: 0 });
    expect(symptom?.evidence).toContainEqual(
      expect.objectContaining({ field: 'status.phase', value: 'Pending' }),
    );
  });

  it('finds a named targetPort that no selected pod declares', () => {
    const objects = edit<Service>(cluster(emptyEndpoints), 'Service', (service) => {
      const port = service.spec?.ports?.[0];
      if (port) port.targetPort = 'web';
    });
    const [symptom] = serviceNoEndpointsDetector.detect(snapshotOf(objects));
    expect(symptom?.params).toEqual({
      cause: 'PortMismatch',
      selector: 'app=orders',
      matchingPods: 2,
      readyPods: 2,
    });
    expect(symptom?.message).toBe(
      'Service shop/orders has no endpoints: its targetPort "web" names no port of the 2 pods matching its selector app=orders.',
    );
    expect(symptom?.evidence).toContainEqual(
      expect.objectContaining({ field: 'spec.ports[0].targetPort', value: 'web' }),
    );
    expect(symptom?.evidence).toContainEqual(
      expect.objectContaining({
        field: 'spec.containers[name=orders].ports',
        value: 'http:8080, metrics:9090',
      }),
    );
  });

  it('reasons from the pods alone when the snapshot holds no Endpoints or EndpointSlice', () => {
    const objects = edit<Service>(withoutEndpoints(cluster()), 'Service', (service) => {
      if (service.spec) service.spec.selector = { app: 'order' };
    });
    const [symptom] = serviceNoEndpointsDetector.detect(snapshotOf(objects));
    expect(symptom?.params.cause).toBe('NoMatchingPods');
    expect(symptom?.evidence.map((item) => item.kind === 'status' && item.field)).not.toContain('subsets');
  });

  it.each([
    ['ready endpoints', cluster()],
    ['ready pods and no endpoint objects gathered', withoutEndpoints(cluster())],
    [
      'a slice whose ready condition is unset (nil means ready)',
      edit(
        edit<Pod>(cluster(fixture('not-ready.yaml')), 'Pod', notReady).filter(
          (object) => object.kind !== 'Endpoints',
        ),
        'EndpointSlice',
        (slice: KubeObject) => {
          for (const endpoint of (slice as { endpoints: { conditions: Record<string, unknown> }[] })
            .endpoints) {
            endpoint.conditions = {};
          }
        },
      ),
    ],
    [
      'an ExternalName Service',
      edit<Service>(cluster(emptyEndpoints), 'Service', (service) => {
        service.spec = {
          type: 'ExternalName',
          externalName: 'orders.legacy.example.com',
          selector: { app: 'legacy-orders' },
        };
      }),
    ],
    [
      'a Service without selector whose endpoints are managed by hand',
      edit<Service>(cluster(emptyEndpoints), 'Service', (service) => {
        if (service.spec) delete service.spec.selector;
      }),
    ],
    [
      'an empty selector',
      edit<Service>(cluster(emptyEndpoints), 'Service', (service) => {
        if (service.spec) service.spec.selector = {};
      }),
    ],
  ])('stays quiet for %s', (_, objects) => {
    expect(serviceNoEndpointsDetector.detect(snapshotOf(objects))).toEqual([]);
  });

  it('does not count finished, deleted or other-namespace pods as matching', () => {
    const objects = withoutEndpoints(cluster());
    const [first, second] = objects.filter((object): object is Pod => object.kind === 'Pod');
    if (!first?.status || !second?.metadata) throw new Error('fixture changed');
    first.status.phase = 'Succeeded';
    second.metadata.deletionTimestamp = '2026-11-17T08:59:00Z';
    const elsewhere = structuredClone(second);
    if (elsewhere.metadata) {
      elsewhere.metadata.namespace = 'shop-staging';
      delete elsewhere.metadata.deletionTimestamp;
    }
    const [symptom] = serviceNoEndpointsDetector.detect(snapshotOf([...objects, elsewhere]));
    expect(symptom?.params).toMatchObject({ cause: 'NoMatchingPods', matchingPods: 0 });
  });

  it('reports one symptom per broken Service, ordered by namespace and name', () => {
    const second = structuredClone(cluster().find((object) => object.kind === 'Service') as Service);
    if (second.metadata && second.spec) {
      second.metadata.name = 'orders-admin';
      second.spec.selector = { app: 'orders-admin' };
    }
    const objects = edit<Service>(withoutEndpoints(cluster()), 'Service', (service) => {
      if (service.spec) service.spec.selector = { app: 'orders-v2' };
    });
    const names = serviceNoEndpointsDetector
      .detect(snapshotOf([second, ...objects]))
      .map((symptom) => symptom.resource.name);
    expect(names).toEqual(['orders', 'orders-admin']);
  });
});
