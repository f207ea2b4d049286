import type { Application } from '../../kube/application.js';
import { historyOf } from '../proposal/compute-change.js';
import type { WriterContext } from '../proposal/writer-context.js';
import { LOG_FORMAT, parseLog } from './history.js';
import { firstInSourceCheckouts } from './source-checkouts.js';

/** How far back a pushed remediation is looked for: it was pushed moments before the backend stopped. */
const RECENT_COMMITS = 100;

/**
 * The commit that carries `Remediation-Id: <id>` among the recent commits of the app's branches, if a
 * remediation was pushed already: a backend that stopped right after its push must not push it twice.
 */
export async function findRemediationCommit(
  context: WriterContext,
  input: { application: Application; argocdNamespace: string; remediationId: string },
): Promise<string | undefined> {
  const { application, argocdNamespace, remediationId } = input;
  return firstInSourceCheckouts(context, application, argocdNamespace, async (candidate) => {
    const access = historyOf(context, candidate);
    await access.cache.deepen(access.clone.dir, access.revision, access.auth, RECENT_COMMITS);
    const { stdout } = await access.git.run(['log', `-n${RECENT_COMMITS}`, LOG_FORMAT, 'HEAD'], {
      cwd: access.clone.dir,
    });
    return parseLog(stdout).find((entry) => entry.remediationIds.includes(remediationId))?.sha;
  });
}
