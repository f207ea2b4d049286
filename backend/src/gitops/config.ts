import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../config-error.js';
import type { ForgeProvider } from './pull-request/providers.js';

/** How the Git writer works: where it clones, who it commits as, which forges open pull requests. */
export interface GitConfig {
  /** Shallow clones, one per repository and branch, reused across fixes. */
  cacheDir: string;
  /** The identity commits are made with (and authored by, unless a person approved the fix). */
  author: { name: string; email: string };
  providers: ForgeProvider[];
  /** Longest a single git command may run. */
  timeoutMs: number;
}

type Environment = Readonly<Record<string, string | undefined>>;

export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';

/** `host` or `host=https://api.url` entries, comma-separated. */
function hostList(
  env: Environment,
  name: string,
  fallback: string,
  kind: ForgeProvider['kind'],
): ForgeProvider[] {
  const raw = env[name] ?? fallback;
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => {
      const [host = '', apiUrl] = item.split(/=(.*)/s, 2);
      if (!/^[a-z0-9.-]+(:\d+)?$/i.test(host.trim())) {
        throw new ConfigError(`${name}: "${item}" is not a host name (or host=API URL)`);
      }
      const url =
        apiUrl?.trim() ||
        (kind === 'github' ? `https://${host.trim()}/api/v3` : `https://${host.trim()}/api/v4`);
      try {
        new URL(url);
      } catch {
        throw new ConfigError(`${name}: "${url}" is not a URL`);
      }
      return { kind, host: host.trim().toLowerCase(), apiUrl: url.replace(/\/+$/, '') };
    });
}

function timeout(env: Environment): number {
  const raw = env.AI_SRE_GIT_TIMEOUT_MS;
  if (raw === undefined || raw === '') return 120_000;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1000) {
    throw new ConfigError(`AI_SRE_GIT_TIMEOUT_MS must be an integer ≥ 1000, got "${raw}"`);
  }
  return value;
}

/**
 * Reads the Git writer's settings from environment variables:
 * - AI_SRE_GIT_CACHE_DIR: the clone cache (default: a folder in the system's temp directory);
 * - AI_SRE_GIT_AUTHOR_NAME / AI_SRE_GIT_AUTHOR_EMAIL: the commit identity;
 * - AI_SRE_GIT_TIMEOUT_MS: the longest one git command may run (default 120000);
 * - AI_SRE_GITHUB_API_URL: GitHub's API for github.com repositories (default https://api.github.com);
 * - AI_SRE_GITHUB_HOSTS: GitHub Enterprise hosts, `host` (API at https://host/api/v3) or `host=API URL`;
 * - AI_SRE_GITLAB_HOSTS: GitLab hosts, `host` (API at https://host/api/v4) or `host=API URL`
 *   (default gitlab.com).
 * Repositories on other hosts get a branch a person opens the pull request from.
 */
export function loadGitConfig(env: Environment = process.env): GitConfig {
  const email = env.AI_SRE_GIT_AUTHOR_EMAIL ?? 'argocd-ai-sre@users.noreply.invalid';
  if (!/^[^\s<>@]+@[^\s<>@]+$/.test(email)) {
    throw new ConfigError(`AI_SRE_GIT_AUTHOR_EMAIL must be an email address, got "${email}"`);
  }
  const name = (env.AI_SRE_GIT_AUTHOR_NAME ?? 'argocd-ai-sre').trim();
  if (name === '' || /[<>\n]/.test(name)) {
    throw new ConfigError(`AI_SRE_GIT_AUTHOR_NAME must be a name without <, > or line breaks, got "${name}"`);
  }
  const github: ForgeProvider = {
    kind: 'github',
    host: 'github.com',
    apiUrl: (env.AI_SRE_GITHUB_API_URL ?? DEFAULT_GITHUB_API_URL).replace(/\/+$/, ''),
  };
  try {
    new URL(github.apiUrl);
  } catch {
    throw new ConfigError(`AI_SRE_GITHUB_API_URL: "${github.apiUrl}" is not a URL`);
  }
  return {
    cacheDir: env.AI_SRE_GIT_CACHE_DIR || join(tmpdir(), 'argocd-ai-sre-git'),
    author: { name, email },
    providers: [
      github,
      ...hostList(env, 'AI_SRE_GITHUB_HOSTS', '', 'github'),
      ...hostList(env, 'AI_SRE_GITLAB_HOSTS', 'gitlab.com', 'gitlab'),
    ],
    timeoutMs: timeout(env),
  };
}
