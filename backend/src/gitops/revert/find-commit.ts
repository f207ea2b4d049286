import type { Application } from '../../kube/application.js';
import { historyOf, openSource, recipeSource } from '../proposal/compute-change.js';
import type { ChangeRecipe } from '../proposal/proposed-change.js';
import { withRepositories } from '../proposal/sessions.js';
import type { WriterContext } from '../proposal/writer-context.js';
import { applicationSources } from '../source/application-sources.js';
import { LOG_FORMAT, parseLog } from './history.js';

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
  const scope = { argocdNamespace, project: application.spec.project };
  for (const source of applicationSources(application).renderers) {
    const recipe: ChangeRecipe = {
      argocdNamespace,
      application: { metadata: application.metadata, spec: application.spec },
      source: source.field,
      plan: null,
    };
    const found = await withRepositories(context, scope, recipeSource(recipe).repoURLs, async (sessions) => {
      const opened = await openSource(context, sessions, recipe);
      for (const candidate of opened.all) {
        const access = historyOf(context, candidate);
        await access.cache.deepen(access.clone.dir, access.revision, access.auth, RECENT_COMMITS);
        const { stdout } = await access.git.run(['log', `-n${RECENT_COMMITS}`, LOG_FORMAT, 'HEAD'], {
          cwd: access.clone.dir,
        });
        const commit = parseLog(stdout).find((entry) => entry.remediationIds.includes(remediationId));
        if (commit) return commit.sha;
      }
      return undefined;
    });
    if (found) return found;
  }
  return undefined;
}
