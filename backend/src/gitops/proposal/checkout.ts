import { normalizeRepoURL, withoutUserinfo } from '../credentials/repo-url.js';
import { type Clone, headOf } from '../git/clone-cache.js';
import { GitOpsError } from '../gitops-error.js';
import { WorkTree } from '../locate/work-tree.js';
import { classifyRevision, parseLsRemote, type Revision } from '../source/revision.js';
import type { RepositorySession } from './sessions.js';
import type { KnownRevision, WriterContext } from './writer-context.js';

/** A repository checked out at the head of the revision an Application source names. */
export interface Checkout {
  session: RepositorySession;
  /** As the Application source names it. */
  targetRevision: string;
  revision: Revision;
  defaultBranch: string;
  clone: Clone;
  tree: WorkTree;
}

/** Says which credentials a failure happened with, without any of their values. */
export function withCredentials(error: unknown, session: RepositorySession): unknown {
  if (!(error instanceof GitOpsError) || error.problem !== 'authentication') return error;
  const secret = session.credentials.secret;
  const used = secret
    ? `the credentials of Secret ${secret}`
    : 'no credentials (no repository Secret matches)';
  return new GitOpsError(
    'authentication',
    `${withoutUserinfo(session.repoURL)} refused ${used}: ${error.message}`,
  );
}

async function resolveRevision(
  context: WriterContext,
  session: RepositorySession,
  targetRevision: string,
): Promise<KnownRevision> {
  const patterns = targetRevision === '' || targetRevision === 'HEAD' ? [] : [targetRevision];
  const { stdout } = await context.git.run(['ls-remote', '--symref', session.repoURL, 'HEAD', ...patterns], {
    auth: session.auth,
  });
  const refs = parseLsRemote(stdout);
  const revision = classifyRevision(targetRevision, refs, withoutUserinfo(session.repoURL));
  return {
    revision,
    defaultBranch: refs.defaultBranch ?? (revision.kind === 'branch' ? revision.name : 'main'),
  };
}

/**
 * Brings the cached clone to the head of the revision an Application source names. What the
 * targetRevision names (a branch, a tag, a commit) is asked of the remote once and remembered; a
 * fetch that fails with a remembered answer asks again, in case the remote changed. With `reuse`,
 * a clone still at that commit is taken as it is, unfetched: a commit made on it finds out at push
 * time whether the branch moved, which spares a fetch when it did not.
 */
export async function checkout(
  context: WriterContext,
  session: RepositorySession,
  targetRevision: string,
  reuse?: string,
): Promise<Checkout> {
  // Both reach git's command line: neither may pass for an option.
  if (session.repoURL.startsWith('-') || targetRevision.startsWith('-')) {
    throw new GitOpsError(
      'source',
      `repoURL ${session.repoURL} at ${targetRevision} is not something git can fetch`,
    );
  }
  const key = `${normalizeRepoURL(session.repoURL)}\n${targetRevision}`;
  const open = async (known: KnownRevision): Promise<Checkout> => {
    const clone = await context.cache.checkout(session.repoURL, known.revision, session.auth);
    const tree = new WorkTree(session.repoURL, clone.dir);
    return { session, targetRevision, ...known, clone, tree };
  };
  try {
    const remembered = context.revisions.get(key);
    if (remembered && reuse) {
      const dir = context.cache.directoryOf(session.repoURL, remembered.revision);
      const head = await headOf(dir).catch(() => undefined);
      if (head === reuse) {
        return {
          session,
          targetRevision,
          ...remembered,
          clone: { dir, head },
          tree: new WorkTree(session.repoURL, dir),
        };
      }
    }
    if (remembered) {
      try {
        return await open(remembered);
      } catch (error) {
        if (!(error instanceof GitOpsError) || error.problem !== 'git') throw error;
        context.revisions.delete(key);
      }
    }
    const known = await resolveRevision(context, session, targetRevision);
    context.revisions.set(key, known);
    return await open(known);
  } catch (error) {
    throw withCredentials(error, session);
  }
}
