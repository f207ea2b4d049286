import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitOpsError } from '../gitops-error.js';
import { isSSHURL } from './repo-url.js';
import { type RepoCredentials, secretValues } from './repository-credentials.js';
import { knowsHost, sshCommand, sshHostOf } from './ssh-command.js';

/** What one git process needs to authenticate: environment, config entries, and what to scrub. */
export interface GitAuth {
  env: Record<string, string>;
  /** `git -c` entries, passed as GIT_CONFIG_* variables so they never show in a process list. */
  config: [string, string][];
  /** Values that must not appear in any output. */
  secrets: string[];
}

/** Answers git's username and password prompts from the environment, so neither is ever in argv. */
const ASKPASS = `#!/bin/sh
case "$1" in
  Username*) printf '%s\\n' "$AI_SRE_GIT_USERNAME" ;;
  *) printf '%s\\n' "$AI_SRE_GIT_PASSWORD" ;;
esac
`;

/**
 * Runs `operation` with the credentials of a repository in effect: HTTPS passwords through a
 * GIT_ASKPASS helper, a bearer token as an http.extraHeader, an SSH key and Argo CD's known hosts
 * as 0600 files in a private temp directory that is removed afterwards, whatever happens.
 */
export async function withGitAuth<T>(
  repoURL: string,
  credentials: RepoCredentials,
  knownHosts: () => Promise<string>,
  operation: (auth: GitAuth) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'argocd-ai-sre-git-auth-'));
  try {
    await chmod(dir, 0o700);
    const auth: GitAuth = { env: {}, config: [], secrets: secretValues(credentials) };
    if (isSSHURL(repoURL)) {
      const hosts = await knownHosts();
      const host = sshHostOf(repoURL);
      if (!knowsHost(hosts, host)) {
        throw new GitOpsError(
          'credentials',
          `Argo CD knows no SSH host key for ${host} (ConfigMap argocd-ssh-known-hosts-cm); host keys are never accepted unseen`,
        );
      }
      const knownHostsFile = join(dir, 'known_hosts');
      await writeFile(knownHostsFile, hosts, { mode: 0o600 });
      let keyFile = '/dev/null';
      if (credentials.sshPrivateKey) {
        keyFile = join(dir, 'identity');
        const key = credentials.sshPrivateKey.endsWith('\n')
          ? credentials.sshPrivateKey
          : `${credentials.sshPrivateKey}\n`;
        await writeFile(keyFile, key, { mode: 0o600 });
      }
      auth.env.GIT_SSH_COMMAND = sshCommand(keyFile, knownHostsFile);
    } else {
      if (credentials.username !== undefined || credentials.password !== undefined) {
        const askpass = join(dir, 'askpass');
        await writeFile(askpass, ASKPASS, { mode: 0o700 });
        auth.env.GIT_ASKPASS = askpass;
        auth.env.AI_SRE_GIT_USERNAME = credentials.username ?? '';
        auth.env.AI_SRE_GIT_PASSWORD = credentials.password ?? '';
      }
      if (credentials.bearerToken) {
        auth.config.push(['http.extraHeader', `Authorization: Bearer ${credentials.bearerToken}`]);
      }
      if (credentials.insecure) auth.config.push(['http.sslVerify', 'false']);
    }
    return await operation(auth);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
