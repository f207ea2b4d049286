import { repositoryLocation } from '../credentials/repo-url.js';
import { openGitHubPullRequest } from './github.js';
import { openGitLabMergeRequest } from './gitlab.js';
import type { ForgeProvider, PullRequest } from './providers.js';

/** Opens a pull request (GitHub) or merge request (GitLab) for a pushed branch; returns its web URL. */
export function openPullRequest(
  provider: ForgeProvider,
  repoURL: string,
  request: Omit<PullRequest, 'repository'>,
): Promise<string> {
  const repository = repositoryLocation(repoURL).path;
  return provider.kind === 'github'
    ? openGitHubPullRequest(provider.apiUrl, { ...request, repository })
    : openGitLabMergeRequest(provider.apiUrl, { ...request, repository });
}
