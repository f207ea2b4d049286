import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import { WorkTree } from '../../../backend/src/gitops/locate/work-tree.js';
import type { Files } from './git-sandbox.js';

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

/** A work tree over a temporary checkout holding the files; removed after the test file. */
export async function treeOf(
  files: Files,
  repoURL = 'https://git.example.com/shop/deploy.git',
): Promise<WorkTree> {
  const root = await mkdtemp(join(tmpdir(), 'gitops-tree-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return new WorkTree(repoURL, root);
}

/** The unified diffs of everything the tree would change, one string. */
export function diffOf(tree: WorkTree): Record<string, string | null> {
  return Object.fromEntries(tree.changes().map((change) => [change.path, change.after]));
}
