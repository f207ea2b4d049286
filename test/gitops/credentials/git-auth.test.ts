import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withGitAuth } from '../../../backend/src/gitops/credentials/git-auth.js';
import {
  knowsHost,
  shellQuote,
  sshCommand,
  sshHostOf,
} from '../../../backend/src/gitops/credentials/ssh-command.js';
import { GitOpsError } from '../../../backend/src/gitops/gitops-error.js';
import { runCommand } from '../../../backend/src/support/run-command.js';

const KNOWN_HOSTS = `# github.com keys, as Argo CD ships them
github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl
[git.example.com]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl
`;

describe('the ssh command', () => {
  it('uses only the given key and known_hosts, checks host keys strictly and never prompts', () => {
    expect(sshCommand('/tmp/a b/identity', "/tmp/it's/known_hosts")).toBe(
      "ssh -F /dev/null -i '/tmp/a b/identity' -o IdentitiesOnly=yes -o UserKnownHostsFile='/tmp/it'\\''s/known_hosts' " +
        '-o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes -o BatchMode=yes -o ConnectTimeout=20',
    );
  });

  it('quotes words the way sh reads them back', async () => {
    const word = `it's a "path" with $HOME and \\`;
    const { stdout } = await runCommand('sh', ['-c', `printf '%s' ${shellQuote(word)}`]);
    expect(stdout).toBe(word);
  });

  it('names the host as known_hosts does, with a non-default port in brackets', () => {
    expect(sshHostOf('git@github.com:shop/deploy.git')).toBe('github.com');
    expect(sshHostOf('ssh://git@git.example.com:2222/shop/deploy.git')).toBe('[git.example.com]:2222');
    expect(sshHostOf('ssh://git@git.example.com/shop/deploy.git')).toBe('git.example.com');
    expect(knowsHost(KNOWN_HOSTS, 'github.com')).toBe(true);
    expect(knowsHost(KNOWN_HOSTS, '[git.example.com]:2222')).toBe(true);
    expect(knowsHost(KNOWN_HOSTS, 'git.example.com')).toBe(false);
    expect(knowsHost('|1|abc=|def= ssh-ed25519 AAAA\n', 'anything')).toBe(true);
  });
});

describe('withGitAuth', () => {
  const key =
    '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----';

  it('writes the SSH key and Argo CD’s known hosts as 0600 files, and removes them afterwards', async () => {
    let directory = '';
    await withGitAuth(
      'git@github.com:shop/deploy.git',
      { sshPrivateKey: key, insecure: false },
      async () => KNOWN_HOSTS,
      async (auth) => {
        const command = auth.env.GIT_SSH_COMMAND ?? '';
        const [, identity = ''] = /-i '([^']+)'/.exec(command) ?? [];
        const [, knownHosts = ''] = /UserKnownHostsFile='([^']+)'/.exec(command) ?? [];
        directory = dirname(identity);
        expect(await readFile(identity, 'utf8')).toBe(`${key}\n`);
        expect((await stat(identity)).mode & 0o777).toBe(0o600);
        expect(await readFile(knownHosts, 'utf8')).toBe(KNOWN_HOSTS);
        expect((await stat(knownHosts)).mode & 0o777).toBe(0o600);
        expect((await stat(directory)).mode & 0o777).toBe(0o700);
        expect(auth.secrets).toEqual([key]);
        expect(command).not.toContain('b3BlbnNzaC1rZXktdjEAAAAA');
      },
    );
    await expect(readdir(directory)).rejects.toThrow(/ENOENT/);
  });

  it('refuses an SSH host that Argo CD has no key for, and cleans up all the same', async () => {
    const attempt = withGitAuth(
      'git@git.example.com:shop/deploy.git',
      { sshPrivateKey: key, insecure: false },
      async () => KNOWN_HOSTS,
      async () => 'reached',
    );
    await expect(attempt).rejects.toThrow(
      new GitOpsError(
        'credentials',
        'Argo CD knows no SSH host key for git.example.com (ConfigMap argocd-ssh-known-hosts-cm); host keys are never accepted unseen',
      ),
    );
  });

  it('answers HTTPS prompts through GIT_ASKPASS from the environment, never from arguments', async () => {
    await withGitAuth(
      'https://git.example.com/shop/deploy.git',
      { username: 'bot', password: 's3cret pass', insecure: true },
      async () => '',
      async (auth) => {
        const askpass = auth.env.GIT_ASKPASS ?? '';
        expect((await stat(askpass)).mode & 0o777).toBe(0o700);
        expect(await readFile(askpass, 'utf8')).not.toContain('s3cret');
        const env = { PATH: process.env.PATH ?? '', ...auth.env };
        expect(
          (await runCommand(askpass, ["Username for 'https://git.example.com': "], { env })).stdout,
        ).toBe('bot\n');
        expect(
          (await runCommand(askpass, ["Password for 'https://bot@git.example.com': "], { env })).stdout,
        ).toBe('s3cret pass\n');
        expect(auth.config).toEqual([['http.sslVerify', 'false']]);
      },
    );
  });

  it('sends a bearer token as an extra header set through git config, not argv', async () => {
    await withGitAuth(
      'https://git.example.com/shop/deploy.git',
      { bearerToken: 'tok-123', insecure: false },
      async () => '',
      async (auth) => {
        expect(auth.config).toEqual([['http.extraHeader', 'Authorization: Bearer tok-123']]);
        expect(auth.env.GIT_ASKPASS).toBeUndefined();
        expect(auth.secrets).toEqual(['tok-123']);
      },
    );
  });
});
