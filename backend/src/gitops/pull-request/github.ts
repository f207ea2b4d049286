import { type PullRequest, postToForge } from './providers.js';

/** Opens a pull request with GitHub's REST API (POST /repos/{owner}/{repo}/pulls); returns its web URL. */
export async function openGitHubPullRequest(
  apiUrl: string,
  request: PullRequest,
  timeoutMs?: number,
): Promise<string> {
  const created = await postToForge(
    'GitHub pull request',
    `${apiUrl.replace(/\/+$/, '')}/repos/${request.repository}/pulls`,
    {
      headers: {
        Accept: 'application/vnd.github+json',
        Authorization: `Bearer ${request.token}`,
        'X-GitHub-Api-Version': '2022-11-28',
      },
      body: { title: request.title, head: request.head, base: request.base, body: request.body },
    },
    timeoutMs,
  );
  if (typeof created.html_url !== 'string')
    throw new Error('GitHub pull request: the response names no html_url');
  return created.html_url;
}
