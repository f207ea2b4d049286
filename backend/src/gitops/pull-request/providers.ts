import { DeadlineError } from '../../support/deadline-error.js';
import { repositoryLocation } from '../credentials/repo-url.js';

/** How long a forge's API may take to open a pull request, the answer's body included. */
export const FORGE_TIMEOUT_MS = 30_000;

/** A Git forge whose API can open pull (merge) requests for repositories on its host. */
export interface ForgeProvider {
  kind: 'github' | 'gitlab';
  /** The host repository URLs name: `github.com`, `ghe.example.com`. */
  host: string;
  /** The REST API root: `https://api.github.com`, `https://ghe.example.com/api/v3`, `https://gitlab.example.com/api/v4`. */
  apiUrl: string;
}

export interface PullRequest {
  /** `owner/repo` on GitHub, the project path on GitLab. */
  repository: string;
  token: string;
  head: string;
  base: string;
  title: string;
  body: string;
}

/** The forge configured for the host of a repository URL, if any. */
export function providerFor(providers: readonly ForgeProvider[], repoURL: string): ForgeProvider | undefined {
  const { host } = repositoryLocation(repoURL);
  return providers.find((provider) => provider.host.toLowerCase() === host);
}

/** The forge's own error text for a failed call, short, without anything it echoed of the request. */
export async function apiFailure(response: Response, what: string): Promise<Error> {
  let detail = '';
  try {
    const body = (await response.json()) as { message?: unknown; errors?: unknown };
    detail = [body.message, body.errors ? JSON.stringify(body.errors) : undefined].filter(Boolean).join(' ');
  } catch {
    // Not JSON: the status says enough.
  }
  return new Error(
    `${what} failed: HTTP ${response.status}${detail ? `: ${String(detail).slice(0, 300)}` : ''}`,
  );
}

/**
 * POSTs JSON to a forge's API and reads the answer's JSON within `timeoutMs`; a forge that does not
 * answer in time is a DeadlineError naming it, and the connection is closed. A non-201 answer is
 * apiFailure's error.
 */
export async function postToForge(
  what: string,
  url: string,
  init: { headers: Record<string, string>; body: unknown },
  timeoutMs: number = FORGE_TIMEOUT_MS,
): Promise<Record<string, unknown>> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { ...init.headers, 'Content-Type': 'application/json', 'User-Agent': 'argocd-ai-sre' },
      body: JSON.stringify(init.body),
      signal,
    });
    if (response.status !== 201) throw await apiFailure(response, what);
    const created: unknown = await response.json();
    return created !== null && typeof created === 'object' ? (created as Record<string, unknown>) : {};
  } catch (error) {
    if (signal.aborted) throw new DeadlineError(`${what}: the API at ${new URL(url).host}`, timeoutMs);
    throw error;
  }
}
