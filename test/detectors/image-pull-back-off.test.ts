import { describe, expect, it } from 'vitest';
import { imagePullBackOffDetector } from '../../backend/src/detectors/image-pull-back-off.js';
import type { KubeObject, Pod } from '../../backend/src/kube/objects.js';
import { snapshotOf } from '../support/snapshot.js';
import { fixtureObjects, scenarioSnapshot } from './fixture-snapshot.js';

const fixture = (...files: string[]) => snapshotOf(fixtureObjects('image-pull-back-off', ...files));
const detect = imagePullBackOffDetector.detect;

describe('imagePullBackOffDetector', () => {
  it.each([
    {
      name: 'a tag the registry does not have',
      file: 'not-found.yaml',
      pod: 'search-6b8f9c7d4f-tq7lx',
      namespace: 'catalog',
      params: {
        image: 'registry.example.com/catalog/search:3.2.0-rc1',
        registry: 'registry.example.com',
        repository: 'catalog/search',
        tag: '3.2.0-rc1',
        cause: 'NotFound',
        container: 'search',
        reason: 'ImagePullBackOff',
      },
      says: 'cannot pull image registry.example.com/catalog/search:3.2.0-rc1 for container search: the registry has no such image (not found).',
    },
    {
      name: 'a private image without credentials, on every replica',
      file: 'unauthorized.yaml',
      pod: 'billing-api-7f9b6d5c8d-tn6fb',
      namespace: 'billing',
      params: {
        image: 'ghcr.io/acme/billing-api:1.8.0',
        registry: 'ghcr.io',
        repository: 'acme/billing-api',
        tag: '1.8.0',
        cause: 'Unauthorized',
        container: 'api',
        reason: 'ImagePullBackOff',
      },
      says: '(and 2 more pods of Deployment billing/billing-api) cannot pull image ghcr.io/acme/billing-api:1.8.0 for container api: the registry refused access (401 Unauthorized).',
    },
    {
      name: 'an implicit Docker Hub image in an init container, rate-limited',
      file: 'docker-hub-init.yaml',
      pod: 'report-cli',
      namespace: 'tools',
      params: {
        image: 'busybox',
        registry: 'docker.io',
        repository: 'library/busybox',
        tag: 'latest',
        cause: 'Unreachable',
        container: 'fetch-config',
        reason: 'ErrImagePull',
      },
      says: 'cannot pull image busybox for init container fetch-config: the registry is unreachable or unavailable (Too Many Requests).',
    },
    {
      name: 'an image name with capitals',
      file: 'invalid-name.yaml',
      pod: 'cart-5d4c8b9f6a-hx2lm',
      namespace: 'shop',
      params: {
        image: 'registry.example.com/shop/Cart:2.0.0',
        cause: 'InvalidReference',
        container: 'cart',
        reason: 'InvalidImageName',
      },
      says: 'the image reference is invalid (invalid reference format).',
    },
    {
      name: 'an image pinned by a digest the registry no longer has',
      file: 'digest.yaml',
      pod: 'thumbnailer-69d8f7b5c4-m2x8c',
      namespace: 'jobs',
      params: {
        image:
          'ghcr.io/acme/thumbnailer@sha256:4b1f7e2c9d0a8b6e5f3c2d1a0b9e8f7d6c5b4a3928171605f4e3d2c1b0a99887',
        registry: 'ghcr.io',
        repository: 'acme/thumbnailer',
        digest: 'sha256:4b1f7e2c9d0a8b6e5f3c2d1a0b9e8f7d6c5b4a3928171605f4e3d2c1b0a99887',
        cause: 'NotFound',
        container: 'thumbnailer',
        reason: 'ImagePullBackOff',
      },
      says: 'the registry has no such image (404 Not Found).',
    },
    {
      name: 'a registry name that does not resolve',
      file: 'statefulset-recreated.yaml',
      pod: 'cache-0',
      namespace: 'data',
      params: {
        image: 'registry.internal.example.com:5000/data/cache:7.4.1',
        registry: 'registry.internal.example.com:5000',
        repository: 'data/cache',
        tag: '7.4.1',
        cause: 'Unreachable',
        container: 'cache',
        reason: 'ImagePullBackOff',
      },
      says: 'the registry is unreachable or unavailable (no such host).',
    },
  ])('reports $name', ({ file, pod, namespace, params, says }) => {
    const symptoms = detect(fixture(file));
    expect(symptoms).toHaveLength(1);
    const [symptom] = symptoms;
    expect(symptom?.type).toBe('ImagePullBackOff');
    expect(symptom?.resource).toEqual({ group: '', kind: 'Pod', namespace, name: pod });
    expect(symptom?.params).toEqual(params);
    expect(symptom?.message).toContain(`Pod ${namespace}/${pod}`);
    expect(symptom?.message).toContain(says);
  });

  it('cites the waiting state and the kubelet events that hold the registry answer', () => {
    const [symptom] = detect(fixture('not-found.yaml'));
    const pod = 'status:/Pod/catalog/search-6b8f9c7d4f-tq7lx';
    expect(symptom?.evidence.map((item) => item.id)).toEqual([
      `${pod}:status.containerStatuses[name=search].state.waiting.reason`,
      `${pod}:status.containerStatuses[name=search].state.waiting.message`,
      expect.stringMatching(/^event:catalog\/search-6b8f9c7d4f-tq7lx\./),
      expect.stringMatching(/^event:catalog\/search-6b8f9c7d4f-tq7lx\./),
    ]);
    const events = symptom?.evidence.filter((item) => item.kind === 'event') ?? [];
    expect(events.map((item) => item.kind === 'event' && item.reason)).toEqual(['Failed', 'BackOff']);
    expect(events[0]?.kind === 'event' && events[0].message).toContain(': not found');
  });

  it('takes the cause from the waiting message when the pod has no events', () => {
    const pod = fixtureObjects('image-pull-back-off', 'unauthorized.yaml').find(
      (object) => object.metadata?.name === 'billing-api-7f9b6d5c8d-9hwzr',
    );
    const [symptom] = detect(snapshotOf(pod ? [pod] : []));
    expect(symptom?.params.cause).toBe('Unauthorized');
    expect(symptom?.evidence.map((item) => item.kind)).toEqual(['status', 'status']);
  });

  it('lends the cause one replica shows to replicas whose events are gone', () => {
    const symptoms = detect(withoutEvents('unauthorized.yaml'));
    expect(symptoms).toHaveLength(1);
    const [symptom] = symptoms;
    expect(symptom?.resource.name).toBe('billing-api-7f9b6d5c8d-tn6fb');
    expect(symptom?.params.cause).toBe('Unauthorized');
    expect(symptom?.message).toContain('(and 2 more pods of Deployment billing/billing-api)');
    expect(symptom?.evidence).toContainEqual(
      expect.objectContaining({
        id: 'status:/Pod/billing/billing-api-7f9b6d5c8d-9hwzr:status.containerStatuses[name=api].state.waiting.message',
      }),
    );
  });

  it('reports an image missing from the node when the pull policy forbids pulling', () => {
    const pods = fixtureObjects('image-pull-back-off', 'docker-hub-init.yaml').map((object) => {
      const pod = structuredClone(object) as Pod;
      const status = pod.status?.initContainerStatuses?.[0];
      if (status) {
        status.state = {
          waiting: {
            reason: 'ErrImageNeverPull',
            message: 'Container image "busybox" is not present with pull policy of Never',
          },
        };
      }
      return pod as KubeObject;
    });
    const [symptom] = detect(snapshotOf(pods));
    expect(symptom?.params).toMatchObject({ cause: 'NotFound', reason: 'ErrImageNeverPull' });
    expect(symptom?.message).toContain(
      'cannot pull image busybox for init container fetch-config: the image is not on the node and its pull policy is Never.',
    );
  });

  it('leaves the cause out when nothing says why the pull fails', () => {
    const [symptom] = detect(withoutEvents('not-found.yaml'));
    expect(symptom?.params).not.toHaveProperty('cause');
    expect(symptom?.message).toContain('the kubelet reports ImagePullBackOff.');
  });

  it('ignores the events of an earlier pod with the same name', () => {
    const [symptom] = detect(fixture('statefulset-recreated.yaml'));
    const messages = symptom?.evidence.flatMap((item) => (item.kind === 'event' ? [item.message] : []));
    expect(messages?.join('\n')).not.toContain('401 Unauthorized');
  });

  it('names only the container that fails among several', () => {
    const symptoms = detect(fixture('digest.yaml'));
    expect(symptoms.map((symptom) => symptom.params.container)).toEqual(['thumbnailer']);
  });

  it('reports each failing workload once, ordered by workload', () => {
    const symptoms = detect(fixture('not-found.yaml', 'unauthorized.yaml'));
    expect(symptoms.map((symptom) => symptom.resource.name)).toEqual([
      'billing-api-7f9b6d5c8d-tn6fb',
      'search-6b8f9c7d4f-tq7lx',
    ]);
  });

  it('groups the replicas of the recorded registry-a incident into one symptom', () => {
    const symptoms = detect(scenarioSnapshot('image-registry-mirror'));
    expect(symptoms).toHaveLength(1);
    expect(symptoms[0]?.params).toMatchObject({
      registry: 'registry-a.example.com',
      repository: 'shop/web',
      tag: '1.4.2',
      cause: 'Unreachable',
    });
    expect(symptoms[0]?.message).toContain('(and 1 more pod of Deployment shop/web)');
    expect(symptoms[0]?.message).toContain('(i/o timeout)');
  });

  it.each(['crashloop-missing-env-no-runbook', 'oom-raise-memory'])(
    'finds nothing in %s, where every image was pulled',
    (scenario) => {
      expect(detect(scenarioSnapshot(scenario))).toEqual([]);
    },
  );
});

function withoutEvents(file: string) {
  return snapshotOf(fixtureObjects('image-pull-back-off', file).filter((object) => object.kind !== 'Event'));
}
