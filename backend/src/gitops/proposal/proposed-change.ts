import type { Application } from '../../kube/application.js';
import type { FixPlan } from '../../runbooks/plan/index.js';
import type { Placement } from '../locate/placement.js';

/** One file of a change: its text before and after (null where the file does not exist) and the diff. */
export interface FileChange {
  path: string;
  before: string | null;
  after: string | null;
  /** Unified diff, `--- a/path` / `+++ b/path`. */
  diff: string;
}

/** What a change is computed from, kept so a commit can compute it again on a newer head. */
export interface ChangeRecipe {
  argocdNamespace: string;
  application: Pick<Application, 'metadata' | 'spec'>;
  /** The Application source the change edits: `spec.source`, `spec.sources[1]`. */
  source: string;
  plan: FixPlan | null;
  /** A commit to revert before any edit. */
  revert?: string;
}

/**
 * A fix as a change to the app's Git source, not yet committed: where it goes, what it is based on,
 * and every file it touches. Plain data: it can be stored, shown, and committed later.
 */
export interface ProposedChange {
  application: { namespace: string; name: string };
  repoURL: string;
  /** The branch the commit goes onto; for a tag or commit targetRevision, the base of the pull request. */
  branch: string;
  /** How the Application pins the source: only a branch can take a push. */
  revision: { targetRevision: string; kind: 'branch' | 'tag' | 'commit' };
  baseCommit: string;
  files: FileChange[];
  /** Where each edit of the plan landed. */
  placements: Placement[];
  /** The commit the change reverts, when it reverts one. */
  reverts?: { commit: string; subject: string };
  recipe: ChangeRecipe;
}

export interface CommitResult {
  /** `push`: on the branch; `pull-request`: on a new branch with a pull request; `branch`: on a new branch, for a person to open one. */
  mode: 'push' | 'pull-request' | 'branch';
  commit: string;
  branch: string;
  pullRequestUrl?: string;
  /** Why the change did not go straight onto the branch, when it did not. */
  reason?: string;
}

/** What the commit message and pull request say about the change. */
export interface CommitMeta {
  remediationId: string;
  app: string;
  symptom: string;
  runbook: string;
  /** The person the commit is authored for (who approved it); the writer's identity commits it. */
  author?: { name: string; email: string };
}
