/** Forges whose commit pages follow from the repository URL alone. */
const COMMIT_PATHS: Readonly<Record<string, (sha: string) => string>> = {
  'github.com': (sha) => `/commit/${sha}`,
  'gitlab.com': (sha) => `/-/commit/${sha}`,
  'bitbucket.org': (sha) => `/commits/${sha}`,
};

/**
 * The web page of a commit, for an https repoURL on a known forge; undefined otherwise (ssh URLs,
 * self-hosted servers whose web layout is unknown), where the UI shows the SHA alone.
 */
export function commitUrl(repoURL: string, sha: string): string | undefined {
  let url: URL;
  try {
    url = new URL(repoURL);
  } catch {
    return undefined;
  }
  const path = COMMIT_PATHS[url.hostname.toLowerCase()];
  if (url.protocol !== 'https:' || !path || !/^[0-9a-f]{7,64}$/i.test(sha)) return undefined;
  const repository = url.pathname.replace(/\/+$/, '').replace(/\.git$/, '');
  if (repository.split('/').filter(Boolean).length < 2) return undefined;
  return `https://${url.host}${repository}${path(sha)}`;
}

export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}
