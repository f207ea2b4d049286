/**
 * Where a repoURL's repository lives on the sandbox Git server: `https://git.example.com/shop/deploy.git`
 * and `git@git.example.com:shop/deploy.git` both map to `git.example.com/shop/deploy.git`; the path is
 * kept as written, since git requests it as written.
 */
export function repositoryPathOf(repoURL: string): string {
  const scpLike = /^(?:[^@/]+@)?(?<host>[^:/]+):(?!\/\/)(?<path>.+)$/.exec(repoURL);
  let host: string;
  let path: string;
  if (scpLike?.groups?.host && scpLike.groups.path) {
    host = scpLike.groups.host;
    path = scpLike.groups.path;
  } else {
    const url = new URL(repoURL);
    host = url.host;
    path = url.pathname;
  }
  path = path.replace(/^\/+/, '').replace(/\/+$/, '');
  return `${host}/${path}`;
}

/** The prefix of a repoURL that git's `url.<base>.insteadOf` rewrites: scheme, user and host. */
export function repoURLPrefix(repoURL: string): string {
  const scpLike = /^(?<prefix>(?:[^@/]+@)?[^:/]+:)(?!\/\/)/.exec(repoURL);
  if (scpLike?.groups?.prefix) return scpLike.groups.prefix;
  const url = new URL(repoURL);
  return `${url.protocol}//${url.username ? `${url.username}@` : ''}${url.host}/`;
}
