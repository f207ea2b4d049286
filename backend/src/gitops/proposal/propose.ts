import type { Application } from '../../kube/application.js';
import type { FixPlan } from '../../runbooks/plan/index.js';
import { unifiedDiff } from '../edit/unified-diff.js';
import { GitOpsError } from '../gitops-error.js';
import { applicationSources } from '../source/application-sources.js';
import { type ComputedChange, computeChange, recipeSource } from './compute-change.js';
import type { ChangeRecipe, ProposedChange } from './proposed-change.js';
import { withRepositories } from './sessions.js';
import type { WriterContext } from './writer-context.js';

export function toProposal(recipe: ChangeRecipe, computed: ComputedChange): ProposedChange {
  const { checkout, reverts } = computed;
  const { revision } = checkout;
  return {
    application: {
      namespace: recipe.application.metadata.namespace ?? recipe.argocdNamespace,
      name: recipe.application.metadata.name ?? '',
    },
    repoURL: checkout.session.repoURL,
    branch: revision.kind === 'branch' ? revision.name : checkout.defaultBranch,
    revision: { targetRevision: checkout.targetRevision, kind: revision.kind },
    baseCommit: checkout.clone.head,
    files: computed.changes.map((file) => ({
      ...file,
      diff: unifiedDiff(file.path, file.before, file.after),
    })),
    placements: computed.placements,
    ...(reverts ? { reverts } : {}),
    recipe: { ...recipe, ...(reverts ? { revert: reverts.commit } : {}) },
  };
}

/** Problems that say "not this source", so another source of a multi-source app is tried. */
function triesAnother(error: unknown): boolean {
  return error instanceof GitOpsError && (error.problem === 'locate' || error.problem === 'source');
}

/**
 * The fix as a change to the app's Git source, computed on a clone without committing. With
 * several sources, the one whose files hold the object takes the change; Helm repository charts
 * (whose values live in a ref source) come after sources with a path.
 */
export async function proposeChange(
  context: WriterContext,
  input: { application: Application; plan: FixPlan; argocdNamespace: string },
): Promise<ProposedChange> {
  const { application, plan, argocdNamespace } = input;
  const renderers = [...applicationSources(application).renderers].sort(
    (a, b) => Number(a.chart !== undefined) - Number(b.chart !== undefined),
  );
  const scope = { argocdNamespace, project: application.spec.project };
  const failures: unknown[] = [];
  for (const source of renderers) {
    const recipe: ChangeRecipe = {
      argocdNamespace,
      application: { metadata: application.metadata, spec: application.spec },
      source: source.field,
      plan,
    };
    try {
      const { repoURLs } = recipeSource(recipe);
      return await withRepositories(context, scope, repoURLs, async (sessions) =>
        toProposal(recipe, await computeChange(context, sessions, recipe)),
      );
    } catch (error) {
      if (renderers.length === 1 || !triesAnother(error)) throw error;
      failures.push(error);
    }
  }
  const messages = failures.map((failure) => (failure instanceof Error ? failure.message : String(failure)));
  throw new GitOpsError('locate', `no source of the Application can take the fix: ${messages.join('; ')}`);
}
