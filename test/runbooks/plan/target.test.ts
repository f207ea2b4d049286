import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../backend/src/kube/objects.js';
import { PlanError, planFix } from '../../../backend/src/runbooks/plan/index.js';
import { object, podSpec, runbookWith, snapshotWith, symptomOf } from './plan-fixtures.js';

const spec = podSpec([{ name: 'app', image: 'registry.example.com/shop/app:1.0' }]);
const setTag = runbookWith([{ setImageTag: { tag: '1.1' } }]);

interface Chain {
  /** The objects from the top down; the last is the Pod. */
  objects: KubeObject[];
  /** The path of the container's image in the top object. */
  imagePath: string;
}

function chain(
  ...links: [apiVersion: string, kind: string, name: string, spec: Record<string, unknown>][]
): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const [apiVersion, kind, name, objectSpec] of links) {
    objects.push(object(apiVersion, kind, name, objectSpec, objects[objects.length - 1]));
  }
  return objects;
}

const template = { template: { spec } };
const chains: Record<string, Chain> = {
  Deployment: {
    objects: chain(
      ['apps/v1', 'Deployment', 'web', template],
      ['apps/v1', 'ReplicaSet', 'web-7d9', template],
      ['v1', 'Pod', 'web-7d9-x', spec],
    ),
    imagePath: 'spec.template.spec.containers[name=app].image',
  },
  StatefulSet: {
    objects: chain(['apps/v1', 'StatefulSet', 'db', template], ['v1', 'Pod', 'db-0', spec]),
    imagePath: 'spec.template.spec.containers[name=app].image',
  },
  DaemonSet: {
    objects: chain(['apps/v1', 'DaemonSet', 'agent', template], ['v1', 'Pod', 'agent-x', spec]),
    imagePath: 'spec.template.spec.containers[name=app].image',
  },
  CronJob: {
    objects: chain(
      ['batch/v1', 'CronJob', 'report', { jobTemplate: { spec: template } }],
      ['batch/v1', 'Job', 'report-29391720', template],
      ['v1', 'Pod', 'report-29391720-x', spec],
    ),
    imagePath: 'spec.jobTemplate.spec.template.spec.containers[name=app].image',
  },
  Job: {
    objects: chain(['batch/v1', 'Job', 'migrate', template], ['v1', 'Pod', 'migrate-x', spec]),
    imagePath: 'spec.template.spec.containers[name=app].image',
  },
  Rollout: {
    objects: chain(
      ['argoproj.io/v1alpha1', 'Rollout', 'web', template],
      ['apps/v1', 'ReplicaSet', 'web-5c4', template],
      ['v1', 'Pod', 'web-5c4-x', spec],
    ),
    imagePath: 'spec.template.spec.containers[name=app].image',
  },
  Pod: {
    objects: chain(['v1', 'Pod', 'debug', spec]),
    imagePath: 'spec.containers[name=app].image',
  },
};

