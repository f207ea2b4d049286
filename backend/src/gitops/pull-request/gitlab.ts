import { type PullRequest, postToForge } from './providers.js';

/** Opens a merge request with GitLab's REST API (POST /projects/:id/merge_requests); returns its web URL. */
export async function openGitLabMergeRequest(
  apiUrl: string,
  request: PullRequest,
  timeoutMs?: number,
): Promise<string> {
  const project = encodeURIComponent(request.repository);
  const created = await postToForge(
    'GitLab merge request',
    `${apiUrl.replace(/\/+$/, '')}/projects/${project}/merge_requests`,
    {
      headers: { 'PRIVATE-TOKEN': request.token },
      body: {
        source_branch: request.head,
        target_branch: request.base,
        title: request.title,
        description: request.body,
        remove_source_branch: true,
      },
    },
    timeoutMs,
  );
  if (typeof created.web_url !== 'string')
    throw new Error('GitLab merge request: the response names no web_url');
  return created.web_url;
}
