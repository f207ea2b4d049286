import type { GitAuth } from '../credentials/git-auth.js';
import { type GitRunner, gitFailure } from '../git/run-git.js';

/** What the remote did with a push. */
export type PushOutcome =
  | { kind: 'pushed' }
  /** The branch moved since the fetch: fetch, re-apply, try again. */
  | { kind: 'stale'; detail: string }
  /** The server refuses this push whatever its base: a protected branch, a hook. */
  | { kind: 'refused'; detail: string };

/** Rejections that mean "your base is old", not "you may not": a retry on the new head can land. */
const STALE = /fetch first|non-fast-forward|stale info|failed to update ref|cannot lock ref|failed to lock/i;

/**
 * Reads `git push --porcelain`: per ref, `<flag>\t<from>:<to>\t<summary>`, flag `!` for a rejected
 * ref; `[rejected] (fetch first)` for a stale base, `[remote rejected] (<why>)` for a refusal.
 */
export function parsePushOutcome(stdout: string, ref: string): PushOutcome | undefined {
  for (const line of stdout.split('\n')) {
    const [flag, refs = '', summary = ''] = line.split('\t');
    if (!refs.endsWith(`:${ref}`)) continue;
    if (flag !== '!') return { kind: 'pushed' };
    return STALE.test(summary) ? { kind: 'stale', detail: summary } : { kind: 'refused', detail: summary };
  }
  return undefined;
}

/** Pushes HEAD of a clone to a branch of its remote, never forcing. */
export async function pushHead(
  git: GitRunner,
  dir: string,
  auth: GitAuth,
  branch: string,
): Promise<PushOutcome> {
  const ref = `refs/heads/${branch}`;
  const args = ['push', '--porcelain', 'origin', `HEAD:${ref}`];
  const result = await git.run(args, { cwd: dir, auth, allowFailure: true });
  const outcome = parsePushOutcome(result.stdout, ref);
  if (outcome) {
    const remote = result.stderr
      .match(/remote: .*/g)
      ?.join(' ')
      .trim();
    return outcome.kind === 'refused' && remote
      ? { ...outcome, detail: `${outcome.detail} ${remote}` }
      : outcome;
  }
  throw gitFailure(args, result, git.timeoutMs);
}