describe('planFix targets', () => {
  it.each(Object.entries(chains))(
    'walks from the Pod up to the %s that Git defines',
    (kind, { objects, imagePath }) => {
      const top = objects[0] as KubeObject;
      const pod = objects[objects.length - 1] as KubeObject;
      const plan = planFix(snapshotWith(objects, [top]), symptomOf(pod, { container: 'app' }), setTag);
      expect(plan.target).toMatchObject({ kind, name: top.metadata?.name, apiVersion: top.apiVersion });
      expect(plan.edits).toEqual([
        {
          object: plan.target,
          path: imagePath,
          from: 'registry.example.com/shop/app:1.0',
          to: 'registry.example.com/shop/app:1.1',
          action: 'setImageTag',
        },
      ]);
    },
  );

  it('takes the top of the owner chain when the Application lists no resources', () => {
    const { objects } = chains.CronJob as Chain;
    const pod = objects[2] as KubeObject;
    expect(planFix(snapshotWith(objects, []), symptomOf(pod, { container: 'app' }), setTag).target.kind).toBe(
      'CronJob',
    );
  });

  it('stops at the topmost object the Application lists: an operator above it is not in Git', () => {
    const operator = object('example.com/v1', 'WebApp', 'web', {});
    const deployment = object('apps/v1', 'Deployment', 'web', template, operator);
    const replicaSet = object('apps/v1', 'ReplicaSet', 'web-7d9', template, deployment);
    const pod = object('v1', 'Pod', 'web-7d9-x', spec, replicaSet);
    const snapshot = snapshotWith([operator, deployment, replicaSet, pod], [deployment]);
    expect(planFix(snapshot, symptomOf(pod, { container: 'app' }), setTag).target.kind).toBe('Deployment');
  });

  it('refuses when no object of the chain is a resource of the Application', () => {
    const { objects } = chains.Deployment as Chain;
    const other = object('apps/v1', 'Deployment', 'other', template);
    const pod = objects[2] as KubeObject;
    const snapshot = snapshotWith([...objects, other], [other]);
    expect(() => planFix(snapshot, symptomOf(pod, { container: 'app' }), setTag)).toThrow(
      new PlanError(
        'none of Pod shop/web-7d9-x, ReplicaSet shop/web-7d9, Deployment shop/web is a resource of Application argocd/shop, so none of them is in its Git source.',
      ),
    );
  });

  it('acts on the scale target of an HPA', () => {
    const { objects } = chains.Deployment as Chain;
    const deployment = objects[0] as KubeObject;
    const hpa = object('autoscaling/v2', 'HorizontalPodAutoscaler', 'web', {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
    });
    const runbook = runbookWith([{ setResources: { requests: { cpu: '250m' } } }]);
    const plan = planFix(
      snapshotWith([...objects, hpa], [deployment, hpa]),
      symptomOf(hpa, { container: 'app' }),
      runbook,
    );
    expect(plan.target).toEqual({
      group: 'apps',
      kind: 'Deployment',
      namespace: 'shop',
      name: 'web',
      apiVersion: 'apps/v1',
    });
    expect(plan.edits.map((edit) => [edit.path, edit.to])).toEqual([
      ['spec.template.spec.containers[name=app].resources.requests.cpu', '250m'],
    ]);
  });

  it('refuses an HPA whose scale target is not in the snapshot', () => {
    const hpa = object('autoscaling/v2', 'HorizontalPodAutoscaler', 'web', {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
    });
    const runbook = runbookWith([{ setResources: { requests: { cpu: '250m' } } }]);
    expect(() => planFix(snapshotWith([hpa], [hpa]), symptomOf(hpa, { container: 'app' }), runbook)).toThrow(
      'the scale target of HorizontalPodAutoscaler shop/web, Deployment shop/web, is not in the cluster snapshot.',
    );
  });

  it.each([
    ['v1', 'PersistentVolumeClaim', 'spec.storageClassName', 'gp3'],
    ['v1', 'Service', 'spec.ports[0].targetPort', 'http'],
    ['networking.k8s.io/v1', 'Ingress', 'spec.tls[0].secretName', 'wildcard-tls'],
  ])('acts on a %s %s itself, even when a workload owns it', (apiVersion, kind, path, value) => {
    const owner = object('apps/v1', 'StatefulSet', 'db', template);
    const target = object(
      apiVersion,
      kind,
      'data',
      { storageClassName: 'ssd', ports: [{ port: 80, targetPort: 8080 }], tls: [{ secretName: 'missing' }] },
      owner,
    );
    const plan = planFix(
      snapshotWith([owner, target], [owner, target]),
      symptomOf(target),
      runbookWith([{ setField: { path, value } }]),
    );
    expect(plan.target).toMatchObject({ kind, name: 'data', apiVersion });
    expect(plan.edits.map((edit) => edit.path)).toEqual([path]);
  });

  it('refuses a PVC the Application does not list, such as one a volumeClaimTemplate made', () => {
    const owner = object('apps/v1', 'StatefulSet', 'db', template);
    const claim = object('v1', 'PersistentVolumeClaim', 'data-db-0', { storageClassName: 'ssd' }, owner);
    const runbook = runbookWith([{ setField: { path: 'spec.storageClassName', value: 'gp3' } }]);
    expect(() => planFix(snapshotWith([owner, claim], [owner]), symptomOf(claim), runbook)).toThrow(
      'PersistentVolumeClaim shop/data-db-0 is not a resource of Application argocd/shop, so it is not in its Git source.',
    );
  });

  it('refuses a symptom whose object is not in the snapshot', () => {
    const ghost = object('v1', 'Pod', 'gone', spec);
    expect(() => planFix(snapshotWith([], []), symptomOf(ghost, { container: 'app' }), setTag)).toThrow(
      'Pod shop/gone is not in the cluster snapshot, so there is no object to change.',
    );
  });
});
