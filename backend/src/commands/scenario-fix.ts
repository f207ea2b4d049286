import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Diagnosis } from '../diagnosis/diagnosis.js';
import { type CommitResult, createGitWriter, GitOpsError, type ProposedChange } from '../gitops/index.js';
import type { KubeClients } from '../kube/clients.js';
import type { ClusterSnapshot } from '../kube/snapshot.js';
import type { FixOutcome } from '../sandbox/scenario/checks.js';
import type { ScenarioEnvironment } from '../sandbox/scenario/environment.js';
import type { Scenario } from '../sandbox/scenario/read-scenario.js';
import { runCommand } from '../support/run-command.js';

export interface FixOptions {
  /** Commit the proposal to the scenario's repository on the sandbox Git server. */
  apply?: boolean;
  /** With apply: write the repository's tree after the commit here. */
  out?: string;
  /** The moment the incident was recorded: the commit's date. */
  now: () => Date;
}

/** The files of a commit of a bare repository that the expectations name; missing ones are left out. */
async function filesAt(
  bareDir: string,
  commit: string,
  paths: readonly string[],
): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const path of paths) {
    try {
      files.set(path, (await runCommand('git', ['--git-dir', bareDir, 'show', `${commit}:${path}`])).stdout);
    } catch {
      // Not in that commit.
    }
  }
  return files;
}

/** Writes the whole tree of a commit of a bare repository into a directory. */
async function exportTree(bareDir: string, commit: string, out: string): Promise<void> {
  await mkdir(out, { recursive: true });
  const index = join(await mkdtemp(join(tmpdir(), 'scenario-index-')), 'index');
  const env = { ...process.env, GIT_INDEX_FILE: index };
  try {
    await runCommand('git', ['--git-dir', bareDir, 'read-tree', commit], { env });
    await runCommand(
      'git',
      ['--git-dir', bareDir, '--work-tree', resolve(out), 'checkout-index', '--all', '--force'],
      { env },
    );
  } finally {
    await rm(join(index, '..'), { recursive: true, force: true });
  }
}

export interface FixRun {
  change: ProposedChange | null;
  commit?: CommitResult;
  outcome: FixOutcome;
}

/**
 * Runs the plan through the Git writer exactly as the backend would: credentials from the repository
 * Secret, the sandbox Git server reached through its insteadOf rewrites. Proposes on a clone; with
 * `apply`, commits and pushes too, then reads the result from the repository itself.
 */
export async function runFix(
  scenario: Scenario,
  environment: ScenarioEnvironment,
  kube: KubeClients,
  found: { diagnosis: Diagnosis; snapshot: ClusterSnapshot },
  options: FixOptions,
): Promise<FixRun> {
  const repository = environment.repositories[0];
  const expect = scenario.spec.expect;
  const paths = [...new Set([...(expect.fix ?? []).map((fix) => fix.file), ...(expect.unchanged ?? [])])];
  const before = repository
    ? await filesAt(repository.bareDir, repository.head, paths)
    : new Map<string, string>();
  const unchanged: FixOutcome = { proposed: false, before, after: before };
  const plan = found.diagnosis.plan;
  // A model's draft waits for a person; `expect.fix` is about what the runbooks decide.
  if (!plan || 'drafted' in plan || !repository) return { change: null, outcome: unchanged };
  const cacheDir = await mkdtemp(join(tmpdir(), 'scenario-git-'));
  try {
    const writer = createGitWriter({
      kube,
      cacheDir,
      gitEnv: environment.gitEnv,
      author: { name: 'argocd-ai-sre scenario', email: 'scenario@argocd-ai-sre.invalid' },
      now: options.now,
    });
    const argocdNamespace = found.snapshot.application.metadata.namespace ?? '';
    const change = await writer.propose({ application: found.snapshot.application, plan, argocdNamespace });
    if (!options.apply) {
      const after = new Map(before);
      for (const file of change.files) {
        if (file.after === null) after.delete(file.path);
        else if (paths.includes(file.path)) after.set(file.path, file.after);
      }
      return { change, outcome: { proposed: true, before, after } };
    }
    const commit = await writer.commit(change, {
      remediationId: `scenario-${scenario.id}`,
      app: scenario.spec.application,
      symptom: plan.symptom.type,
      runbook: plan.runbook,
    });
    if (options.out) await exportTree(repository.bareDir, commit.commit, options.out);
    return {
      change,
      commit,
      outcome: { proposed: true, before, after: await filesAt(repository.bareDir, commit.commit, paths) },
    };
  } catch (error) {
    if (!(error instanceof GitOpsError)) throw error;
    return { change: null, outcome: { ...unchanged, failure: error.message } };
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
}
