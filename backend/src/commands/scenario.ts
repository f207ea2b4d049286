import { parseArgs } from 'node:util';
import { KubeConfig } from '@kubernetes/client-node';
import { DEFAULT_KUBE_LIMITS } from '../config.js';
import { detectors } from '../detectors/index.js';
import { diagnose } from '../diagnosis/diagnose.js';
import type { Diagnosis } from '../diagnosis/diagnosis.js';
import { kubeClients } from '../kube/clients.js';
import { gatherSnapshot } from '../kube/gather/index.js';
import { describeRef } from '../kube/objects.js';
import { loadRunbookCatalog } from '../runbooks/load.js';
import { diagnosisChecks, type ScenarioCheck } from '../sandbox/scenario/checks.js';
import { type ScenarioEnvironment, startScenarioEnvironment } from '../sandbox/scenario/environment.js';
import { readScenario, type Scenario } from '../sandbox/scenario/read-scenario.js';
import { UsageError } from './usage-error.js';

interface LoadedReport {
  objects: Record<string, number>;
  logs: number;
  commits: number;
  repository: { repoURL: string; branch: string; head: string };
}

export interface ScenarioReport {
  scenario: string;
  loaded: LoadedReport;
  symptoms: { type: string; resource: string; message: string }[];
  primary: string | null;
  runbook: string | null;
  alternatives: string[];
  plan: { object: string; path: string; from?: unknown; to: unknown }[] | null;
  revertLastChange: boolean;
  notes: string[];
  checks: ScenarioCheck[];
  ok: boolean;
}

function loadedReport(scenario: Scenario, environment: ScenarioEnvironment): LoadedReport {
  const objects: Record<string, number> = {};
  for (const { object } of scenario.objects)
    objects[object.kind ?? ''] = (objects[object.kind ?? ''] ?? 0) + 1;
  const repository = environment.repositories[0];
  return {
    objects,
    logs: scenario.logs.length,
    commits: scenario.trees.length,
    repository: {
      repoURL: repository?.repoURL ?? '',
      branch: repository?.branch ?? '',
      head: repository?.head ?? '',
    },
  };
}

/** A recorded incident happened when Argo CD last looked at it; time-based rules must see that moment. */
function recordedMoment(scenario: Scenario): Date {
  const status = scenario.application.status;
  const moment = status?.reconciledAt ?? status?.operationState?.finishedAt;
  return moment ? new Date(moment) : new Date();
}

export async function diagnoseScenario(
  scenario: Scenario,
  environment: ScenarioEnvironment,
): Promise<Diagnosis> {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(environment.kubeconfig);
  const kube = kubeClients(kubeConfig);
  const [namespace = '', name = ''] = scenario.spec.application.split('/');
  const { diagnosis } = await diagnose(
    () =>
      gatherSnapshot({
        control: kube,
        argocdNamespace: namespace,
        application: { namespace, name },
        ...(scenario.spec.target ? { target: scenario.spec.target } : {}),
        limits: DEFAULT_KUBE_LIMITS,
        readSecretKeys: true,
        now: () => recordedMoment(scenario),
      }),
    { detectors, runbooks: await loadRunbookCatalog(kube, [namespace]), stopwatch: () => performance.now() },
  );
  return diagnosis;
}

/** Loads a scenario into a fresh sandbox, diagnoses its app with the backend's own pipeline, checks expect. */
export async function runScenario(dir: string): Promise<ScenarioReport> {
  const scenario = await readScenario(dir);
  const environment = await startScenarioEnvironment([scenario]);
  try {
    const diagnosis = await diagnoseScenario(scenario, environment);
    const checks = diagnosisChecks(scenario.spec.expect, diagnosis);
    return {
      scenario: scenario.id,
      loaded: loadedReport(scenario, environment),
      symptoms: diagnosis.symptoms.map((symptom) => ({
        type: symptom.type,
        resource: describeRef(symptom.resource),
        message: symptom.message,
      })),
      primary: diagnosis.primary?.type ?? null,
      runbook: diagnosis.runbook?.id ?? null,
      alternatives: diagnosis.runbook?.alternatives.map((alternative) => alternative.id) ?? [],
      plan:
        diagnosis.plan?.edits.map((edit) => ({
          object: describeRef(edit.object),
          path: edit.path,
          ...(edit.from === undefined ? {} : { from: edit.from }),
          to: edit.to,
        })) ?? null,
      revertLastChange: diagnosis.plan?.revertLastChange ?? false,
      notes: diagnosis.notes,
      checks,
      ok: checks.every((check) => check.ok),
    };
  } finally {
    await environment.close();
  }
}

function describePlan(report: ScenarioReport): string[] {
  if (report.revertLastChange) return ['  revert the newest commit that touched the app’s source path'];
  return (report.plan ?? []).map(
    (edit) =>
      `  ${edit.object} ${edit.path}: ${edit.from === undefined ? '(absent)' : JSON.stringify(edit.from)} → ${JSON.stringify(edit.to)}`,
  );
}

function describeReport(report: ScenarioReport): string {
  const kinds = Object.entries(report.loaded.objects)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, count]) => `${count} ${kind}`)
    .join(', ');
  const passed = report.checks.filter((check) => check.ok).length;
  return [
    `scenario ${report.scenario}`,
    `  loaded ${kinds}; ${report.loaded.logs} container logs`,
    `  repository ${report.loaded.repository.repoURL} (${report.loaded.repository.branch}): ${report.loaded.commits} commits, head ${report.loaded.repository.head.slice(0, 12)}`,
    'symptoms, primary first:',
    ...(report.symptoms.length
      ? report.symptoms.map((symptom, position) => `  ${position + 1}. ${symptom.type}: ${symptom.message}`)
      : ['  none']),
    `runbook: ${report.runbook ?? 'none matched'}${report.alternatives.length ? ` (alternatives: ${report.alternatives.join(', ')})` : ''}`,
    ...(report.plan ? ['fix plan:', ...describePlan(report)] : []),
    ...(report.notes.length ? ['notes:', ...report.notes.map((note) => `  ${note}`)] : []),
    'checks:',
    ...report.checks.map((check) => `  ${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}`),
    `${report.ok ? 'ok' : 'FAILED'}: ${passed} of ${report.checks.length} checks passed`,
    '',
  ].join('\n');
}

/** `argocd-ai-sre scenario <dir> [--json]`: exit 0 when every check passes, 1 when one fails. */
export async function scenarioCommand(args: readonly string[], out: NodeJS.WritableStream): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { json: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const [dir, ...extra] = positionals;
  if (!dir || extra.length > 0) throw new UsageError('scenario takes exactly one scenario directory');
  const report = await runScenario(dir);
  out.write(values.json ? `${JSON.stringify(report)}\n` : describeReport(report));
  return report.ok ? 0 : 1;
}
