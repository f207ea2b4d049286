import { withoutUserinfo } from '../credentials/repo-url.js';
import { GitOpsError } from '../gitops-error.js';
import type { SourceTrees } from '../locate/helm/value-files.js';
import { referencedSources } from '../locate/helm/value-files.js';
import { locateEdit } from '../locate/locate-edit.js';
import type { Placement } from '../locate/placement.js';
import type { TreeChange, WorkTree } from '../locate/work-tree.js';
import { applyRevert } from '../revert/apply-revert.js';
import { checkRevertible, type HistoryAccess, searchHistory } from '../revert/history.js';
import { applicationSources, type GitSource } from '../source/application-sources.js';
import { type Checkout, checkout } from './checkout.js';
import type { ChangeRecipe } from './proposed-change.js';
import type { RepositorySession } from './sessions.js';
import type { WriterContext } from './writer-context.js';

export interface ComputedChange {
  /** The repository the change touches, at the head it was computed on. */
  checkout: Checkout;
  changes: TreeChange[];
  placements: Placement[];
  reverts?: { commit: string; subject: string };
}

/** The source a recipe edits and the repositories it reads (its own, and those its value files name). */
export function recipeSource(recipe: Pick<ChangeRecipe, 'application' | 'source'>): {
  source: GitSource;
  refs: Map<string, GitSource>;
  repoURLs: string[];
} {
  const { renderers, refs } = applicationSources(recipe.application);
  const source = renderers.find((candidate) => candidate.field === recipe.source);
  if (!source) throw new GitOpsError('source', `the Application has no ${recipe.source} any more`);
  const repoURLs = source.chart ? [] : [source.repoURL];
  for (const name of referencedSources(source)) {
    const ref = refs.get(name);
    if (!ref)
      throw new GitOpsError(
        'source',
        `${source.field} names value files of ref ${name}, which no source has`,
      );
    repoURLs.push(ref.repoURL);
  }
  if (repoURLs.length === 0) {
    throw new GitOpsError(
      'source',
      `${source.field} is chart ${source.chart ?? ''} from a Helm repository and names no values file in Git`,
    );
  }
  return { source, refs, repoURLs };
}

function sessionOf(sessions: ReadonlyMap<string, RepositorySession>, repoURL: string): RepositorySession {
  const session = sessions.get(repoURL);
  if (!session) throw new Error(`no session open for ${withoutUserinfo(repoURL)}`);
  return session;
}

/** The checkouts a recipe reads: its source's repository (unless a Helm repository chart) and its refs'. */
export interface OpenSource {
  source: GitSource;
  main?: Checkout;
  trees: SourceTrees;
  /** Each distinct checkout once, the source's own first. */
  all: Checkout[];
}

export async function openSource(
  context: WriterContext,
  sessions: ReadonlyMap<string, RepositorySession>,
  recipe: Pick<ChangeRecipe, 'application' | 'source'>,
  reuse?: string,
): Promise<OpenSource> {
  const { source, refs, repoURLs } = recipeSource(recipe);
  // Only a change that reads one repository is whole in one unfetched clone.
  const reusable = repoURLs.length === 1 ? reuse : undefined;
  const checkouts = new Map<string, Checkout>();
  const open = async (where: GitSource): Promise<Checkout> => {
    const key = `${where.repoURL}\n${where.targetRevision}`;
    const existing = checkouts.get(key);
    if (existing) return existing;
    const opened = await checkout(
      context,
      sessionOf(sessions, where.repoURL),
      where.targetRevision,
      reusable,
    );
    checkouts.set(key, opened);
    return opened;
  };
  const main = source.chart ? undefined : await open(source);
  const refTrees = new Map<string, WorkTree>();
  for (const name of referencedSources(source)) {
    const ref = refs.get(name);
    if (ref) refTrees.set(name, (await open(ref)).tree);
  }
  const trees: SourceTrees = { refs: refTrees, ...(main ? { main: main.tree } : {}) };
  return { source, trees, all: [...checkouts.values()], ...(main ? { main } : {}) };
}

export function historyOf(context: WriterContext, opened: Checkout): HistoryAccess {
  return {
    git: context.git,
    cache: context.cache,
    clone: opened.clone,
    revision: opened.revision,
    auth: opened.session.auth,
  };
}

/** Reverts the recipe's commit wherever it is, or the newest commit that touched the source's path. */
async function revertFirst(
  context: WriterContext,
  opened: OpenSource,
  recipe: ChangeRecipe,
): Promise<ComputedChange['reverts']> {
  const { source, main } = opened;
  const wanted = recipe.revert;
  if (wanted !== undefined) {
    for (const candidate of opened.all) {
      const commit = await searchHistory(historyOf(context, candidate), [], (commits) =>
        commits.find((c) => c.sha === wanted),
      );
      if (!commit) continue;
      checkRevertible(commit, `commit ${wanted.slice(0, 12)}`);
      await applyRevert(
        context.git,
        context.cache,
        candidate.clone,
        candidate.revision,
        candidate.tree,
        commit.sha,
      );
      return { commit: commit.sha, subject: commit.subject };
    }
    throw new GitOpsError(
      'revert',
      `commit ${wanted.slice(0, 12)} is in none of the repositories of ${source.field}`,
    );
  }
  if (!main) throw new GitOpsError('source', `${source.field} is not in Git: there is no commit to revert`);
  const what = `the newest commit that touched ${source.path || 'the repository'}`;
  const commit = await searchHistory(
    historyOf(context, main),
    [source.path === '' ? '.' : source.path],
    (commits) => commits[0],
  );
  if (!commit)
    throw new GitOpsError(
      'revert',
      `no commit touched ${source.path || 'the repository'} on ${main.revision.name}`,
    );
  checkRevertible(commit, what);
  await applyRevert(context.git, context.cache, main.clone, main.revision, main.tree, commit.sha);
  return { commit: commit.sha, subject: commit.subject };
}

/**
 * Computes a change on the current heads of the repositories a recipe reads: the revert first (the
 * recipe's commit, or the newest commit that touched the source's path), then each edit of the plan
 * where it lands. The clones are left as they were; the change exists only as text. `reuse`: see
 * checkout.
 */
export async function computeChange(
  context: WriterContext,
  sessions: ReadonlyMap<string, RepositorySession>,
  recipe: ChangeRecipe,
  reuse?: string,
): Promise<ComputedChange> {
  const opened = await openSource(context, sessions, recipe, reuse);
  const reverts =
    recipe.revert !== undefined || recipe.plan?.revertLastChange
      ? await revertFirst(context, opened, recipe)
      : undefined;
  const placements: Placement[] = [];
  for (const edit of recipe.plan?.edits ?? []) {
    placements.push(...(await locateEdit(opened.trees, opened.source, edit, recipe.plan?.runbook ?? 'fix')));
  }
  const touched = opened.all.filter((candidate) => candidate.tree.changes().length > 0);
  const [changed, ...others] = touched;
  if (others.length > 0) {
    throw new GitOpsError(
      'source',
      `the fix would change ${touched.length} repositories (${touched.map((t) => withoutUserinfo(t.session.repoURL)).join(', ')}); one commit cannot`,
    );
  }
  if (!changed) {
    const where = placements.map((p) => `${p.file} ${p.field}`).join(', ');
    throw new GitOpsError('unchanged', `Git already holds what the fix writes${where ? `: ${where}` : ''}`);
  }
  return { checkout: changed, changes: changed.tree.changes(), placements, ...(reverts ? { reverts } : {}) };
}
