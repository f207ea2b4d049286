import type { Application } from '../../kube/application.js';
import { withoutUserinfo } from '../credentials/repo-url.js';
import { GitOpsError } from '../gitops-error.js';
import { computeChange, historyOf } from '../proposal/compute-change.js';
import { toProposal } from '../proposal/propose.js';
import type { ProposedChange } from '../proposal/proposed-change.js';
import type { WriterContext } from '../proposal/writer-context.js';
import { applicationSources } from '../source/application-sources.js';
import { type CommitInfo, checkRevertible, searchHistory } from './history.js';
import { firstInSourceCheckouts } from './source-checkouts.js';

export interface RollBackInput {
  application: Application;
  argocdNamespace: string;
  remediationId: string;
  reason: string;
}

/** The commit of a remediation (its `Remediation-Id:` trailer), refusing one that was rolled back already. */
function remediationCommit(commits: CommitInfo[], remediationId: string): CommitInfo | undefined {
  for (const commit of commits) {
    if (commit.rollsBack.includes(remediationId)) {
      throw new GitOpsError(
        'revert',
        `remediation ${remediationId} was rolled back already by ${commit.sha.slice(0, 12)}`,
      );
    }
    if (commit.remediationIds.includes(remediationId)) return commit;
  }
  return undefined;
}

/**
 * The revert of a remediation's commit as a proposed change, for "verify failed, revert the fix":
 * the commit is found by its trailer on the branch of each Git source of the app (history fetched
 * as far back as needed); a merge commit is refused.
 */
export async function proposeRollBack(
  context: WriterContext,
  input: RollBackInput,
): Promise<{ change: ProposedChange; original: CommitInfo }> {
  const { application, argocdNamespace, remediationId } = input;
  const found = await firstInSourceCheckouts(
    context,
    application,
    argocdNamespace,
    async (candidate, recipe, sessions) => {
      const commit = await searchHistory(historyOf(context, candidate), [], (commits) =>
        remediationCommit(commits, remediationId),
      );
      if (!commit) return undefined;
      checkRevertible(commit, `the commit of remediation ${remediationId}`);
      const withRevert = { ...recipe, revert: commit.sha };
      return {
        change: toProposal(withRevert, await computeChange(context, sessions, withRevert)),
        original: commit,
      };
    },
  );
  if (found) return found;
  const where = applicationSources(application)
    .renderers.map((source) => withoutUserinfo(source.repoURL))
    .join(', ');
  throw new GitOpsError(
    'revert',
    `no commit with Remediation-Id: ${remediationId} on the branches of ${where}`,
  );
}
