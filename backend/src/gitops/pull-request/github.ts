import { apiFailure, type PullRequest } from './providers.js';

/** Opens a pull request with GitHub's REST API (POST /repos/{owner}/{repo}/pulls); returns its web URL. */
export async function openGitHubPullRequest(apiUrl: string, request: PullRequest): Promise<string> {
  const response = await fetch(`${apiUrl.replace(/\/+$/, '')}/repos/${request.repository}/pulls`, {
    method: 'POST',
    headers: {
      Accept: 'application/vnd.github+json',
      Authorization: `Bearer ${request.token}`,
      'Content-Type': 'application/json',
      'User-Agent': 'argocd-ai-sre',
      'X-GitHub-Api-Version': '2022-11-28',
    },
    body: JSON.stringify({
      title: request.title,
      head: request.head,
      base: request.base,
      body: request.body,
    }),
    signal: AbortSignal.timeout(30_000),
  });
  if (response.status !== 201) throw await apiFailure(response, 'GitHub pull request');
  const created = (await response.json()) as { html_url?: unknown };
  if (typeof created.html_url !== 'string')
    throw new Error('GitHub pull request: the response names no html_url');
  return created.html_url;
}
