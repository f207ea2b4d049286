import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { syncFailedDetector } from '../../backend/src/detectors/sync-failed.js';
import type { Application } from '../../backend/src/kube/application.js';
import type { KubeObject } from '../../backend/src/kube/objects.js';
import type { ClusterSnapshot } from '../../backend/src/kube/snapshot.js';
import { objectsFromFiles, snapshotOf } from '../support/snapshot.js';

/** The snapshot of one Application of a fixture file, with the file's other objects (its events). */
function appSnapshot(
  file: string,
  name: string,
  change: (app: Application) => void = () => {},
): ClusterSnapshot {
  const objects = objectsFromFiles(fileURLToPath(new URL(`./fixtures/sync-failed/${file}`, import.meta.url)));
  const application = objects.find(
    (object) => object.kind === 'Application' && object.metadata?.name === name,
  );
  if (!application) throw new Error(`no Application ${name} in ${file}`);
  change(application as unknown as Application);
  return snapshotOf([application, ...objects.filter((object: KubeObject) => object.kind !== 'Application')]);
}

const appRef = (name: string) => ({ group: 'argoproj.io', kind: 'Application', namespace: 'argocd', name });

describe('syncFailedDetector', () => {
  it('finds the Deployment a typo made invalid, with the operation, its message and the controller event', () => {
    const symptoms = syncFailedDetector.detect(appSnapshot('invalid-manifest.yaml', 'shop-web'));
    expect(symptoms).toHaveLength(1);
    const detail =
      'error validating data: ValidationError(Deployment.spec.template.spec.containers[0]): unknown field "imagePullPolicyy" in io.k8s.api.core.v1.Container; if you choose to ignore these errors, turn validation off with --validate=false';
    expect(symptoms[0]).toMatchObject({
      type: 'SyncFailed',
      resource: { group: 'apps', kind: 'Deployment', namespace: 'shop', name: 'web' },
      params: {
        cause: 'InvalidManifest',
        phase: 'Failed',
        revision: '9c1e4b7a2f3d5e6c8b0a1d2e3f4a5b6c7d8e9f0a',
        detail,
      },
    });
    expect(symptoms[0]?.message).toBe(
      'Argo CD could not sync Deployment shop/web: the API server rejected the manifest as invalid: error validating data: ValidationError(Deployment.spec.template.spec.containers[0]): unknown field "imagePullPolicyy" in io.k8s.api.core.v1.Container.',
    );
    expect(symptoms[0]?.evidence.map((item) => item.id)).toEqual([
      'status:argoproj.io/Application/argocd/shop-web:status.operationState.syncResult.resources[1].message',
      'status:argoproj.io/Application/argocd/shop-web:status.operationState.message',
      'event:argocd/shop-web.187a2e4f5a6b7c01',
    ]);
  });

  it('makes one symptom per rejected resource, in a stable order, sharing the SyncError condition', () => {
    const symptoms = syncFailedDetector.detect(appSnapshot('missing-namespace.yaml', 'shop-staging'));
    expect(symptoms.map((symptom) => symptom.resource)).toEqual([
      { group: '', kind: 'Service', namespace: 'shop-staging', name: 'web' },
      { group: 'apps', kind: 'Deployment', namespace: 'shop-staging', name: 'web' },
    ]);
    for (const symptom of symptoms) {
      expect(symptom.params).toEqual({
        cause: 'MissingNamespace',
        phase: 'Failed',
        revision: '4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a',
        detail: 'namespaces "shop-staging" not found',
      });
      expect(symptom.evidence).toContainEqual(
        expect.objectContaining({
          field: 'status.conditions[0].message',
          value: expect.stringContaining('retried 5 times'),
        }),
      );
    }
    expect(symptoms[0]?.message).toBe(
      'Argo CD could not sync Service shop-staging/web: its namespace shop-staging does not exist.',
    );
  });

  it.each([
    {
      app: 'monitoring-web',
      resource: { group: 'monitoring.coreos.com', kind: 'ServiceMonitor', namespace: 'shop', name: 'web' },
      cause: 'MissingCRD',
      message:
        'Argo CD could not sync ServiceMonitor shop/web: the cluster does not know its kind (the CRD is not installed).',
    },
    {
      app: 'shop-rbac',
      resource: { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'shop-reader' },
      cause: 'ProjectDenied',
      message: 'Argo CD could not sync ClusterRole shop-reader: the Argo CD project shop does not permit it.',
    },
    {
      app: 'shop-db',
      resource: { group: 'batch', kind: 'Job', namespace: 'shop', name: 'db-migrate' },
      cause: 'Other',
      message: 'Argo CD could not sync Job shop/db-migrate: Job has reached the specified backoff limit.',
    },
  ])('classifies the failure of $app as $cause', ({ app, resource, cause, message }) => {
    const [symptom, ...rest] = syncFailedDetector.detect(appSnapshot('other-failures.yaml', app));
    expect(rest).toEqual([]);
    expect(symptom?.resource).toEqual(resource);
    expect(symptom?.params.cause).toBe(cause);
    expect(symptom?.message).toBe(message);
  });

  it.each([
    [
      'the immutable field it names',
      'Deployment.apps "ledger" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app.kubernetes.io/name":"ledger"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
      'ImmutableField',
      'the change modifies spec.selector, which cannot change once the object exists.',
    ],
    [
      'a Service clusterIP that may not change',
      'Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"None"}: may not change once set',
      'ImmutableField',
      'the change modifies spec.clusterIPs[0], which cannot change once the object exists.',
    ],
    [
      'a StatefulSet spec change',
      "StatefulSet.apps \"db\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      'ImmutableField',
      'the change modifies a field, which cannot change once the object exists.',
    ],
    [
      'a kind the API server does not serve',
      'the server could not find the requested resource',
      'MissingCRD',
      'the cluster does not know its kind (the CRD is not installed).',
    ],
    [
      'a strict decoding error',
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolicyy"',
      'InvalidManifest',
      'the API server rejected the manifest as invalid: Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolicyy".',
    ],
  ])('explains %s', (_, detail, cause, ending) => {
    const snapshot = appSnapshot('invalid-manifest.yaml', 'shop-web', (app) => {
      const result = app.status?.operationState?.syncResult?.resources?.[1];
      if (result) result.message = detail;
    });
    const [symptom] = syncFailedDetector.detect(snapshot);
    expect(symptom?.params).toMatchObject({ cause, detail });
    expect(symptom?.message).toBe(`Argo CD could not sync Deployment shop/web: ${ending}`);
  });

  it('falls back to the Application when an errored operation names no resource', () => {
    const [symptom, ...rest] = syncFailedDetector.detect(appSnapshot('application-level.yaml', 'shop-api'));
    expect(rest).toEqual([]);
    expect(symptom?.resource).toEqual(appRef('shop-api'));
    expect(symptom?.params).toMatchObject({ cause: 'Other', phase: 'Error' });
    expect(symptom?.params).not.toHaveProperty('revision');
    expect(symptom?.message).toMatch(
      /^Argo CD could not sync Application argocd\/shop-api: ComparisonError: /,
    );
  });

  it('reports a SyncError condition on an app whose last operation succeeded, for the revision it names', () => {
    const [symptom, ...rest] = syncFailedDetector.detect(
      appSnapshot('application-level.yaml', 'shop-legacy'),
    );
    expect(rest).toEqual([]);
    expect(symptom?.params).not.toHaveProperty('phase');
    expect(symptom).toMatchObject({
      resource: appRef('shop-legacy'),
      params: {
        cause: 'Other',
        revision: '6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a',
        detail:
          'Skipping sync attempt to 6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a: auto-sync will wipe out all resources',
      },
      message:
        'Argo CD could not sync Application argocd/shop-legacy: Skipping sync attempt to 6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a: auto-sync will wipe out all resources.',
    });
  });

  it.each([
    [
      'a succeeded sync',
      (app: Application) => {
        if (app.status) app.status.conditions = [];
      },
    ],
    [
      'a sync still running its first attempt',
      (app: Application) => {
        const operation = app.status?.operationState;
        if (app.status) app.status.conditions = [];
        if (operation) {
          operation.phase = 'Running';
          operation.message = 'waiting for healthy state of apps/Deployment/legacy';
        }
      },
    ],
    [
      'an app that never synced',
      (app: Application) => {
        if (app.status) {
          delete app.status.operationState;
          delete app.status.conditions;
        }
      },
    ],
  ])('stays quiet for %s', (_, change) => {
    expect(syncFailedDetector.detect(appSnapshot('application-level.yaml', 'shop-legacy', change))).toEqual(
      [],
    );
  });
});
