import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { detectors } from '../../backend/src/detectors/index.js';
import type { Symptom } from '../../backend/src/detectors/symptom.js';
import { detectSymptoms } from '../../backend/src/diagnosis/detect.js';
import { rankSymptoms } from '../../backend/src/diagnosis/rank.js';
import type { Application } from '../../backend/src/kube/application.js';
import { buildSnapshot } from '../../backend/src/kube/build-snapshot.js';
import type { ConfigMap, ResourceRef } from '../../backend/src/kube/objects.js';
import { isRunbookConfigMap } from '../../backend/src/runbooks/catalog.js';
import type { ScopedApplication } from '../../backend/src/runbooks/match.js';
import { scenarioInputs, scenariosDir } from '../detectors/fixture-snapshot.js';

export const scenarioIds = readdirSync(scenariosDir).sort();

interface ScenarioSpec {
  target?: ResourceRef;
  expect: { primary: string | null; runbook?: string | null };
}

export interface ScenarioDiagnosis {
  spec: ScenarioSpec;
  /** Ranked, primary first, as the diagnosis pipeline orders them. */
  symptoms: Symptom[];
  runbookConfigMaps: ConfigMap[];
  app: ScopedApplication;
}

/** A recorded scenario diagnosed the way the pipeline does it: detect, drop explained Degraded, rank. */
export function diagnoseScenario(id: string): ScenarioDiagnosis {
  const spec = parse(readFileSync(join(scenariosDir, id, 'scenario.yaml'), 'utf8')) as ScenarioSpec;
  const { objects, logs } = scenarioInputs(id);
  const application = objects.find((object) => object.kind === 'Application') as Application | undefined;
  if (!application) throw new Error(`scenario ${id} has no Application`);
  const snapshot = buildSnapshot({
    capturedAt: '2026-11-17T09:00:00Z',
    application,
    ...(spec.target ? { target: spec.target } : {}),
    objects: objects.filter((object) => object.kind !== 'Application'),
    logs,
  });
  const detected = detectSymptoms(snapshot, detectors);
  return {
    spec,
    symptoms: rankSymptoms(snapshot, detected.symptoms),
    runbookConfigMaps: objects.filter(isRunbookConfigMap),
    app: {
      project: application.spec.project,
      name: application.metadata.name ?? '',
      namespace: application.spec.destination.namespace ?? '',
    },
  };
}
