import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { comparisonErrorDetector } from '../../backend/src/detectors/comparison-error.js';
import type { ClusterSnapshot } from '../../backend/src/kube/snapshot.js';
import { objectsFromFiles, snapshotOf } from '../support/snapshot.js';

const applications = objectsFromFiles(
  fileURLToPath(new URL('./fixtures/comparison-error/applications.yaml', import.meta.url)),
);

function appSnapshot(name: string): ClusterSnapshot {
  const application = applications.find((object) => object.metadata?.name === name);
  if (!application) throw new Error(`no Application ${name}`);
  return snapshotOf([structuredClone(application)]);
}

describe('comparisonErrorDetector', () => {
  it('finds a helm template failure, quoting helm in the sentence and the whole message in the params', () => {
    const snapshot = appSnapshot('payments-api');
    const symptoms = comparisonErrorDetector.detect(snapshot);
    const condition = snapshot.application.status?.conditions?.[0]?.message;
    expect(symptoms).toEqual([
      {
        type: 'ComparisonError',
        resource: { group: 'argoproj.io', kind: 'Application', namespace: 'argocd', name: 'payments-api' },
        message:
          'Argo CD cannot render the manifests of Application argocd/payments-api: template: payments-api/templates/deployment.yaml:38:28: executing "payments-api/templates/deployment.yaml" at <.Values.resources.limits.memory>: nil pointer evaluating interface {}.memory.',
        params: { cause: 'ManifestGeneration', detail: condition },
        evidence: [
          expect.objectContaining({
            kind: 'status',
            field: 'status.conditions[0].message',
            value: condition,
          }),
          expect.objectContaining({ kind: 'status', field: 'status.sync.status', value: 'Unknown' }),
        ],
      },
    ]);
  });

  it.each([
    [
      'payments-worker',
      'ManifestGeneration',
      /^Argo CD cannot render the manifests of Application argocd\/payments-worker: accumulating resources: /,
    ],
    [
      'payments-ledger',
      'RepoUnreachable',
      /^Argo CD cannot fetch the source repository of Application argocd\/payments-ledger: failed to list refs: authentication required: Invalid username or token\. Password authentication is not supported for Git operations\.$/,
    ],
    [
      'payments-reports',
      'InvalidSpec',
      /^Application argocd\/payments-reports has an invalid spec: application destination server 'https:\/\/kubernetes\.default\.svc' and namespace 'payments' do not match any of the allowed destinations in project 'shop'\.$/,
    ],
    [
      'payments-edge',
      'Other',
      /^Argo CD cannot compare Application argocd\/payments-edge: Failed to load live state: failed to get cluster info for "https:\/\/10\.20\.0\.5:6443": /,
    ],
  ])('classifies the error of %s as %s', (name, cause, message) => {
    const [symptom, ...rest] = comparisonErrorDetector.detect(appSnapshot(name));
    expect(rest).toEqual([]);
    expect(symptom?.params.cause).toBe(cause);
    expect(symptom?.message).toMatch(message);
  });

  it('reports a repeated condition once and ignores warnings of other types', () => {
    const symptoms = comparisonErrorDetector.detect(appSnapshot('payments-edge'));
    expect(
      symptoms.map((symptom) => symptom.evidence[0]?.kind === 'status' && symptom.evidence[0].field),
    ).toEqual(['status.conditions[0].message']);
  });

  it('stays quiet for an app without comparison conditions', () => {
    const snapshot = appSnapshot('payments-api');
    if (snapshot.application.status) {
      snapshot.application.status.conditions = [
        {
          type: 'SharedResourceWarning',
          message: 'ConfigMap/payments-env is part of applications argocd/payments-api and payments-worker',
        },
      ];
      snapshot.application.status.sync = {
        status: 'Synced',
        revision: '8e1d3c5b7a9f0e2d4c6b8a0f1e3d5c7b9a1f3e5d',
      };
    }
    expect(comparisonErrorDetector.detect(snapshot)).toEqual([]);
  });
});
