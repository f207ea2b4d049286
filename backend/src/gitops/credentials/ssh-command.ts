/** A word for `sh`, which reads GIT_SSH_COMMAND: single-quoted, inner quotes escaped. */
export function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * The ssh command git runs for one operation: only the given key, only the given known_hosts file,
 * strict host key checking (an unknown or changed host key fails the operation, it is never
 * accepted), no prompts, and no user or system ssh configuration.
 */
export function sshCommand(keyFile: string, knownHostsFile: string): string {
  return [
    'ssh',
    '-F',
    '/dev/null',
    '-i',
    shellQuote(keyFile),
    '-o',
    'IdentitiesOnly=yes',
    '-o',
    `UserKnownHostsFile=${shellQuote(knownHostsFile)}`,
    '-o',
    'GlobalKnownHostsFile=/dev/null',
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    'BatchMode=yes',
    '-o',
    'ConnectTimeout=20',
  ].join(' ');
}

/** The host (and port, as known_hosts spells it) an SSH repository URL connects to. */
export function sshHostOf(repoURL: string): string {
  if (repoURL.startsWith('ssh://')) {
    const url = new URL(repoURL);
    return url.port && url.port !== '22' ? `[${url.hostname}]:${url.port}` : url.hostname;
  }
  return /^[^@]+@([^:]+):/.exec(repoURL)?.[1] ?? '';
}

/**
 * Whether known_hosts text has a plain entry for the host. Hashed entries (`|1|...`) cannot be
 * read without the host, so their presence counts as a maybe: ssh itself decides then.
 */
export function knowsHost(knownHosts: string, host: string): boolean {
  return knownHosts.split('\n').some((line) => {
    const [hosts = ''] = line.trim().split(/\s+/);
    if (line.trim().startsWith('#') || hosts === '') return false;
    if (hosts.startsWith('|1|')) return true;
    return hosts.split(',').includes(host);
  });
}
