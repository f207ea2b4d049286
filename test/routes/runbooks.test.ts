import { join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argocdHeaders, startBackend, type TestBackend } from '../support/backend.js';

const scenarios = join(import.meta.dirname, '..', 'scenarios');

/** A runbook ConfigMap as a platform team would apply it. */
function runbookConfigMap(name: string, data: Record<string, string>) {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'argocd', labels: { 'argocd-ai-sre/runbook': 'true' } },
    data,
  };
}

const mirrorToC = `id: registry-a-to-c
symptom:
  type: ImagePullBackOff
  when: {registry: registry-a.example.com, cause: Unreachable}
solution:
  actions:
    - setImageRegistry: {from: registry-a.example.com, to: registry-c.example.com}
`;

describe('runbooks in the API', () => {
  let backend: TestBackend;
  let core: CoreV1Api;

  beforeAll(async () => {
    backend = await startBackend([
      join(scenarios, 'image-registry-mirror'),
      join(scenarios, 'oom-raise-memory'),
    ]);
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(backend.environment.kubeconfig);
    core = kubeConfig.makeApiClient(CoreV1Api);
  });
  afterAll(async () => backend.close());

  const diagnose = async (application: string) => {
    const response = await fetch(`${backend.url}/api/v1/diagnoses`, {
      method: 'POST',
      headers: argocdHeaders(application),
      body: '{}',
    });
    expect(response.status).toBe(200);
    return response.json();
  };

  it('includes the matched runbook, its alternatives and the fix plan in a diagnosis', async () => {
    const diagnosis = await diagnose('argocd/shop-web');
    expect(diagnosis.runbook).toMatchObject({
      id: 'registry-a-to-b',
      automation: 'auto',
      symptom: 0,
      source: { namespace: 'argocd', configMap: 'runbooks-registry', key: 'registry-a-to-b.yaml' },
    });
    expect(diagnosis.plan).toMatchObject({
      runbook: 'registry-a-to-b',
      target: { group: 'apps', kind: 'Deployment', namespace: 'shop', name: 'web' },
      revertLastChange: false,
    });
    expect(diagnosis.plan.edits).toEqual([
      expect.objectContaining({
        path: 'spec.template.spec.containers[name=web].image',
        from: 'registry-a.example.com/shop/web:1.4.2',
        to: 'registry-b.example.com/shop/web:1.4.2',
      }),
    ]);
  });

  it('lists the runbooks that apply to the app, and the problems of those that do not parse', async () => {
    const response = await fetch(`${backend.url}/api/v1/runbooks`, {
      headers: argocdHeaders('argocd/image-resizer'),
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.runbooks.map((runbook: { id: string }) => runbook.id)).toEqual(
      expect.arrayContaining(['oom-double-memory-limit', 'registry-a-to-b']),
    );
    expect(body.problems).toEqual([]);
  });

  it('takes a runbook edit into account at the next diagnosis, and reports an invalid one as a Warning Event', async () => {
    await core.createNamespacedConfigMap({
      namespace: 'argocd',
      body: runbookConfigMap('runbooks-mirror-c', {
        'registry-a-to-c.yaml': mirrorToC,
        'broken.yaml':
          'id: broken\nsymptom: {type: ImagePullBackOff}\nsolution:\n  actions:\n    - setImageRegistry: {from: a.example.com}\n',
      }),
    });
    await expect
      .poll(async () => (await diagnose('argocd/shop-web')).runbook?.id, { timeout: 2000, interval: 100 })
      .toBe('registry-a-to-c');
    const diagnosis = await diagnose('argocd/shop-web');
    expect(diagnosis.runbook.alternatives.map((runbook: { id: string }) => runbook.id)).toEqual([
      'registry-a-to-b',
    ]);

    const listing = await fetch(`${backend.url}/api/v1/runbooks`, {
      headers: argocdHeaders('argocd/shop-web'),
    });
    const { problems } = await listing.json();
    expect(problems).toEqual([
      expect.objectContaining({
        description: 'runbooks-mirror-c/broken.yaml: solution.actions[0].setImageRegistry.to: required',
      }),
    ]);
    await expect
      .poll(async () => {
        const events = await core.listNamespacedEvent({
          namespace: 'argocd',
          fieldSelector: 'involvedObject.kind=ConfigMap,involvedObject.name=runbooks-mirror-c',
        });
        return events.items.map((event) => [event.type, event.reason, event.message]);
      })
      .toEqual([
        [
          'Warning',
          'InvalidRunbook',
          'runbooks-mirror-c/broken.yaml: solution.actions[0].setImageRegistry.to: required',
        ],
      ]);

    await core.deleteNamespacedConfigMap({ namespace: 'argocd', name: 'runbooks-mirror-c' });
    await expect
      .poll(async () => (await diagnose('argocd/shop-web')).runbook?.id, { timeout: 2000, interval: 100 })
      .toBe('registry-a-to-b');
  });
});
