import type { Application } from '../../kube/application.js';
import type { Checkout } from '../proposal/checkout.js';
import { openSource, recipeSource } from '../proposal/compute-change.js';
import type { ChangeRecipe } from '../proposal/proposed-change.js';
import { type RepositorySession, withRepositories } from '../proposal/sessions.js';
import type { WriterContext } from '../proposal/writer-context.js';
import { applicationSources } from '../source/application-sources.js';

/**
 * Calls `visit` on each checkout of each Git source of the app (the source's own repository and its
 * refs', their locks held and credentials in effect) until it returns something: a remediation's
 * commit may be in any repository the fix could have landed in.
 */
export async function firstInSourceCheckouts<T>(
  context: WriterContext,
  application: Application,
  argocdNamespace: string,
  visit: (
    candidate: Checkout,
    recipe: ChangeRecipe,
    sessions: ReadonlyMap<string, RepositorySession>,
  ) => Promise<T | undefined>,
): Promise<T | undefined> {
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
        const result = await visit(candidate, recipe, sessions);
        if (result !== undefined) return result;
      }
      return undefined;
    });
    if (found !== undefined) return found;
  }
  return undefined;
}
