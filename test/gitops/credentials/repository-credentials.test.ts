import { describe, expect, it } from 'vitest';
import { normalizeRepoURL, repositoryLocation } from '../../../backend/src/gitops/credentials/repo-url.js';
import { resolveCredentials } from '../../../backend/src/gitops/credentials/repository-credentials.js';
import { GitOpsError } from '../../../backend/src/gitops/gitops-error.js';
import type { Secret } from '../../../backend/src/kube/objects.js';

function secret(name: string, type: string, data: Record<string, string>): Secret {
  return {
    metadata: { name, namespace: 'argocd', labels: { 'argocd.argoproj.io/secret-type': type } },
    data: Object.fromEntries(
      Object.entries(data).map(([key, value]) => [key, Buffer.from(value).toString('base64')]),
    ),
  };
}

const URL = 'https://git.example.com/shop/deploy.git';

describe('normalizeRepoURL', () => {
  it('ignores case, a trailing .git and trailing slashes, as Argo CD compares URLs', () => {
    for (const spelling of [
      'https://Git.Example.com/Shop/Deploy.git/',
      'https://git.example.com/shop/deploy',
      ' https://git.example.com/shop/deploy.git ',
    ]) {
      expect(normalizeRepoURL(spelling)).toBe('https://git.example.com/shop/deploy');
    }
    expect(normalizeRepoURL('https://git.example.com/shop/deploy-two')).not.toBe(normalizeRepoURL(URL));
  });

  it('finds host and path of HTTPS and scp-like SSH URLs', () => {
    expect(repositoryLocation('git@github.com:shop/deploy.git')).toEqual({
      host: 'github.com',
      path: 'shop/deploy',
    });
    expect(repositoryLocation('ssh://git@GitHub.com:22/shop/deploy')).toEqual({
      host: 'github.com',
      path: 'shop/deploy',
    });
    expect(repositoryLocation('https://gitlab.example.com/group/sub/deploy.git/')).toEqual({
      host: 'gitlab.example.com',
      path: 'group/sub/deploy',
    });
    expect(() => repositoryLocation('not a url')).toThrow(GitOpsError);
  });
});

describe('resolveCredentials', () => {
  it('takes the repository Secret of the same URL, whatever its spelling', () => {
    const secrets = [
      secret('other', 'repository', { url: 'https://git.example.com/shop/other.git', password: 'other' }),
      secret('deploy', 'repository', {
        url: 'https://git.example.com/shop/deploy/',
        username: 'bot',
        password: 'pw',
        insecure: 'true',
      }),
    ];
    expect(resolveCredentials(secrets, URL, 'default')).toEqual({
      secret: 'argocd/deploy',
      username: 'bot',
      password: 'pw',
      insecure: true,
    });
  });

  it('falls back to the repo-creds template with the longest URL prefix', () => {
    const secrets = [
      secret('org', 'repo-creds', { url: 'https://git.example.com/', password: 'org-wide' }),
      secret('shop', 'repo-creds', {
        url: 'https://git.example.com/shop',
        username: 'shop-bot',
        password: 'shop-only',
      }),
      secret('unrelated', 'repo-creds', { url: 'https://git.example.com/shopping', password: 'no' }),
    ];
    expect(resolveCredentials(secrets, URL, 'default')).toMatchObject({
      secret: 'argocd/shop',
      password: 'shop-only',
    });
    expect(resolveCredentials(secrets, 'https://git.example.com/infra/x.git', 'default')).toMatchObject({
      secret: 'argocd/org',
    });
  });

  it('fills a repository Secret without credentials from the template, keeping its insecure flag', () => {
    const secrets = [
      secret('deploy', 'repository', { url: URL, insecure: 'true' }),
      secret('shop', 'repo-creds', { url: 'https://git.example.com/shop', bearerToken: 'tok' }),
    ];
    expect(resolveCredentials(secrets, URL, 'default')).toEqual({
      secret: 'argocd/shop',
      bearerToken: 'tok',
      insecure: true,
    });
  });

  it('prefers the Secret scoped to the app’s project, and write credentials over read ones', () => {
    const secrets = [
      secret('shared', 'repository', { url: URL, password: 'shared' }),
      secret('scoped', 'repository', { url: URL, password: 'scoped', project: 'shop' }),
    ];
    expect(resolveCredentials(secrets, URL, 'shop').password).toBe('scoped');
    expect(resolveCredentials(secrets, URL, 'default').password).toBe('shared');
    const write = secret('write', 'repository-write', { url: URL, password: 'can-push' });
    expect(resolveCredentials([...secrets, write], URL, 'default').password).toBe('can-push');
  });

  it('is anonymous when no Secret matches, and refuses GitHub App credentials with a clear error', () => {
    expect(resolveCredentials([], URL, 'default')).toEqual({ insecure: false });
    const app = secret('app', 'repository', {
      url: URL,
      githubAppID: '1',
      githubAppPrivateKey: '-----BEGIN KEY-----',
    });
    expect(() => resolveCredentials([app], URL, 'default')).toThrow(
      /Secret argocd\/app authenticates as a GitHub App/,
    );
  });
});
