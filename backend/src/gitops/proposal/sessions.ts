import type { KubeClients } from '../../kube/clients.js';
import { type GitAuth, withGitAuth } from '../credentials/git-auth.js';
import { readKnownHosts, readRepoCredentials } from '../credentials/read-credentials.js';
import { normalizeRepoURL } from '../credentials/repo-url.js';
import type { RepoCredentials } from '../credentials/repository-credentials.js';
import type { KeyedLock } from '../git/keyed-lock.js';

/** A repository in use by one operation: its lock held, its credentials in effect. */
export interface RepositorySession {
  repoURL: string;
  credentials: RepoCredentials;
  auth: GitAuth;
}

export interface SessionContext {
  kube: KubeClients;
  locks: KeyedLock;
}

/**
 * Runs `operation` holding the lock of each repository (taken in one global order, so two
 * operations on the same repositories never wait on each other) with its credentials in effect;
 * credential files are gone when it returns.
 */
export async function withRepositories<T>(
  context: SessionContext,
  scope: { argocdNamespace: string; project: string },
  repoURLs: readonly string[],
  operation: (sessions: ReadonlyMap<string, RepositorySession>) => Promise<T>,
): Promise<T> {
  const byKey = new Map(repoURLs.map((url) => [normalizeRepoURL(url), url]));
  const ordered = [...byKey.entries()].sort(([a], [b]) => a.localeCompare(b));
  const sessions = new Map<string, RepositorySession>();
  let knownHosts: Promise<string> | undefined;
  const hosts = () => {
    knownHosts ??= readKnownHosts(context.kube, scope.argocdNamespace);
    return knownHosts;
  };
  const open = async (index: number): Promise<T> => {
    const next = ordered[index];
    if (!next) return operation(sessions);
    const [key, repoURL] = next;
    return context.locks.run(key, async () => {
      const credentials = await readRepoCredentials(
        context.kube,
        scope.argocdNamespace,
        repoURL,
        scope.project,
      );
      return withGitAuth(repoURL, credentials, hosts, async (auth) => {
        const session = { repoURL, credentials, auth };
        for (const url of repoURLs) if (normalizeRepoURL(url) === key) sessions.set(url, session);
        return open(index + 1);
      });
    });
  };
  return open(0);
}
