import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { GitAuth } from '../credentials/git-auth.js';
import { normalizeRepoURL, repositoryLocation } from '../credentials/repo-url.js';
import { GitOpsError } from '../gitops-error.js';
import type { Revision } from '../source/revision.js';
import type { GitRunner } from './run-git.js';

/** A work tree at the head of a revision, owned by the caller until it releases the repository's lock. */
export interface Clone {
  dir: string;
  head: string;
}

/** git's words for a repository it cannot trust any more: re-clone rather than repair. */
const CORRUPTION =
  /corrupt|bad object|unable to read|loose object|packfile|not a git repository|did not send all necessary objects|missing (blob|tree|commit)|is empty|object file|invalid index|index file/i;

function isCorruption(error: unknown): boolean {
  return error instanceof GitOpsError && error.problem === 'git' && CORRUPTION.test(error.message);
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isDirectory(),
    () => false,
  );
}

/** The local ref a revision is fetched into and reset to. */
function localRef(revision: Revision): string {
  if (revision.kind === 'branch') return `refs/remotes/origin/${revision.name}`;
  if (revision.kind === 'tag') return `refs/tags/${revision.name}`;
  return revision.name;
}

function refspecOf(revision: Revision): string {
  if (revision.kind === 'commit') return revision.name;
  return `+refs/${revision.kind === 'branch' ? 'heads' : 'tags'}/${revision.name}:${localRef(revision)}`;
}

/** The commit a clone's detached HEAD is at, read from .git/HEAD. */
export async function headOf(dir: string): Promise<string> {
  const head = (await readFile(join(dir, '.git', 'HEAD'), 'utf8')).trim();
  if (!/^[0-9a-f]{40,64}$/.test(head)) {
    throw new GitOpsError(
      'git',
      `the clone in ${dir} is not on a detached commit (HEAD: ${head.slice(0, 60)})`,
    );
  }
  return head;
}

/**
 * Shallow, single-branch clones in a cache folder, one per repository and revision, reused across
 * fixes: fetched and reset to the remote head each time, re-cloned when missing, pointing at
 * another remote, or corrupt. The caller holds the repository's lock while it uses one.
 */
export class CloneCache {
  constructor(
    private readonly root: string,
    private readonly git: GitRunner,
  ) {}

  directoryOf(repoURL: string, revision: Revision): string {
    const key = `${normalizeRepoURL(repoURL)}\n${revision.kind}:${revision.name}`;
    const hash = createHash('sha256').update(key).digest('hex').slice(0, 16);
    const name = repositoryLocation(repoURL).path.split('/').pop() ?? 'repository';
    return join(this.root, `${name.replace(/[^\w.-]/g, '_')}-${hash}`);
  }

  async checkout(repoURL: string, revision: Revision, auth: GitAuth): Promise<Clone> {
    const dir = this.directoryOf(repoURL, revision);
    if (await this.usable(dir, repoURL)) {
      try {
        await this.update(dir, revision, auth);
        return { dir, head: await headOf(dir) };
      } catch (error) {
        if (!isCorruption(error)) throw error;
      }
    }
    await rm(dir, { recursive: true, force: true });
    await this.clone(dir, repoURL, revision, auth);
    return { dir, head: await headOf(dir) };
  }

  /** Fetches `count` more commits of history; false once the clone holds all of it. */
  async deepen(dir: string, revision: Revision, auth: GitAuth, count: number): Promise<boolean> {
    if (!(await this.isShallow(dir))) return false;
    await this.git.run(
      ['fetch', '--quiet', '--no-tags', `--deepen=${count}`, 'origin', refspecOf(revision)],
      {
        cwd: dir,
        auth,
      },
    );
    return true;
  }

  async isShallow(dir: string): Promise<boolean> {
    const { stdout } = await this.git.run(['rev-parse', '--is-shallow-repository'], { cwd: dir });
    return stdout.trim() === 'true';
  }

  /** Puts the work tree back at the fetched head, dropping anything a failed operation left. */
  async reset(dir: string, revision: Revision): Promise<void> {
    await this.git.run(['reset', '--quiet', '--hard', localRef(revision)], { cwd: dir });
    await this.git.run(['clean', '-ffdxq'], { cwd: dir });
  }

  /** A clone the cache made, for this remote; read from its files, as git would (every spawn counts in a fix). */
  private async usable(dir: string, repoURL: string): Promise<boolean> {
    if (!(await isDirectory(join(dir, '.git')))) return false;
    const config = await readFile(join(dir, '.git', 'config'), 'utf8').catch(() => '');
    const origin = /\[remote "origin"\]([^[]*)/.exec(config)?.[1] ?? '';
    return /^\s*url = (.*)$/m.exec(origin)?.[1]?.trim() === repoURL;
  }

  private async fetch(dir: string, revision: Revision, auth: GitAuth): Promise<void> {
    if (revision.kind === 'commit' && revision.name.length < 40) {
      // A server gives objects by full name only: an abbreviated SHA needs the branches' history.
      await this.git.run(['fetch', '--quiet', '--no-tags', 'origin', '+refs/heads/*:refs/remotes/origin/*'], {
        cwd: dir,
        auth,
      });
      return;
    }
    await this.git.run(['fetch', '--quiet', '--depth', '1', '--no-tags', 'origin', refspecOf(revision)], {
      cwd: dir,
      auth,
    });
  }

  /** Fetches and resets; `reset --hard` also drops what an interrupted revert or merge left. */
  private async update(dir: string, revision: Revision, auth: GitAuth): Promise<void> {
    await this.fetch(dir, revision, auth);
    await this.reset(dir, revision);
  }

  private async clone(dir: string, repoURL: string, revision: Revision, auth: GitAuth): Promise<void> {
    await mkdir(this.root, { recursive: true });
    const temporary = `${dir}.${randomBytes(4).toString('hex')}.partial`;
    try {
      await this.git.run(['init', '--quiet', temporary]);
      await this.git.run(['remote', 'add', 'origin', repoURL], { cwd: temporary });
      await this.fetch(temporary, revision, auth);
      await this.git.run(['checkout', '--quiet', '--detach', localRef(revision)], { cwd: temporary });
      await rename(temporary, dir);
    } finally {
      await rm(temporary, { recursive: true, force: true });
    }
  }
}
