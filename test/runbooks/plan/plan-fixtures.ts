import type { Symptom, SymptomType } from '../../../backend/src/detectors/symptom.js';
import type { Application } from '../../../backend/src/kube/application.js';
import type { KubeObject } from '../../../backend/src/kube/objects.js';
import { refOf } from '../../../backend/src/kube/objects.js';
import type { ClusterSnapshot } from '../../../backend/src/kube/snapshot.js';
import type { Action, Runbook } from '../../../backend/src/runbooks/schema.js';
import { snapshotOf } from '../../support/snapshot.js';

/** A runbook with the given actions, defaults filled in as the parser fills them. */
export function runbookWith(actions: Action[], automation: 'approve' | 'auto' = 'approve'): Runbook {
  return {
    id: 'test-runbook',
    symptom: { when: {} },
    solution: { actions },
    automation,
    scope: {},
    verify: { timeout: '10m', revertOnFailure: true },
    source: { namespace: 'argocd', configMap: 'runbooks-test', key: 'test-runbook.yaml' },
  };
}

/** A symptom about an object, as a detector would report it. */
export function symptomOf(
  object: KubeObject,
  params: Symptom['params'] = {},
  type: SymptomType = 'OOMKilled',
): Symptom {
  return {
    type,
    resource: refOf(object),
    message: `test symptom of ${object.metadata?.name}`,
    params,
    evidence: [],
  };
}

type Container = Record<string, unknown> & { name: string };

/** A pod spec with the given containers and init containers. */
export function podSpec(containers: Container[], initContainers: Container[] = []): Record<string, unknown> {
  return initContainers.length > 0 ? { containers, initContainers } : { containers };
}

function meta(name: string, uid: string, owner?: KubeObject): KubeObject['metadata'] {
  const metadata: NonNullable<KubeObject['metadata']> = { name, namespace: 'shop', uid };
  if (owner) {
    metadata.ownerReferences = [
      {
        apiVersion: owner.apiVersion ?? '',
        kind: owner.kind ?? '',
        name: owner.metadata?.name ?? '',
        uid: owner.metadata?.uid ?? '',
        controller: true,
      },
    ];
  }
  return metadata;
}

export function object(
  apiVersion: string,
  kind: string,
  name: string,
  spec: Record<string, unknown>,
  owner?: KubeObject,
): KubeObject {
  return { apiVersion, kind, metadata: meta(name, `uid-${kind}-${name}`, owner), spec };
}

/** A Deployment `web` with its ReplicaSet and one Pod, the pod spec in all three. */
export function deploymentChain(spec: Record<string, unknown>): {
  deployment: KubeObject;
  pod: KubeObject;
  all: KubeObject[];
} {
  const deployment = object('apps/v1', 'Deployment', 'web', { replicas: 2, template: { spec } });
  const replicaSet = object('apps/v1', 'ReplicaSet', 'web-7d9', { template: { spec } }, deployment);
  const pod = object('v1', 'Pod', 'web-7d9-x2k', spec, replicaSet);
  return { deployment, pod, all: [deployment, replicaSet, pod] };
}

/** An Application that lists the given objects as its resources (none: it lists nothing). */
export function applicationListing(objects: readonly KubeObject[]): Application {
  const application: Application = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'shop', namespace: 'argocd' },
    spec: {
      project: 'default',
      source: { repoURL: 'https://git.example.com/shop.git', targetRevision: 'main', path: 'deploy' },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'shop' },
    },
  };
  if (objects.length > 0) {
    application.status = {
      resources: objects.map((managed) => {
        const ref = refOf(managed);
        return { group: ref.group, version: 'v1', kind: ref.kind, namespace: ref.namespace, name: ref.name };
      }),
    };
  }
  return application;
}

/** A snapshot of the objects, whose Application lists `managed` as its resources. */
export function snapshotWith(
  objects: readonly KubeObject[],
  managed: readonly KubeObject[],
): ClusterSnapshot {
  return snapshotOf([applicationListing(managed) as unknown as KubeObject, ...objects]);
}
