import { spawn } from 'node:child_process';
import { formatDeadline } from '../../support/deadline-error.js';
import type { GitAuth } from '../credentials/git-auth.js';
import { GitOpsError } from '../gitops-error.js';
import { type GitHome, gitEnvironment } from './git-environment.js';
import { scrub } from './scrub.js';

export interface GitResult {
  /** null when the process was killed (timeout). */
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface GitOptions {
  cwd?: string;
  auth?: GitAuth;
  input?: string;
  /** Extra variables for this call only: author and committer identity and dates. */
  variables?: Record<string, string>;
  /** Resolve with the exit code instead of rejecting when git fails (`push --porcelain`). */
  allowFailure?: boolean;
}

/** git's wording when a remote refuses the credentials (HTTP 401/403, SSH public key). */
const AUTHENTICATION_FAILURE =
  /Authentication failed|could not read (Username|Password)|terminal prompts disabled|HTTP Basic: Access denied|returned error: 40[13]|Permission denied \(publickey|Host key verification failed/i;

/** Subcommands that talk to a remote; the others work on the clone on local disk. */
const NETWORK_COMMANDS = new Set(['clone', 'fetch', 'pull', 'push', 'ls-remote']);

/** A local command (commit, log, revert on a shallow clone) that takes this long is stuck, not slow. */
export const LOCAL_GIT_TIMEOUT_MS = 30_000;

function subcommand(args: readonly string[]): string {
  return args.find((arg) => !arg.startsWith('-')) ?? '';
}

/** Ends git and whatever it started (git-remote-https, ssh): they share the process group git leads. */
function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/**
 * Runs git in a controlled environment with a deadline per command, network commands getting the
 * configured `timeoutMs` and local ones at most LOCAL_GIT_TIMEOUT_MS; past it git and its helpers
 * are killed. Failures carry scrubbed stderr only.
 */
export class GitRunner {
  constructor(
    private readonly home: GitHome,
    private readonly extraEnv: Readonly<Record<string, string>>,
    readonly timeoutMs: number,
  ) {}

  /** The deadline of one git command. */
  deadlineOf(args: readonly string[]): number {
    return NETWORK_COMMANDS.has(subcommand(args))
      ? this.timeoutMs
      : Math.min(this.timeoutMs, LOCAL_GIT_TIMEOUT_MS);
  }

  run(args: readonly string[], options: GitOptions = {}): Promise<GitResult> {
    const env = gitEnvironment(this.home, this.extraEnv, options.auth, options.variables);
    const deadlineMs = this.deadlineOf(args);
    return new Promise((resolve, reject) => {
      // Its own process group, so the deadline can end the helpers too; without a terminal, ssh cannot prompt either.
      const child = spawn('git', args, {
        cwd: options.cwd,
        env,
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: true,
      });
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        killGroup(child.pid);
      }, deadlineMs);
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(new GitOpsError('git', `cannot run git: ${error.message}`));
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        const secrets = options.auth?.secrets ?? [];
        const result: GitResult = {
          code: signal || timedOut ? null : code,
          stdout: scrub(Buffer.concat(stdout).toString('utf8'), secrets),
          stderr: scrub(Buffer.concat(stderr).toString('utf8'), secrets),
        };
        if (result.code === 0 || (options.allowFailure && result.code !== null)) resolve(result);
        else reject(gitFailure(args, result, deadlineMs));
      });
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.input);
    });
  }
}

/** A failed git call as an error naming the subcommand and what git said, credentials scrubbed. */
export function gitFailure(args: readonly string[], result: GitResult, timeoutMs: number): GitOpsError {
  const command = `git ${subcommand(args)}`.trim();
  if (result.code === null) {
    const waitedFor = NETWORK_COMMANDS.has(subcommand(args)) ? 'the Git remote' : 'the clone on disk';
    return new GitOpsError(
      'git',
      `${command} was stopped: ${waitedFor} did not answer within ${formatDeadline(timeoutMs)}`,
    );
  }
  const said = result.stderr.trim().split('\n').slice(-6).join('\n');
  const problem = AUTHENTICATION_FAILURE.test(said) ? 'authentication' : 'git';
  return new GitOpsError(problem, `${command} failed (exit ${result.code}): ${said}`);
}
