import type { Clone, CloneCache } from '../git/clone-cache.js';
import type { GitRunner } from '../git/run-git.js';
import { GitOpsError } from '../gitops-error.js';
import type { WorkTree } from '../locate/work-tree.js';
import type { Revision } from '../source/revision.js';

/**
 * Lays the inverse of a commit over the work tree, as `git revert` computes it on the current
 * head, then puts the clone back: the files reach the disk only when the change is committed.
 * A revert that conflicts with later commits is refused, not resolved.
 */
export async function applyRevert(
  git: GitRunner,
  cache: CloneCache,
  clone: Clone,
  revision: Revision,
  tree: WorkTree,
  sha: string,
): Promise<void> {
  const reverted = await git.run(['revert', '--no-commit', '--no-edit', sha], {
    cwd: clone.dir,
    allowFailure: true,
  });
  if (reverted.code !== 0) {
    await git.run(['revert', '--abort'], { cwd: clone.dir, allowFailure: true });
    await cache.reset(clone.dir, revision);
    const said = reverted.stderr.trim().split('\n').slice(0, 3).join(' ');
    throw new GitOpsError(
      'revert',
      `commit ${sha.slice(0, 12)} does not revert cleanly on ${clone.head.slice(0, 12)}: ${said}`,
    );
  }
  const { stdout } = await git.run(['diff', '--cached', '--name-only', '-z', 'HEAD'], { cwd: clone.dir });
  const paths = stdout.split('\0').filter(Boolean);
  const after = new Map<string, string | null>();
  for (const path of paths) after.set(path, (await tree.read(path)) ?? null);
  await git.run(['revert', '--quit'], { cwd: clone.dir, allowFailure: true });
  await cache.reset(clone.dir, revision);
  for (const [path, text] of after) await tree.write(path, text);
}
