import { spawn } from 'node:child_process';
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

/** Runs git in a controlled environment with a timeout; failures carry scrubbed stderr only. */
export class GitRunner {
  constructor(
    private readonly home: GitHome,
    private readonly extraEnv: Readonly<Record<string, string>>,
    readonly timeoutMs: number,
  ) {}

  run(args: readonly string[], options: GitOptions = {}): Promise<GitResult> {
    const env = gitEnvironment(this.home, this.extraEnv, options.auth, options.variables);
    return new Promise((resolve, reject) => {
      const child = spawn('git', args, {
        cwd: options.cwd,
        env,
        stdio: ['pipe', 'pipe', 'pipe'],
        timeout: this.timeoutMs,
        killSignal: 'SIGKILL',
      });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
      child.on('error', (error) => reject(new GitOpsError('git', `cannot run git: ${error.message}`)));
      child.on('close', (code, signal) => {
        const secrets = options.auth?.secrets ?? [];
        const result: GitResult = {
          code: signal ? null : code,
          stdout: scrub(Buffer.concat(stdout).toString('utf8'), secrets),
          stderr: scrub(Buffer.concat(stderr).toString('utf8'), secrets),
        };
        if (result.code === 0 || (options.allowFailure && result.code !== null)) resolve(result);
        else reject(gitFailure(args, result, this.timeoutMs));
      });
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.input);
    });
  }
}

/** A failed git call as an error naming the subcommand and what git said, credentials scrubbed. */
export function gitFailure(args: readonly string[], result: GitResult, timeoutMs: number): GitOpsError {
  const command = `git ${args.find((arg) => !arg.startsWith('-')) ?? ''}`.trim();
  if (result.code === null) return new GitOpsError('git', `${command} timed out after ${timeoutMs} ms`);
  const said = result.stderr.trim().split('\n').slice(-6).join('\n');
  const problem = AUTHENTICATION_FAILURE.test(said) ? 'authentication' : 'git';
  return new GitOpsError(problem, `${command} failed (exit ${result.code}): ${said}`);
}
