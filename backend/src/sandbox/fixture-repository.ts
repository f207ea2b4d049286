import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand } from '../support/run-command.js';

export interface FixtureTree {
  dir: string;
  message: string;
}

/** Fixed identity and dates: the same scenario always yields the same commit SHAs. */
function commitEnv(index: number): NodeJS.ProcessEnv {
  const date = new Date(Date.UTC(2026, 0, 1) + index * 3_600_000).toISOString();
  return {
    ...process.env,
    GIT_AUTHOR_NAME: 'Scenario Fixture',
    GIT_AUTHOR_EMAIL: 'fixtures@argocd-ai-sre.invalid',
    GIT_COMMITTER_NAME: 'Scenario Fixture',
    GIT_COMMITTER_EMAIL: 'fixtures@argocd-ai-sre.invalid',
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: date,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
  };
}

/**
 * Creates a bare repository whose branch holds one commit per tree, in order, and returns the last
 * commit's SHA. Each tree is staged straight from its directory, so fixtures are never copied.
 */
export async function createFixtureRepository(
  bareDir: string,
  branch: string,
  trees: readonly FixtureTree[],
): Promise<string> {
  await rm(bareDir, { recursive: true, force: true });
  await mkdir(bareDir, { recursive: true });
  const git = (args: string[], index: number) =>
    runCommand('git', ['--git-dir', bareDir, ...args], {
      env: { ...commitEnv(index), GIT_INDEX_FILE: join(bareDir, 'fixture-index') },
    });
  await git(['init', '--quiet', '--bare', `--initial-branch=${branch}`], 0);
  await git(['config', 'http.receivepack', 'true'], 0);
  for (const [index, tree] of trees.entries()) {
    await git(['--work-tree', tree.dir, 'add', '--all', '.'], index);
    await git(['--work-tree', tree.dir, 'commit', '--quiet', '--allow-empty', '-m', tree.message], index);
  }
  await rm(join(bareDir, 'fixture-index'), { force: true });
  const { stdout } = await git(['rev-parse', branch], 0);
  return stdout.trim();
}
