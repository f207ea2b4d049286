import type { Application } from '../kube/application.js';
import type { FixPlan } from '../runbooks/plan/index.js';

/** What the remediation layer needs from the Git writer (backend/src/gitops). */
export interface ProposedFile {
  path: string;
  diff: string;
}

export interface Proposal {
  repoURL: string;
  branch: string;
  baseCommit: string;
  files: ProposedFile[];
}

export interface CommitOutcome {
  mode: 'push' | 'pull-request' | 'branch';
  commit: string;
  branch: string;
  pullRequestUrl?: string;
}

export interface CommitMeta {
  remediationId: string;
  app: string;
  symptom: string;
  runbook: string;
}

export interface RemediationGit<Change extends Proposal = Proposal> {
  propose(input: { application: Application; plan: FixPlan; argocdNamespace: string }): Promise<Change>;
  commit(change: Change, meta: CommitMeta): Promise<CommitOutcome>;
  revert(input: {
    application: Application;
    argocdNamespace: string;
    remediationId: string;
    reason: string;
  }): Promise<CommitOutcome>;
  /** The commit that carries `Remediation-Id: <id>` on the app's branch, if one was pushed already. */
  findCommit(input: {
    application: Application;
    argocdNamespace: string;
    remediationId: string;
  }): Promise<string | undefined>;
}
