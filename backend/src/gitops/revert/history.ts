import { readFile } from 'node:fs/promises';
import type { GitAuth } from '../credentials/git-auth.js';
import type { Clone, CloneCache } from '../git/clone-cache.js';
import type { GitRunner } from '../git/run-git.js';
import { GitOpsError } from '../gitops-error.js';
import type { Revision } from '../source/revision.js';

export interface CommitInfo {
  sha: string;
  parents: string[];
  subject: string;
  /** Values of the commit's `Remediation-Id:` trailers. */
  remediationIds: string[];
  /** Values of its `Reverts-Remediation:` trailers: the remediations it rolls back. */
  rollsBack: string[];
}

/** Commits fetched per step when history must reach further back; doubled each time. */
const FIRST_DEEPENING = 16;

export interface HistoryAccess {
  git: GitRunner;
  cache: CloneCache;
  clone: Clone;
  revision: Revision;
  auth: GitAuth;
}

async function shallowBoundary(access: HistoryAccess): Promise<Set<string>> {
  const { stdout } = await access.git.run(['rev-parse', '--git-path', 'shallow'], { cwd: access.clone.dir });
  const file = stdout.trim();
  const text = await readFile(file.startsWith('/') ? file : `${access.clone.dir}/${file}`, 'utf8').catch(
    () => '',
  );
  return new Set(text.split('\n').filter(Boolean));
}

export function parseLog(stdout: string): CommitInfo[] {
  return stdout
    .split('\x1e')
    .map((record) => record.trim())
    .filter(Boolean)
    .map((record) => {
      const [sha = '', parents = '', subject = '', ids = '', reverts = ''] = record.split('\x1f');
      const list = (text: string) =>
        text
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean);
      return {
        sha,
        parents: list(parents.replaceAll(' ', ',')),
        subject,
        remediationIds: list(ids),
        rollsBack: list(reverts),
      };
    });
}

export const LOG_FORMAT =
  '--format=%H%x1f%P%x1f%s%x1f%(trailers:key=Remediation-Id,valueonly,separator=%x2c)%x1f%(trailers:key=Reverts-Remediation,valueonly,separator=%x2c)%x1e';

/**
 * Walks the branch's history newest first, fetching more of a shallow clone as the search needs it,
 * until `pick` chooses a commit or the history runs out. The commit at a shallow boundary is not
 * trusted to have touched a path: git sees all of its files as added.
 */
export async function searchHistory(
  access: HistoryAccess,
  paths: readonly string[],
  pick: (commits: CommitInfo[]) => CommitInfo | undefined,
): Promise<CommitInfo | undefined> {
  let deepening = FIRST_DEEPENING;
  for (;;) {
    const { stdout } = await access.git.run(['log', LOG_FORMAT, 'HEAD', '--', ...paths], {
      cwd: access.clone.dir,
    });
    const boundary = await shallowBoundary(access);
    const commits = parseLog(stdout).filter((commit) => !boundary.has(commit.sha));
    const chosen = pick(commits);
    if (chosen) return chosen;
    if (!(await access.cache.deepen(access.clone.dir, access.revision, access.auth, deepening))) {
      // Unshallow now: the boundary commits are whole commits, judged on their own diffs.
      const { stdout: all } = await access.git.run(['log', LOG_FORMAT, 'HEAD', '--', ...paths], {
        cwd: access.clone.dir,
      });
      return pick(parseLog(all));
    }
    deepening *= 2;
  }
}

/** Refuses to revert a merge: which parent is the mainline is a person's call. */
export function checkRevertible(commit: CommitInfo, what: string): void {
  if (commit.parents.length > 1) {
    throw new GitOpsError(
      'revert',
      `${what}, ${commit.sha.slice(0, 12)} "${commit.subject}", is a merge commit; reverting a merge needs a person to choose its mainline`,
    );
  }
}
