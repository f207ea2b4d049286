import type { GitAuth } from '../credentials/git-auth.js';

/** Where git's home and global config live: a directory the writer controls, never the user's. */
export interface GitHome {
  home: string;
  globalConfig: string;
}

/** `GIT_CONFIG_COUNT`/`KEY_n`/`VALUE_n` entries of an environment, in order. */
function configEntries(env: Readonly<Record<string, string>>): [string, string][] {
  const count = Number.parseInt(env.GIT_CONFIG_COUNT ?? '0', 10);
  const entries: [string, string][] = [];
  for (let index = 0; index < count; index++) {
    const key = env[`GIT_CONFIG_KEY_${index}`];
    if (key !== undefined) entries.push([key, env[`GIT_CONFIG_VALUE_${index}`] ?? '']);
  }
  return entries;
}

/**
 * The whole environment of a git process: no system or user configuration, a private HOME, no
 * terminal prompts, messages in English (the writer reads some), only network transports, the caller's extra variables
 * (the sandbox's insteadOf rewrites, a proxy) and the operation's credentials. Only PATH comes from
 * this process, to find git; nothing else leaks in from it.
 */
export function gitEnvironment(
  home: GitHome,
  extra: Readonly<Record<string, string>>,
  auth?: GitAuth,
  variables: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(extra)) {
    if (!name.startsWith('GIT_CONFIG_')) env[name] = value;
  }
  Object.assign(env, {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: home.home,
    XDG_CONFIG_HOME: home.home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: home.globalConfig,
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: '',
    SSH_ASKPASS: '',
    LC_ALL: 'C',
    // A repoURL comes from an Application: no ext:: (runs a command) or file:// unless the caller asks.
    GIT_ALLOW_PROTOCOL: extra.GIT_ALLOW_PROTOCOL ?? 'https:http:ssh:git',
  });
  const config = [...configEntries(extra), ...(auth?.config ?? [])];
  env.GIT_CONFIG_COUNT = String(config.length);
  config.forEach(([key, value], index) => {
    env[`GIT_CONFIG_KEY_${index}`] = key;
    env[`GIT_CONFIG_VALUE_${index}`] = value;
  });
  Object.assign(env, auth?.env ?? {}, variables);
  return env;
}
