import type { Secret } from '../../kube/objects.js';
import { GitOpsError } from '../gitops-error.js';
import { normalizeRepoURL } from './repo-url.js';

export const SECRET_TYPE_LABEL = 'argocd.argoproj.io/secret-type';

/** How git authenticates to one repository; never logged, never in a message. */
export interface RepoCredentials {
  /** `argocd/repo-shop`: the Secret the credentials come from, for messages; absent when none matched. */
  secret?: string;
  username?: string;
  password?: string;
  bearerToken?: string;
  sshPrivateKey?: string;
  /** HTTPS without certificate verification, as the Secret's `insecure: "true"` asks. */
  insecure: boolean;
}

function field(secret: Secret, key: string): string | undefined {
  const value = secret.data?.[key];
  if (value === undefined) return undefined;
  const text = Buffer.from(value, 'base64').toString('utf8');
  return text === '' ? undefined : text;
}

function secretName(secret: Secret): string {
  return `${secret.metadata?.namespace ?? ''}/${secret.metadata?.name ?? ''}`;
}

function hasCredentials(secret: Secret): boolean {
  return ['username', 'password', 'bearerToken', 'sshPrivateKey', 'githubAppPrivateKey'].some(
    (key) => field(secret, key) !== undefined,
  );
}

function credentialsOf(secret: Secret, insecure: boolean): RepoCredentials {
  if (field(secret, 'githubAppPrivateKey')) {
    throw new GitOpsError(
      'credentials',
      `Secret ${secretName(secret)} authenticates as a GitHub App, which the Git writer does not support yet; give it a token (password) instead`,
    );
  }
  const credentials: RepoCredentials = { secret: secretName(secret), insecure };
  for (const key of ['username', 'password', 'bearerToken', 'sshPrivateKey'] as const) {
    const value = field(secret, key);
    if (value !== undefined) credentials[key] = value;
  }
  return credentials;
}

function typeOf(secret: Secret): string | undefined {
  return secret.metadata?.labels?.[SECRET_TYPE_LABEL];
}

/** Argo CD's repository Secret for a URL: same URL; one scoped to the app's project comes first. */
function repositorySecret(
  secrets: readonly Secret[],
  type: string,
  repoURL: string,
  project: string,
): Secret | undefined {
  const wanted = normalizeRepoURL(repoURL);
  const same = secrets.filter(
    (secret) => typeOf(secret) === type && normalizeRepoURL(field(secret, 'url') ?? '') === wanted,
  );
  return (
    same.find((secret) => field(secret, 'project') === project) ??
    same.find((secret) => field(secret, 'project') === undefined)
  );
}

/** Argo CD's credential template for a URL: the repo-creds Secret with the longest URL prefix. */
function templateSecret(secrets: readonly Secret[], type: string, repoURL: string): Secret | undefined {
  const wanted = normalizeRepoURL(repoURL);
  let best: Secret | undefined;
  let bestLength = 0;
  for (const secret of secrets) {
    if (typeOf(secret) !== type) continue;
    const prefix = normalizeRepoURL(field(secret, 'url') ?? '');
    if (prefix !== '' && wanted.startsWith(prefix) && prefix.length > bestLength) {
      best = secret;
      bestLength = prefix.length;
    }
  }
  return best;
}

function flag(secret: Secret | undefined, key: string): boolean {
  return secret !== undefined && field(secret, key) === 'true';
}

/**
 * The credentials Argo CD would use for a repository: its `repository` Secret (same URL, trailing
 * `.git` and `/` ignored); when that holds no credentials or there is none, the `repo-creds`
 * template whose URL is the longest prefix of it. None at all: anonymous access. Argo CD's write
 * credentials (`repository-write`, `repo-write-creds`, which its source hydrator pushes with) come
 * first when there are any: read credentials are often read-only deploy keys.
 */
export function resolveCredentials(
  secrets: readonly Secret[],
  repoURL: string,
  project: string,
): RepoCredentials {
  const read = repositorySecret(secrets, 'repository', repoURL, project);
  for (const [exact, template] of [
    ['repository-write', 'repo-write-creds'],
    ['repository', 'repo-creds'],
  ] as const) {
    const repository = repositorySecret(secrets, exact, repoURL, project);
    if (repository && hasCredentials(repository))
      return credentialsOf(repository, flag(repository, 'insecure'));
    const prefix = templateSecret(secrets, template, repoURL);
    if (prefix) return credentialsOf(prefix, flag(read, 'insecure') || flag(prefix, 'insecure'));
  }
  return { insecure: flag(read, 'insecure') };
}

/** The values of credentials that must never appear in output. */
export function secretValues(credentials: RepoCredentials): string[] {
  return [credentials.password, credentials.bearerToken, credentials.sshPrivateKey].filter(
    (value): value is string => value !== undefined,
  );
}
