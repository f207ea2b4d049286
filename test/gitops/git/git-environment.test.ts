import { describe, expect, it, vi } from 'vitest';
import { gitEnvironment } from '../../../backend/src/gitops/git/git-environment.js';
import { scrub } from '../../../backend/src/gitops/git/scrub.js';

describe('gitEnvironment', () => {
  const home = { home: '/cache/home', globalConfig: '/cache/home/gitconfig' };

  it('shuts out system and user configuration and terminal prompts', () => {
    expect(gitEnvironment(home, {})).toEqual({
      PATH: process.env.PATH,
      HOME: '/cache/home',
      XDG_CONFIG_HOME: '/cache/home',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/cache/home/gitconfig',
      GIT_TERMINAL_PROMPT: '0',
      GIT_ASKPASS: '',
      SSH_ASKPASS: '',
      LC_ALL: 'C',
      GIT_ALLOW_PROTOCOL: 'https:http:ssh:git',
      GIT_CONFIG_COUNT: '0',
    });
  });

  it('keeps the caller’s config entries and adds the credentials’ after them', () => {
    const env = gitEnvironment(
      home,
      {
        GIT_CONFIG_COUNT: '1',
        GIT_CONFIG_KEY_0: 'url.http://127.0.0.1:1/h/.insteadOf',
        GIT_CONFIG_VALUE_0: 'https://h/',
        HTTPS_PROXY: 'http://proxy:3128',
      },
      { env: { GIT_ASKPASS: '/tmp/askpass' }, config: [['http.sslVerify', 'false']], secrets: [] },
      { GIT_AUTHOR_NAME: 'AI SRE' },
    );
    expect(env).toMatchObject({
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_0: 'url.http://127.0.0.1:1/h/.insteadOf',
      GIT_CONFIG_VALUE_0: 'https://h/',
      GIT_CONFIG_KEY_1: 'http.sslVerify',
      GIT_CONFIG_VALUE_1: 'false',
      GIT_ASKPASS: '/tmp/askpass',
      HTTPS_PROXY: 'http://proxy:3128',
      GIT_AUTHOR_NAME: 'AI SRE',
    });
  });

  it('takes nothing else from this process’s environment', () => {
    vi.stubEnv('GIT_DIR', '/somewhere/else/.git');
    vi.stubEnv('GIT_CONFIG_PARAMETERS', "'core.hooksPath'='/tmp/hooks'");
    vi.stubEnv('SSH_AUTH_SOCK', '/run/user/1000/ssh-agent');
    vi.stubEnv('HOME', '/root');
    try {
      const env = gitEnvironment(home, {});
      expect(env.GIT_DIR).toBeUndefined();
      expect(env.GIT_CONFIG_PARAMETERS).toBeUndefined();
      expect(env.SSH_AUTH_SOCK).toBeUndefined();
      expect(env.HOME).toBe('/cache/home');
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('scrub', () => {
  it('hides passwords, their base64 forms, each line of a key, and URL userinfo', () => {
    const key = '-----BEGIN KEY-----\nAAAAB3NzaC1yc2EAAAADAQAB\n-----END KEY-----';
    const text = [
      "fatal: Authentication failed for 'https://bot:hunter22@git.example.com/shop/deploy.git/'",
      `Authorization: Basic ${Buffer.from('hunter22').toString('base64')}`,
      'key line AAAAB3NzaC1yc2EAAAADAQAB in output',
      'password hunter22 echoed',
    ].join('\n');
    const scrubbed = scrub(text, ['hunter22', key]);
    expect(scrubbed).not.toMatch(/hunter22|aHVudGVyMjI|AAAAB3NzaC1yc2EAAAADAQAB|bot:/);
    expect(scrubbed).toContain("for 'https://git.example.com/shop/deploy.git/'");
  });
});
