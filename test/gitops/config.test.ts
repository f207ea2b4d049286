import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../backend/src/config.js';
import { loadGitConfig } from '../../backend/src/gitops/config.js';

describe('loadGitConfig', () => {
  it('has defaults that work without any variable', () => {
    expect(loadGitConfig({})).toEqual({
      cacheDir: join(tmpdir(), 'argocd-ai-sre-git'),
      author: { name: 'argocd-ai-sre', email: 'argocd-ai-sre@users.noreply.invalid' },
      providers: [
        { kind: 'github', host: 'github.com', apiUrl: 'https://api.github.com' },
        { kind: 'gitlab', host: 'gitlab.com', apiUrl: 'https://gitlab.com/api/v4' },
      ],
      timeoutMs: 120_000,
    });
  });

  it('reads the cache, identity, timeout and forge hosts', () => {
    const config = loadGitConfig({
      AI_SRE_GIT_CACHE_DIR: '/var/cache/ai-sre',
      AI_SRE_GIT_AUTHOR_NAME: 'Platform Bot',
      AI_SRE_GIT_AUTHOR_EMAIL: 'platform-bot@example.com',
      AI_SRE_GIT_TIMEOUT_MS: '30000',
      AI_SRE_GITHUB_API_URL: 'https://github.proxy.example.com/api/',
      AI_SRE_GITHUB_HOSTS: 'ghe.example.com, ghe2.example.com=https://api.ghe2.example.com',
      AI_SRE_GITLAB_HOSTS: 'gitlab.example.com',
    });
    expect(config).toMatchObject({
      cacheDir: '/var/cache/ai-sre',
      author: { name: 'Platform Bot', email: 'platform-bot@example.com' },
      timeoutMs: 30_000,
    });
    expect(config.providers).toEqual([
      { kind: 'github', host: 'github.com', apiUrl: 'https://github.proxy.example.com/api' },
      { kind: 'github', host: 'ghe.example.com', apiUrl: 'https://ghe.example.com/api/v3' },
      { kind: 'github', host: 'ghe2.example.com', apiUrl: 'https://api.ghe2.example.com' },
      { kind: 'gitlab', host: 'gitlab.example.com', apiUrl: 'https://gitlab.example.com/api/v4' },
    ]);
  });

  it('names the variable of each bad value', () => {
    expect(() => loadGitConfig({ AI_SRE_GIT_AUTHOR_EMAIL: 'not an address' })).toThrow(
      new ConfigError('AI_SRE_GIT_AUTHOR_EMAIL must be an email address, got "not an address"'),
    );
    expect(() => loadGitConfig({ AI_SRE_GIT_AUTHOR_NAME: 'Bot <bot>' })).toThrow(/AI_SRE_GIT_AUTHOR_NAME/);
    expect(() => loadGitConfig({ AI_SRE_GIT_TIMEOUT_MS: '5s' })).toThrow(
      'AI_SRE_GIT_TIMEOUT_MS must be an integer ≥ 1000, got "5s"',
    );
    expect(() => loadGitConfig({ AI_SRE_GITHUB_HOSTS: 'https://ghe.example.com' })).toThrow(
      /AI_SRE_GITHUB_HOSTS: "https:\/\/ghe.example.com" is not a host name/,
    );
    expect(() => loadGitConfig({ AI_SRE_GITLAB_HOSTS: 'gl.example.com=not a url' })).toThrow(
      'AI_SRE_GITLAB_HOSTS: "not a url" is not a URL',
    );
    expect(() => loadGitConfig({ AI_SRE_GITHUB_API_URL: 'api.github.com' })).toThrow(/AI_SRE_GITHUB_API_URL/);
  });
});
