import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitOpsError } from '../../../backend/src/gitops/index.js';
import { runCommand } from '../../../backend/src/support/run-command.js';
import {
  ARGOCD,
  DEPLOYMENT,
  deployedFrom,
  type GitSandbox,
  plan,
  startGitSandbox,
} from '../support/git-sandbox.js';

const SSHD = '/usr/sbin/sshd';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

async function listening(port: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' }, () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`sshd did not listen on ${port}`);
}

// Debian's openssh-server (`apt-get install openssh-server`) provides the daemon; git and ssh are needed anyway.
describe.runIf(existsSync(SSHD))('the Git writer over SSH, against a real sshd', () => {
  let sandbox: GitSandbox;
  let sshd: ChildProcess | undefined;
  let port = 0;
  let clientKey = '';
  let hostKey = '';

  beforeAll(async () => {
    sandbox = await startGitSandbox();
    const dir = join(sandbox.work, 'ssh');
    await mkdir(dir, { recursive: true });
    for (const name of ['host', 'client']) {
      await runCommand('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', join(dir, name)]);
    }
    clientKey = await readFile(join(dir, 'client'), 'utf8');
    hostKey = (await readFile(join(dir, 'host.pub'), 'utf8')).split(' ').slice(0, 2).join(' ');
    await writeFile(join(dir, 'authorized_keys'), await readFile(join(dir, 'client.pub'), 'utf8'), {
      mode: 0o600,
    });
    port = await freePort();
    await writeFile(
      join(dir, 'sshd_config'),
      [
        `Port ${port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${join(dir, 'host')}`,
        `PidFile ${join(dir, 'sshd.pid')}`,
        `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
        `AllowUsers ${userInfo().username}`,
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'PermitRootLogin prohibit-password',
        'StrictModes no',
        'UsePAM no',
        '',
      ].join('\n'),
    );
    // Run as root, sshd wants its privilege separation directory.
    if (process.getuid?.() === 0) await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
    sshd = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: 'ignore' });
    await listening(port);
  });

  afterAll(async () => {
    sshd?.kill();
    await sandbox.close();
  });

  async function sshRepository(path: string) {
    const repo = await sandbox.repository(path, [{ 'deploy/deployment.yaml': DEPLOYMENT }]);
    const repoURL = `ssh://${userInfo().username}@127.0.0.1:${port}${repo.bareDir}`;
    return { ...repo, repoURL };
  }

  function knownHosts(text: string) {
    sandbox.apiServer.apply({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'argocd-ssh-known-hosts-cm', namespace: ARGOCD },
      data: { ssh_known_hosts: text },
    });
  }

  it('clones and pushes with the Secret’s private key, checking the host key against Argo CD’s known hosts', async () => {
    const repo = await sshRepository('ssh/deploy');
    knownHosts(`# Argo CD's trusted hosts\n[127.0.0.1]:${port} ${hostKey}\n`);
    sandbox.secret('repo-ssh', 'repository', { url: repo.repoURL, sshPrivateKey: clientKey });
    const writer = await sandbox.writer({ gitEnv: {} });
    const app = deployedFrom(repo.repoURL);
    const change = await writer.propose({
      application: app,
      plan: plan([{ path: 'spec.replicas', from: 2, to: 4 }]),
      argocdNamespace: ARGOCD,
    });
    expect(change.baseCommit).toBe(repo.head);
    const result = await writer.commit(change, {
      remediationId: 'ssh-1',
      app: 'argocd/shop-web',
      symptom: 'Unschedulable',
      runbook: 'scale',
    });
    expect(result.mode).toBe('push');
    expect(await sandbox.git(repo.bareDir, 'show', 'main:deploy/deployment.yaml')).toContain('replicas: 4');
  });

  it('refuses a host whose key differs from the one Argo CD trusts, without showing the private key', async () => {
    const repo = await sshRepository('ssh/spoofed');
    const otherKey = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';
    knownHosts(`[127.0.0.1]:${port} ${otherKey}\n`);
    sandbox.secret('repo-ssh-spoofed', 'repository', { url: repo.repoURL, sshPrivateKey: clientKey });
    const writer = await sandbox.writer({ gitEnv: {} });
    const app = deployedFrom(repo.repoURL);
    const attempt = writer.propose({
      application: app,
      plan: plan([{ path: 'spec.replicas', to: 4 }]),
      argocdNamespace: ARGOCD,
    });
    const error = (await attempt.catch((caught: unknown) => caught)) as GitOpsError;
    expect(error).toBeInstanceOf(GitOpsError);
    expect(error.problem).toBe('authentication');
    expect(error.message).toMatch(/Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED/);
    for (const line of clientKey.split('\n').filter((l) => l.length > 20))
      expect(error.message).not.toContain(line);
  });
});
