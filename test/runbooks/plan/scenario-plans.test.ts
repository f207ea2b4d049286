import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectors } from '../../../backend/src/detectors/index.js';
import type { SymptomType } from '../../../backend/src/detectors/symptom.js';
import { detectSymptoms } from '../../../backend/src/diagnosis/detect.js';
import type { ConfigMap } from '../../../backend/src/kube/objects.js';
import { describeRef } from '../../../backend/src/kube/objects.js';
import { parseRunbookConfigMaps } from '../../../backend/src/runbooks/parse.js';
import { type FixPlan, PlanError, planFix } from '../../../backend/src/runbooks/plan/index.js';
import { scenarioSnapshot, scenariosDir } from '../../detectors/fixture-snapshot.js';
import { objectsFromFiles } from '../../support/snapshot.js';

/** The plan of a runbook (of this scenario, or another) for the scenario's detected symptom of the given type. */
function scenarioPlan(
  scenario: string,
  runbookId: string,
  type: SymptomType,
  runbooksOf = scenario,
): FixPlan {
  const snapshot = scenarioSnapshot(scenario);
  const symptom = detectSymptoms(snapshot, detectors).symptoms.find((candidate) => candidate.type === type);
  if (!symptom) throw new Error(`${scenario}: no ${type} symptom detected`);
  const configMaps = objectsFromFiles(
    join(scenariosDir, runbooksOf, 'cluster', 'runbooks.yaml'),
  ) as ConfigMap[];
  const runbook = parseRunbookConfigMaps(configMaps).runbooks.find((candidate) => candidate.id === runbookId);
  if (!runbook) throw new Error(`${scenario}: no valid runbook ${runbookId}`);
  return planFix(snapshot, symptom, runbook);
}

interface Expected {
  target: string;
  edits: [path: string, from: unknown, to: unknown][];
  revert?: boolean;
}

const container = (name: string, init = false) =>
  `spec.template.spec.${init ? 'initContainers' : 'containers'}[name=${name}]`;

