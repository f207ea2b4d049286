import { normalizeRepoURL, withoutUserinfo } from '../credentials/repo-url.js';
import { secretValues } from '../credentials/repository-credentials.js';
import { changedLines, unifiedDiff } from '../edit/unified-diff.js';
import { scrub } from '../git/scrub.js';
import { GitOpsError } from '../gitops-error.js';
import { type Checkout, withCredentials } from '../proposal/checkout.js';
import { type ComputedChange, computeChange, recipeSource } from '../proposal/compute-change.js';
import type { CommitResult, ProposedChange } from '../proposal/proposed-change.js';
import { withRepositories } from '../proposal/sessions.js';
import type { WriterContext } from '../proposal/writer-context.js';
import { openPullRequest } from '../pull-request/open-pull-request.js';
import { providerFor } from '../pull-request/providers.js';
import { type CommitMessage, pullRequestBody } from './commit-message.js';
import { type PushOutcome, pushHead } from './push.js';
import { writeCommit } from './write-commit.js';

/** Pushes rejected because the branch moved are retried this many times, each on the new head. */
const RETRIES = 3;

/** `ai-sre/shop-web/r-123`: the branch of a fix that cannot go straight onto its branch. */
export function pullRequestBranch(app: string, remediationId: string): string {
  const part = (text: string) =>
    text
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/\.{2,}/g, '.')
      .replace(/^[.-]+|[.-]+$/g, '')
      .replace(/\.lock$/, '') || 'fix';
  return `ai-sre/${part(app)}/${part(remediationId)}`;
}

/** Pushes HEAD of a checkout's clone; a refusal of the credentials names their Secret. */
async function push(context: WriterContext, checkout: Checkout, branch: string): Promise<PushOutcome> {
  try {
    return await pushHead(context.git, checkout.clone.dir, checkout.session.auth, branch);
  } catch (error) {
    throw withCredentials(error, checkout.session);
  }
}

/**
 * The re-computed change must do what the proposal showed: the same lines removed and added in the
 * same files. Context may differ (someone changed other lines meanwhile); the change itself may not.
 */
function checkSameChange(change: ProposedChange, computed: ComputedChange): void {
  const moved = `${withoutUserinfo(change.repoURL)} moved from ${change.baseCommit.slice(0, 12)} to ${computed.checkout.clone.head.slice(0, 12)}`;
  if (normalizeRepoURL(computed.checkout.session.repoURL) !== normalizeRepoURL(change.repoURL)) {
    throw new GitOpsError(
      'conflict',
      `${moved}: the fix now lands in ${withoutUserinfo(computed.checkout.session.repoURL)}; propose it again`,
    );
  }
  const now = new Map(
    computed.changes.map((file) => [file.path, changedLines(file.before ?? '', file.after ?? '')]),
  );
  const paths = new Set([...now.keys(), ...change.files.map((file) => file.path)]);
  for (const path of paths) {
    const proposed = change.files.find((file) => file.path === path);
    const lines = proposed ? changedLines(proposed.before ?? '', proposed.after ?? '') : undefined;
    if (JSON.stringify(lines) !== JSON.stringify(now.get(path))) {
      throw new GitOpsError(
        'conflict',
        `${moved} and the fix no longer changes ${path} as proposed; propose it again`,
      );
    }
  }
}

async function branchOrPullRequest(
  context: WriterContext,
  checkout: Checkout,
  computed: ComputedChange,
  message: CommitMessage,
  commit: string,
  branch: string,
  reason: string,
): Promise<CommitResult> {
  const { session, revision } = checkout;
  const outcome = await push(context, checkout, branch);
  if (outcome.kind !== 'pushed') {
    throw new GitOpsError(
      outcome.kind === 'stale' ? 'conflict' : 'refused',
      `${reason}, and branch ${branch} cannot be pushed either: ${outcome.detail}`,
    );
  }
  const base = revision.kind === 'branch' ? revision.name : checkout.defaultBranch;
  const result: CommitResult = { mode: 'branch', commit, branch, reason };
  const provider = providerFor(context.providers, session.repoURL);
  if (!provider)
    return {
      ...result,
      reason: `${reason}; no forge API is configured for this host: open a pull request from ${branch} into ${base}`,
    };
  const token = session.credentials.password ?? session.credentials.bearerToken;
  if (!token)
    return {
      ...result,
      reason: `${reason}; the repository Secret holds no token to open a pull request with`,
    };
  const diffs = computed.changes.map((file) => unifiedDiff(file.path, file.before, file.after));
  try {
    const pullRequestUrl = await openPullRequest(provider, session.repoURL, {
      token,
      head: branch,
      base,
      title: message.subject,
      body: pullRequestBody(message, diffs),
    });
    return { mode: 'pull-request', commit, branch, pullRequestUrl, reason };
  } catch (error) {
    const said = scrub(
      error instanceof Error ? error.message : String(error),
      secretValues(session.credentials),
    );
    return { ...result, reason: `${reason}; opening the pull request failed: ${said}` };
  }
}

/**
 * Commits a proposed change and pushes it onto its branch. The change is computed again first (on
 * the proposal's clone while that is still at its base, else on the fetched head): when the branch
 * moved, the fix must still change the same lines, or the commit is refused as a conflict. A push
 * rejected because the branch moved meanwhile is fetched, computed again and retried on the new
 * head. A push the server refuses (a protected branch), and any fix of a tag or commit, goes to
 * `branch` (see pullRequestBranch) with a pull request when the forge is known.
 */
export async function commitChange(
  context: WriterContext,
  change: ProposedChange,
  message: CommitMessage,
  branch: string,
  author?: { name: string; email: string },
): Promise<CommitResult> {
  const { repoURLs } = recipeSource(change.recipe);
  const scope = {
    argocdNamespace: change.recipe.argocdNamespace,
    project: change.recipe.application.spec.project,
  };
  return withRepositories(context, scope, repoURLs, async (sessions) => {
    for (let attempt = 0; ; attempt++) {
      // First on the clone the proposal was made on, when nothing moved it since; then on fetched heads.
      const computed = await computeChange(
        context,
        sessions,
        change.recipe,
        attempt === 0 ? change.baseCommit : undefined,
      );
      checkSameChange(change, computed);
      const { clone, revision } = computed.checkout;
      const commit = await writeCommit(context, clone.dir, computed.changes, message, author);
      if (revision.kind !== 'branch') {
        const reason = `targetRevision ${change.revision.targetRevision} is a ${revision.kind}, which no push can move`;
        return branchOrPullRequest(context, computed.checkout, computed, message, commit, branch, reason);
      }
      const outcome = await push(context, computed.checkout, revision.name);
      if (outcome.kind === 'pushed') return { mode: 'push', commit, branch: revision.name };
      if (outcome.kind === 'refused') {
        const reason = `the server refused a push to ${revision.name}: ${outcome.detail}`;
        return branchOrPullRequest(context, computed.checkout, computed, message, commit, branch, reason);
      }
      if (attempt >= RETRIES) {
        throw new GitOpsError(
          'conflict',
          `${revision.name} kept moving: ${attempt + 1} pushes were rejected (${outcome.detail})`,
        );
      }
    }
  });
}
