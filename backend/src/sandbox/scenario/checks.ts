import type { Diagnosis } from '../../diagnosis/diagnosis.js';
import type { ScenarioSpec } from './schema.js';

export interface ScenarioCheck {
  name: string;
  ok: boolean;
  detail: string;
}

/** Compares a diagnosis with what scenario.yaml expects of it: the primary symptom, the symptoms, the runbook. */
export function diagnosisChecks(expect: ScenarioSpec['expect'], diagnosis: Diagnosis): ScenarioCheck[] {
  const found = diagnosis.symptoms.map((symptom) => symptom.type);
  const primary = diagnosis.primary?.type ?? null;
  const checks: ScenarioCheck[] = [
    {
      name: 'primary',
      ok: primary === expect.primary,
      detail: `expected ${expect.primary ?? 'no symptom'}, found ${primary ?? 'no symptom'}`,
    },
  ];
  if (expect.runbook !== undefined) {
    const chosen = diagnosis.runbook?.id ?? null;
    checks.push({
      name: 'runbook',
      ok: chosen === expect.runbook,
      detail: `expected ${expect.runbook ?? 'no runbook'}, matched ${chosen ?? 'none'}`,
    });
  }
  for (const type of expect.symptoms) {
    checks.push({
      name: `symptom ${type}`,
      ok: found.includes(type),
      detail: found.includes(type) ? 'detected' : `not detected (found: ${found.join(', ') || 'nothing'})`,
    });
  }
  return checks;
}
