import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { detectors } from '../../../backend/src/detectors/index.js';
import { diagnoseSnapshot } from '../../../backend/src/diagnosis/diagnose.js';
import type { Diagnosis } from '../../../backend/src/diagnosis/diagnosis.js';
import type { Application } from '../../../backend/src/kube/application.js';
import { buildSnapshot } from '../../../backend/src/kube/build-snapshot.js';
import type { ConfigMap, ResourceRef } from '../../../backend/src/kube/objects.js';
import type { ClusterSnapshot } from '../../../backend/src/kube/snapshot.js';
import type { RunbookCatalog } from '../../../backend/src/runbooks/catalog.js';
import { isRunbookConfigMap } from '../../../backend/src/runbooks/catalog.js';
import { parseRunbookConfigMaps } from '../../../backend/src/runbooks/parse.js';
import { scenarioInputs, scenariosDir } from '../../detectors/fixture-snapshot.js';

export interface ScenarioCase {
  snapshot: ClusterSnapshot;
  runbooks: RunbookCatalog;
  diagnosis: Diagnosis;
}

/** A ConfigMap holding runbooks given as YAML texts, one per key. */
export function runbookConfigMap(runbooks: Record<string, string>): ConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'runbooks-extra', namespace: 'argocd', labels: { 'argocd-ai-sre/runbook': 'true' } },
    data: runbooks,
  };
}

/** A recorded scenario diagnosed offline, the way the pipeline does it, with extra runbooks when given. */
export function scenarioCase(id: string, extraRunbooks: readonly ConfigMap[] = []): ScenarioCase {
  const { objects, logs } = scenarioInputs(id);
  const spec = parse(readFileSync(join(scenariosDir, id, 'scenario.yaml'), 'utf8')) as {
    target?: ResourceRef;
  };
  const application = objects.find((object) => object.kind === 'Application') as Application | undefined;
  if (!application) throw new Error(`scenario ${id} has no Application`);
  const snapshot = buildSnapshot({
    capturedAt: '2026-11-24T15:00:00Z',
    application,
    ...(spec.target ? { target: spec.target } : {}),
    objects: objects.filter((object) => object.kind !== 'Application'),
    logs,
  });
  const runbooks = parseRunbookConfigMaps([...objects.filter(isRunbookConfigMap), ...extraRunbooks]);
  const diagnosis = diagnoseSnapshot(snapshot, { detectors, runbooks, stopwatch: () => 0 });
  return { snapshot, runbooks, diagnosis };
}
