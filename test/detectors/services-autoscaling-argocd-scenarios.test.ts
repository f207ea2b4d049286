import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { comparisonErrorDetector } from '../../backend/src/detectors/comparison-error.js';
import { degradedDetector } from '../../backend/src/detectors/degraded.js';
import { hpaMetricsUnavailableDetector } from '../../backend/src/detectors/hpa-metrics-unavailable.js';
import { ingressMisconfiguredDetector } from '../../backend/src/detectors/ingress-misconfigured.js';
import { serviceNoEndpointsDetector } from '../../backend/src/detectors/service-no-endpoints.js';
import type { Symptom } from '../../backend/src/detectors/symptom.js';
import { syncFailedDetector } from '../../backend/src/detectors/sync-failed.js';
import type { ContainerLog } from '../../backend/src/kube/snapshot.js';
import { logOf, objectsFromFiles, snapshotOf } from '../support/snapshot.js';

const groupDetectors = [
  serviceNoEndpointsDetector,
  ingressMisconfiguredDetector,
  hpaMetricsUnavailableDetector,
  syncFailedDetector,
  comparisonErrorDetector,
  degradedDetector,
];
const groupTypes = new Set<string>(groupDetectors.map((detector) => detector.type));
const scenariosDir = fileURLToPath(new URL('../scenarios/', import.meta.url));

/** logs/<namespace>/<pod>/<container>[.previous].log, as FORMAT.md lays them out. */
function scenarioLogs(dir: string): ContainerLog[] {
  const root = join(dir, 'logs');
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((namespace) =>
    readdirSync(join(root, namespace)).flatMap((pod) =>
      readdirSync(join(root, namespace, pod)).map((file) => {
        const previous = file.endsWith('.previous.log');
        const container = file.replace(previous ? /\.previous\.log$/ : /\.log$/, '');
        return logOf(
          namespace,
          pod,
          container,
          readFileSync(join(root, namespace, pod, file), 'utf8'),
          previous,
        );
      }),
    ),
  );
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => join(dir, file));
}

function scenarioExpect(id: string): { primary: string; symptoms: string[] } {
  const scenario = parse(readFileSync(join(scenariosDir, id, 'scenario.yaml'), 'utf8')) as {
    expect: { primary: string; symptoms: string[] };
  };
  return scenario.expect;
}

/** Runs this group's detectors on a scenario's cluster/ (or healed/) objects and its logs. */
function detect(id: string, state: 'cluster' | 'healed' = 'cluster'): Symptom[] {
  const dir = join(scenariosDir, id);
  const snapshot = snapshotOf(objectsFromFiles(...yamlFiles(join(dir, state))), { logs: scenarioLogs(dir) });
  return groupDetectors.flatMap((detector) => detector.detect(snapshot));
}

describe.each([
  {
    id: 'service-selector-mismatch',
    resource: { group: '', kind: 'Service', namespace: 'storefront', name: 'cart' },
    params: {
      cause: 'NoMatchingPods',
      selector: 'app.kubernetes.io/instance=storefront,app.kubernetes.io/name=cart',
      matchingPods: 0,
      readyPods: 0,
    },
    message: /no pod matches its selector/,
  },
  {
    id: 'ingress-missing-tls-secret',
    resource: { group: 'networking.k8s.io', kind: 'Ingress', namespace: 'marketing', name: 'marketing-site' },
    params: { cause: 'MissingTLSSecret', secret: 'www-example-com-tls', host: 'www.example.com' },
    message: /Secret www-example-com-tls, which does not exist in namespace marketing/,
  },
  {
    id: 'sync-failed-immutable-selector',
    resource: { group: 'apps', kind: 'Deployment', namespace: 'payments', name: 'ledger' },
    params: { cause: 'ImmutableField', phase: 'Failed', revision: 'HEAD' },
    message: /modifies spec\.selector, which cannot change/,
  },
  {
    id: 'comparison-error-helm-values',
    resource: { group: 'argoproj.io', kind: 'Application', namespace: 'argocd', name: 'checkout' },
    params: { cause: 'ManifestGeneration' },
    message: /range can't iterate over checkout\.shop\.example\.com\.$/,
  },
  {
    id: 'hpa-missing-cpu-request',
    resource: {
      group: 'autoscaling',
      kind: 'HorizontalPodAutoscaler',
      namespace: 'search',
      name: 'search-api',
    },
    params: {
      reason: 'FailedGetResourceMetric',
      metric: 'cpu',
      target: 'Deployment/search-api',
      missingRequests: true,
      container: 'api',
    },
    message: /container api of its pods has no cpu request/,
  },
])('scenario $id', ({ id, resource, params, message }) => {
  const expected = scenarioExpect(id);
  const symptoms = detect(id);

  it('finds the expected primary symptom on the resource at fault', () => {
    const primary = symptoms.filter((symptom) => symptom.type === expected.primary);
    expect(primary).toHaveLength(1);
    expect(primary[0]?.resource).toEqual(resource);
    expect(primary[0]?.params).toMatchObject(params);
    expect(primary[0]?.message).toMatch(message);
  });

  it("finds none of this group's other types beyond what the scenario expects", () => {
    const expectedTypes = expected.symptoms.filter((type) => groupTypes.has(type)).sort();
    expect([...new Set(symptoms.map((symptom) => symptom.type))].sort()).toEqual(expectedTypes);
  });
});

it.each(['ingress-missing-tls-secret', 'comparison-error-helm-values', 'hpa-missing-cpu-request'])(
  'finds nothing in scenario %s once the fix has healed it',
  (id) => {
    expect(detect(id, 'healed')).toEqual([]);
  },
);
