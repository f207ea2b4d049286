import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { headOf } from '../git/clone-cache.js';
import type { TreeChange } from '../locate/work-tree.js';
import type { WriterContext } from '../proposal/writer-context.js';
import { type CommitMessage, formatMessage } from './commit-message.js';

/**
 * Writes the changed files into the clone and commits them on its HEAD: authored by the person
 * the fix is for (or the writer), committed by the writer, dated by the injected clock.
 */
export async function writeCommit(
  context: WriterContext,
  dir: string,
  changes: readonly TreeChange[],
  message: CommitMessage,
  author = context.author,
): Promise<string> {
  for (const change of changes) {
    const path = join(dir, change.path);
    if (change.after === null) await rm(path, { force: true });
    else {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, change.after);
    }
  }
  await context.git.run(['add', '--all', '--', ...changes.map((change) => change.path)], { cwd: dir });
  const date = context.now().toISOString();
  await context.git.run(['commit', '--quiet', '--no-verify', '--file', '-'], {
    cwd: dir,
    input: formatMessage(message),
    variables: {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: context.author.name,
      GIT_COMMITTER_EMAIL: context.author.email,
      GIT_COMMITTER_DATE: date,
    },
  });
  return headOf(dir);
}
