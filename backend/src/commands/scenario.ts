import { parseArgs } from 'node:util';
import { KubeConfig } from '@kubernetes/client-node';
import { DEFAULT_KUBE_LIMITS } from '../config.js';
import { detectors } from '../detectors/index.js';
import { diagnose } from '../diagnosis/diagnose.js';
import type { Diagnosis } from '../diagnosis/diagnosis.js';
import { diagnoseWithLlm } from '../diagnosis/llm-step.js';
import type { CommitResult } from '../gitops/index.js';
import { type KubeClients, kubeClients } from '../kube/clients.js';
import { gatherSnapshot } from '../kube/gather/index.js';
import { describeRef } from '../kube/objects.js';
import type { ClusterSnapshot } from '../kube/snapshot.js';
import { loadLlmConfig } from '../llm/config.js';
import { createLlmService, type LlmService } from '../llm/service.js';
import { loadRunbookCatalog } from '../runbooks/load.js';
import { diagnosisChecks, fixChecks, type ScenarioCheck } from '../sandbox/scenario/checks.js';
import { type ScenarioEnvironment, startScenarioEnvironment } from '../sandbox/scenario/environment.js';
import { readScenario, type Scenario } from '../sandbox/scenario/read-scenario.js';
import { type FixOptions, runFix } from './scenario-fix.js';
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
  /** The plan as a change to the app's repository, as the Git writer proposes it. */
  proposal: { changes: { file: string; diff: string }[] } | null;
  /** With --apply: where the change was committed. */
  commit?: CommitResult;
  /** With --llm: the model's explanation, and how its questions went. */
  explanation?: Diagnosis['explanation'] | null;
  llm?: Diagnosis['llm'] | null;
  notes: string[];
  checks: ScenarioCheck[];
  ok: boolean;
}

export interface ScenarioOptions extends Omit<FixOptions, 'now'> {
  /** The model that explains the diagnosis, chooses free-text runbooks and drafts edits. */
  llm?: LlmService;
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

function scenarioKube(environment: ScenarioEnvironment): KubeClients {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(environment.kubeconfig);
  return kubeClients(kubeConfig);
}

async function diagnoseWithSnapshot(
  scenario: Scenario,
  kube: KubeClients,
  llm?: LlmService,
): Promise<{ diagnosis: Diagnosis; snapshot: ClusterSnapshot }> {
  const [namespace = '', name = ''] = scenario.spec.application.split('/');
  const tools = {
    detectors,
    runbooks: await loadRunbookCatalog(kube, [namespace]),
    stopwatch: () => performance.now(),
  };
  const gather = () =>
    gatherSnapshot({
      control: kube,
      argocdNamespace: namespace,
      application: { namespace, name },
      ...(scenario.spec.target ? { target: scenario.spec.target } : {}),
      limits: DEFAULT_KUBE_LIMITS,
      readSecretKeys: true,
      now: () => recordedMoment(scenario),
    });
  return llm ? diagnoseWithLlm(gather, tools, llm) : diagnose(gather, tools);
}

export async function diagnoseScenario(
  scenario: Scenario,
  environment: ScenarioEnvironment,
  llm?: LlmService,
): Promise<Diagnosis> {
  return (await diagnoseWithSnapshot(scenario, scenarioKube(environment), llm)).diagnosis;
}

/**
 * Loads a scenario into a fresh sandbox, diagnoses its app with the backend's own pipeline, has the
 * Git writer turn the plan into a change, and checks expect.
 */
export async function runScenario(dir: string, options: ScenarioOptions = {}): Promise<ScenarioReport> {
  const scenario = await readScenario(dir);
  const environment = await startScenarioEnvironment([scenario]);
  try {
    const kube = scenarioKube(environment);
    const found = await diagnoseWithSnapshot(scenario, kube, options.llm);
    const { diagnosis } = found;
    const fix = await runFix(scenario, environment, kube, found, {
      ...options,
      now: () => recordedMoment(scenario),
    });
    const checks = [
      ...diagnosisChecks(scenario.spec.expect, diagnosis),
      ...fixChecks(scenario.spec.expect, fix.outcome),
    ];
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
      proposal: fix.change
        ? { changes: fix.change.files.map((file) => ({ file: file.path, diff: file.diff })) }
        : null,
      ...(fix.commit ? { commit: fix.commit } : {}),
      ...(options.llm ? { explanation: diagnosis.explanation ?? null, llm: diagnosis.llm ?? null } : {}),
      notes: fix.outcome.failure
        ? [...diagnosis.notes, `the Git writer proposed nothing: ${fix.outcome.failure}`]
        : diagnosis.notes,
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

function describeCommit(commit: CommitResult): string {
  const where = commit.mode === 'push' ? `pushed to ${commit.branch}` : `pushed to branch ${commit.branch}`;
  return `committed ${commit.commit.slice(0, 12)}, ${where}${commit.pullRequestUrl ? `, ${commit.pullRequestUrl}` : ''}`;
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
    ...(report.proposal
      ? ['proposed change:', ...report.proposal.changes.map((change) => change.diff.trimEnd())]
      : []),
    ...(report.commit ? [describeCommit(report.commit)] : []),
    ...(report.explanation
      ? [
          `explanation (${report.explanation.confidence} confidence): ${report.explanation.rootCause}`,
          `  next step: ${report.explanation.nextStep}`,
        ]
      : []),
    ...(report.llm && report.llm.status !== 'ok'
      ? [`the model: ${report.llm.status}${report.llm.detail ? ` (${report.llm.detail})` : ''}`]
      : []),
    ...(report.notes.length ? ['notes:', ...report.notes.map((note) => `  ${note}`)] : []),
    'checks:',
    ...report.checks.map((check) => `  ${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}`),
    `${report.ok ? 'ok' : 'FAILED'}: ${passed} of ${report.checks.length} checks passed`,
    '',
  ].join('\n');
}

/**
 * `argocd-ai-sre scenario <dir> [--json] [--apply [--out <dir>]] [--llm]`: exit 0 when every check passes,
 * 1 when one fails.
 */
export async function scenarioCommand(args: readonly string[], out: NodeJS.WritableStream): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      json: { type: 'boolean', default: false },
      apply: { type: 'boolean', default: false },
      out: { type: 'string' },
      llm: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  const [dir, ...extra] = positionals;
  if (!dir || extra.length > 0) throw new UsageError('scenario takes exactly one scenario directory');
  if (values.out !== undefined && !values.apply) {
    throw new UsageError('--out writes the tree after the fix is committed: it needs --apply');
  }
  const report = await runScenario(dir, {
    apply: values.apply,
    ...(values.out === undefined ? {} : { out: values.out }),
    // --llm means "use the configured model": Ollama on OLLAMA_HOST's default unless configured otherwise.
    ...(values.llm
      ? { llm: createLlmService(loadLlmConfig(process.env, { defaultProvider: 'ollama' })) }
      : {}),
  });
  out.write(values.json ? `${JSON.stringify(report)}\n` : describeReport(report));
  return report.ok ? 0 : 1;
}
