import { GitOpsError } from '../gitops-error.js';

/** `git@host:owner/repo.git` (scp-like) and `ssh://git@host/owner/repo.git` both use SSH. */
export function isSSHURL(repoURL: string): boolean {
  return repoURL.startsWith('ssh://') || /^[^/:@]+@[^/:]+:(?!\/\/)/.test(repoURL);
}

/**
 * A repository URL as Argo CD compares them: trimmed, lower-cased, without a trailing `/` or `.git`.
 * `https://Git.Example.com/Shop/Deploy.git/` and `https://git.example.com/shop/deploy` are one.
 */
export function normalizeRepoURL(repoURL: string): string {
  let url = repoURL.trim().toLowerCase();
  url = url.replace(/\/+$/, '');
  if (url.endsWith('.git')) url = url.slice(0, -4);
  return url.replace(/\/+$/, '');
}

/** Host and path of a repository URL, for forge APIs: `{host: 'github.com', path: 'shop/deploy'}`. */
export function repositoryLocation(repoURL: string): { host: string; path: string } {
  const scpLike = /^(?:[^@/]+@)?(?<host>[^:/]+):(?!\/\/)(?<path>.+)$/.exec(repoURL.trim());
  let host: string;
  let path: string;
  if (scpLike?.groups?.host && scpLike.groups.path && !repoURL.includes('://')) {
    host = scpLike.groups.host;
    path = scpLike.groups.path;
  } else {
    let url: URL;
    try {
      url = new URL(repoURL.trim());
    } catch {
      throw new GitOpsError('source', `repoURL ${withoutUserinfo(repoURL)} is not a URL git can use`);
    }
    host = url.hostname;
    path = url.pathname;
  }
  path = path
    .replace(/^\/+/, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
  return { host: host.toLowerCase(), path };
}

/** The URL without a `user:password@` part, for messages. */
export function withoutUserinfo(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/\s@]+@/gi, '$1');
}
