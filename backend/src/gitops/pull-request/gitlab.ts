import { apiFailure, type PullRequest } from './providers.js';

/** Opens a merge request with GitLab's REST API (POST /projects/:id/merge_requests); returns its web URL. */
export async function openGitLabMergeRequest(apiUrl: string, request: PullRequest): Promise<string> {
  const project = encodeURIComponent(request.repository);
  const response = await fetch(`${apiUrl.replace(/\/+$/, '')}/projects/${project}/merge_requests`, {
    method: 'POST',
    headers: {
      'PRIVATE-TOKEN': request.token,
      'Content-Type': 'application/json',
      'User-Agent': 'argocd-ai-sre',
    },
    body: JSON.stringify({
      source_branch: request.head,
      target_branch: request.base,
      title: request.title,
      description: request.body,
      remove_source_branch: true,
    }),
    signal: AbortSignal.timeout(30_000),
  });
  if (response.status !== 201) throw await apiFailure(response, 'GitLab merge request');
  const created = (await response.json()) as { web_url?: unknown };
  if (typeof created.web_url !== 'string')
    throw new Error('GitLab merge request: the response names no web_url');
  return created.web_url;
}
