import { readdir, readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { GitOpsError } from '../gitops-error.js';

/** One file a change touches; `null` for a file that does not exist on that side. */
export interface TreeChange {
  path: string;
  before: string | null;
  after: string | null;
}

export interface TreeEntry {
  name: string;
  directory: boolean;
}

/**
 * The files of one repository's checkout with the pending edits laid over them: locators read what
 * earlier edits wrote, and nothing reaches the disk until the change is committed. Paths are
 * relative to the repository root, `/`-separated; none may leave the repository.
 */
export class WorkTree {
  private readonly pending = new Map<string, { before: string | null; after: string | null }>();

  constructor(
    readonly repoURL: string,
    readonly root: string,
  ) {}

  /** A path joined onto a directory of the repository; throws when it would leave the repository. */
  static resolve(directory: string, relative: string): string {
    const joined = posix.normalize(posix.join(directory || '.', relative));
    if (joined === '..' || joined.startsWith('../') || posix.isAbsolute(joined)) {
      throw new GitOpsError(
        'locate',
        `${relative} (from ${directory || 'the repository root'}) leaves the repository`,
      );
    }
    return joined === '.' ? '' : joined.replace(/\/$/, '');
  }

  async read(path: string): Promise<string | undefined> {
    const edited = this.pending.get(path);
    if (edited) return edited.after ?? undefined;
    if (path.split('/').includes('.git')) return undefined;
    try {
      return await readFile(join(this.root, path), 'utf8');
    } catch {
      return undefined;
    }
  }

  /** The entries of a directory, new files included; empty when it does not exist. */
  async list(directory: string): Promise<TreeEntry[]> {
    const entries = new Map<string, TreeEntry>();
    try {
      for (const entry of await readdir(join(this.root, directory), { withFileTypes: true })) {
        if (entry.name !== '.git')
          entries.set(entry.name, { name: entry.name, directory: entry.isDirectory() });
      }
    } catch {
      // A directory that does not exist lists as empty.
    }
    const prefix = directory === '' ? '' : `${directory}/`;
    for (const [path, { after }] of this.pending) {
      if (!path.startsWith(prefix)) continue;
      const [name = '', ...rest] = path.slice(prefix.length).split('/');
      if (after === null && rest.length === 0) entries.delete(name);
      else if (after !== null) entries.set(name, { name, directory: rest.length > 0 });
    }
    return [...entries.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  async isDirectory(path: string): Promise<boolean> {
    if ((await this.read(path)) !== undefined) return false;
    const parent = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    const name = path.slice(path.lastIndexOf('/') + 1);
    return (await this.list(parent)).some((entry) => entry.name === name && entry.directory);
  }

  async write(path: string, text: string | null): Promise<void> {
    const existing = this.pending.get(path);
    const before = existing ? existing.before : ((await this.read(path)) ?? null);
    this.pending.set(path, { before, after: text });
  }

  /** Every file whose content differs from the checkout, in path order. */
  changes(): TreeChange[] {
    return [...this.pending]
      .filter(([, { before, after }]) => before !== after)
      .map(([path, { before, after }]) => ({ path, before, after }))
      .sort((a, b) => a.path.localeCompare(b.path));
  }
}