// The runbook each scenario expects to match, then runbooks of the same scenarios applied to
// symptoms they were not written for: planning does not check `when`, so these exercise the
// actions on real objects (an init container, a CronJob, a ReplicaSet's owner, a Service).
const plans: [scenario: string, runbook: string, symptom: SymptomType, expected: Expected][] = [
  [
    'image-registry-mirror',
    'registry-a-to-b',
    'ImagePullBackOff',
    {
      target: 'Deployment shop/web',
      edits: [
        [
          `${container('web')}.image`,
          'registry-a.example.com/shop/web:1.4.2',
          'registry-b.example.com/shop/web:1.4.2',
        ],
      ],
    },
  ],
  [
    'oom-raise-memory',
    'oom-double-memory-limit',
    'OOMKilled',
    {
      target: 'Deployment imaging/image-resizer',
      edits: [[`${container('resizer')}.resources.limits.memory`, '256Mi', '512Mi']],
    },
  ],
  [
    'evicted-ephemeral-storage',
    'ephemeral-storage-for-scratch-writers',
    'Evicted',
    {
      target: 'Deployment media/media-transcoder',
      edits: [
        [`${container('transcoder')}.resources.requests.ephemeral-storage`, undefined, '10Gi'],
        [`${container('transcoder')}.resources.limits.ephemeral-storage`, undefined, '40Gi'],
      ],
    },
  ],
  [
    'hpa-missing-cpu-request',
    'hpa-cpu-request-default',
    'HPAMetricsUnavailable',
    {
      target: 'Deployment search/search-api',
      edits: [[`${container('api')}.resources.requests.cpu`, undefined, '250m']],
    },
  ],
  [
    'pvc-missing-storageclass',
    'retired-ssd-storage-class',
    'PVCPending',
    { target: 'PersistentVolumeClaim ledger/ledger-data', edits: [['spec.storageClassName', 'ssd', 'gp3']] },
  ],
  [
    'readiness-wrong-port',
    'storefront-readiness-http-port',
    'ProbeFailed',
    {
      target: 'Deployment web/storefront',
      edits: [[`${container('storefront')}.readinessProbe.httpGet.port`, 8081, 8080]],
    },
  ],
  [
    'unschedulable-insufficient-memory',
    'cap-memory-request-general-pool',
    'Unschedulable',
    {
      target: 'Deployment analytics/analytics-api',
      edits: [[`${container('analytics-api')}.resources.requests.memory`, '12Gi', '3Gi']],
    },
  ],
  [
    'ingress-missing-tls-secret',
    'use-wildcard-certificate',
    'IngressMisconfigured',
    {
      target: 'Ingress marketing/marketing-site',
      edits: [['spec.tls[0].secretName', 'www-example-com-tls', 'wildcard-example-com-tls']],
    },
  ],
  [
    'comparison-error-helm-values',
    'revert-broken-render',
    'ComparisonError',
    { target: 'Application argocd/checkout', edits: [], revert: true },
  ],
  [
    'run-entrypoint-not-found',
    'revert-missing-entrypoint',
    'RunContainerError',
    { target: 'Deployment reporting/report-worker', edits: [], revert: true },
  ],
  [
    'sync-failed-immutable-selector',
    'revert-invalid-manifest',
    'SyncFailed',
    { target: 'Deployment payments/ledger', edits: [], revert: true },
  ],
  [
    'cronjob-backoff-limit',
    'batch-deadline-raise',
    'JobFailed',
    {
      target: 'CronJob reports/nightly-report',
      edits: [['spec.jobTemplate.spec.activeDeadlineSeconds', 3600, 7200]],
    },
  ],
  [
    'init-migration-failed',
    'wait-for-db-timeout',
    'InitContainerFailed',
    {
      target: 'Deployment inventory/inventory-api',
      edits: [[`${container('migrate', true)}.env[name=WAIT_TIMEOUT].value`, undefined, '300s']],
    },
  ],
  [
    'quota-exceeded-failedcreate',
    'serviceaccount-missing-use-default',
    'FailedCreate',
    {
      target: 'Deployment payouts/payouts-api',
      edits: [['spec.template.spec.serviceAccountName', undefined, 'default']],
    },
  ],
  [
    'evicted-ephemeral-storage',
    'evicted-memory-raise-request',
    'Evicted',
    {
      target: 'Deployment media/media-transcoder',
      edits: [[`${container('transcoder')}.resources.requests.memory`, '1Gi', '2Gi']],
    },
  ],
  [
    'readiness-wrong-port',
    'liveness-slow-start',
    'ProbeFailed',
    {
      target: 'Deployment web/storefront',
      edits: [[`${container('storefront')}.livenessProbe.initialDelaySeconds`, 15, 60]],
    },
  ],
  [
    'image-registry-mirror',
    'oom-double-memory',
    'ImagePullBackOff',
    {
      target: 'Deployment shop/web',
      edits: [[`${container('web')}.resources.limits.memory`, '256Mi', '512Mi']],
    },
  ],
  [
    'crashloop-missing-env-no-runbook',
    'notify-oom-raise-limit',
    'CrashLoopBackOff',
    {
      target: 'Deployment notifications/notifier',
      edits: [[`${container('notifier')}.resources.limits.memory`, '192Mi', '384Mi']],
    },
  ],
];

describe('plans on recorded scenarios', () => {
  it.each(plans)('%s: %s for %s', (scenario, runbook, type, expected) => {
    const plan = scenarioPlan(scenario, runbook, type);
    expect(describeRef(plan.target)).toBe(expected.target);
    expect(plan.edits.map((edit) => [edit.path, edit.from, edit.to])).toEqual(expected.edits);
    expect(plan.revertLastChange).toBe(expected.revert ?? false);
    expect(plan.edits.every((edit) => edit.object === plan.target)).toBe(true);
  });

  it('refuses a registry move for an image of another registry', () => {
    expect(() =>
      scenarioPlan('oom-raise-memory', 'registry-a-to-b', 'OOMKilled', 'image-registry-mirror'),
    ).toThrow(
      new PlanError(
        'setImageRegistry: container resizer of Deployment imaging/image-resizer pulls registry.example.com/imaging/image-resizer:1.9.3 from registry.example.com, not from registry-a.example.com.',
      ),
    );
  });

  it.each<[string, string, SymptomType, string]>([
    [
      'image-registry-mirror',
      'registry-a-to-b',
      'ProgressDeadlineExceeded',
      'setImageRegistry: the symptom names no container; the action must name one with container: for Deployment shop/web.',
    ],
    [
      'readiness-wrong-port',
      'readiness-healthz-path',
      'ProbeFailed',
      'Deployment web/storefront already has what runbook readiness-healthz-path sets; there is nothing to change.',
    ],
    [
      'service-selector-mismatch',
      'service-targetport-http',
      'ServiceNoEndpoints',
      'Service storefront/cart already has what runbook service-targetport-http sets; there is nothing to change.',
    ],
  ])('%s: %s for %s cannot apply', (scenario, runbook, type, message) => {
    expect(() => scenarioPlan(scenario, runbook, type)).toThrow(new PlanError(message));
  });
});
