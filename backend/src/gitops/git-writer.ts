import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Application } from '../kube/application.js';
import type { KubeClients } from '../kube/clients.js';
import type { FixPlan } from '../runbooks/plan/index.js';
import { commitChange, pullRequestBranch } from './commit/commit-change.js';
import { fixMessage, rollbackMessage } from './commit/commit-message.js';
import { CloneCache } from './git/clone-cache.js';
import { KeyedLock } from './git/keyed-lock.js';
import { GitRunner } from './git/run-git.js';
import { proposeChange } from './proposal/propose.js';
import type { CommitMeta, CommitResult, ProposedChange } from './proposal/proposed-change.js';
import type { WriterContext } from './proposal/writer-context.js';
import type { ForgeProvider } from './pull-request/providers.js';
import { findRemediationCommit } from './revert/find-commit.js';
import { proposeRollBack } from './revert/roll-back.js';

/** The only write path to workloads: fixes as commits (or pull requests) on the app's Git source. */
export interface GitWriter {
  /** The plan as a change to the app's Git source, computed on a clone; nothing is pushed. */
  propose(input: {
    application: Application;
    plan: FixPlan;
    argocdNamespace: string;
  }): Promise<ProposedChange>;
  /** Commits a proposed change onto its branch, or to a branch with a pull request when that cannot be. */
  commit(change: ProposedChange, meta: CommitMeta): Promise<CommitResult>;
  /** Reverts the commit of a remediation, for "verify failed, revert the fix". */
  revert(input: {
    application: Application;
    argocdNamespace: string;
    remediationId: string;
    reason: string;
  }): Promise<CommitResult>;
  /** The commit of a remediation pushed already (its `Remediation-Id:` trailer), among the branch's recent commits. */
  findCommit(input: {
    application: Application;
    argocdNamespace: string;
    remediationId: string;
  }): Promise<string | undefined>;
}

export interface GitWriterOptions {
  /** Reads Argo CD's repository Secrets and its SSH known hosts. */
  kube: KubeClients;
  cacheDir: string;
  /** Extra environment for every git process (the sandbox's GIT_CONFIG_* insteadOf rewrites, a proxy). */
  gitEnv?: Record<string, string>;
  author: { name: string; email: string };
  providers?: readonly ForgeProvider[];
  now?: () => Date;
  /** Longest a single git command may run; 120 s unless set. */
  timeoutMs?: number;
}

export function createGitWriter(options: GitWriterOptions): GitWriter {
  const home = join(options.cacheDir, 'home');
  const gitHome = { home, globalConfig: join(home, 'gitconfig') };
  const git = new GitRunner(gitHome, options.gitEnv ?? {}, options.timeoutMs ?? 120_000);
  const context: WriterContext = {
    kube: options.kube,
    git,
    cache: new CloneCache(join(options.cacheDir, 'clones'), git),
    locks: new KeyedLock(),
    author: options.author,
    providers: options.providers ?? [],
    now: options.now ?? (() => new Date()),
    revisions: new Map(),
  };
  // git reads its global config from a file the writer owns; it must exist, empty.
  const prepare = async () => {
    await mkdir(home, { recursive: true, mode: 0o700 });
    await writeFile(gitHome.globalConfig, '', { flag: 'a', mode: 0o600 });
  };
  return {
    async propose(input) {
      await prepare();
      return proposeChange(context, input);
    },
    async commit(change, meta) {
      await prepare();
      const branch = pullRequestBranch(change.application.name, meta.remediationId);
      return commitChange(context, change, fixMessage(change, meta), branch, meta.author);
    },
    async revert(input) {
      await prepare();
      const { change, original } = await proposeRollBack(context, input);
      const message = rollbackMessage(change, original, input.remediationId, input.reason);
      return commitChange(
        context,
        change,
        message,
        pullRequestBranch(change.application.name, `${input.remediationId}-revert`),
      );
    },
    async findCommit(input) {
      await prepare();
      return findRemediationCommit(context, input);
    },
  };
}
