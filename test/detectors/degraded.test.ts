import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { degradedDetector } from '../../backend/src/detectors/degraded.js';
import type { Application } from '../../backend/src/kube/application.js';
import type { ClusterSnapshot } from '../../backend/src/kube/snapshot.js';
import { objectsFromFiles, snapshotOf } from '../support/snapshot.js';

function catalog(change: (app: Application) => void = () => {}): ClusterSnapshot {
  const snapshot = snapshotOf(
    objectsFromFiles(fileURLToPath(new URL('./fixtures/degraded/application.yaml', import.meta.url))),
  );
  change(snapshot.application);
  return snapshot;
}

function healthyResources(app: Application): void {
  for (const resource of app.status?.resources ?? []) resource.health = { status: 'Healthy' };
}

describe('degradedDetector', () => {
  it('reports every Degraded resource in Argo CD words, ordered by group, kind, namespace and name', () => {
    const symptoms = degradedDetector.detect(catalog());
    expect(symptoms.map((symptom) => [symptom.resource, symptom.message, symptom.params])).toEqual([
      [
        { group: 'apps', kind: 'Deployment', namespace: 'catalog', name: 'catalog' },
        'Deployment catalog/catalog is Degraded: Deployment "catalog" exceeded its progress deadline.',
        { healthMessage: 'Deployment "catalog" exceeded its progress deadline', kind: 'Deployment' },
      ],
      [
        { group: 'apps', kind: 'StatefulSet', namespace: 'catalog', name: 'search-index' },
        'StatefulSet catalog/search-index is Degraded.',
        { healthMessage: '', kind: 'StatefulSet' },
      ],
    ]);
  });

  it("cites the Application's status and the live object's own warnings, not those of an older namesake", () => {
    const [deployment, statefulSet] = degradedDetector.detect(catalog());
    expect(deployment?.evidence.map((item) => item.id)).toEqual([
      'status:argoproj.io/Application/argocd/catalog:status.resources[2].health.message',
    ]);
    expect(statefulSet?.evidence.map((item) => item.id)).toEqual([
      'status:argoproj.io/Application/argocd/catalog:status.resources[1].health.status',
      'event:catalog/search-index.187a3c1d2e3f4a52',
    ]);
  });

  it('falls back to the Application when only its own health is Degraded', () => {
    const symptoms = degradedDetector.detect(
      catalog((app) => {
        healthyResources(app);
        if (app.status)
          app.status.health = { status: 'Degraded', message: 'Application has 1 degraded child app' };
      }),
    );
    expect(symptoms).toEqual([
      {
        type: 'Degraded',
        resource: { group: 'argoproj.io', kind: 'Application', namespace: 'argocd', name: 'catalog' },
        message: 'Application argocd/catalog is Degraded: Application has 1 degraded child app.',
        params: { healthMessage: 'Application has 1 degraded child app', kind: 'Application' },
        evidence: [
          expect.objectContaining({
            field: 'status.health.message',
            value: 'Application has 1 degraded child app',
          }),
        ],
      },
    ]);
  });

  it.each([
    ['all resources Healthy and the app Degraded without a message', healthyResources],
    [
      'a Progressing app',
      (app: Application) => {
        healthyResources(app);
        if (app.status) app.status.health = { status: 'Progressing', message: 'Waiting for rollout' };
      },
    ],
    [
      'an app with no status yet',
      (app: Application) => {
        delete app.status;
      },
    ],
  ])('stays quiet for %s', (_, change) => {
    expect(degradedDetector.detect(catalog(change))).toEqual([]);
  });
});
