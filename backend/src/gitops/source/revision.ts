import { GitOpsError } from '../gitops-error.js';

/** What a targetRevision names on the remote. Only a branch can take a push. */
export interface Revision {
  kind: 'branch' | 'tag' | 'commit';
  /** The branch or tag name, or the commit SHA. */
  name: string;
}

export interface RemoteRefs {
  /** The branch the remote's HEAD points at. */
  defaultBranch?: string;
  heads: Set<string>;
  tags: Set<string>;
}

/** Reads `git ls-remote --symref` output: `ref: refs/heads/main\tHEAD`, `<sha>\trefs/heads/main`. */
export function parseLsRemote(stdout: string): RemoteRefs {
  const refs: RemoteRefs = { heads: new Set(), tags: new Set() };
  for (const line of stdout.split('\n')) {
    const [left = '', right = ''] = line.split('\t');
    if (left.startsWith('ref: refs/heads/') && right === 'HEAD') {
      refs.defaultBranch = left.slice('ref: refs/heads/'.length);
    } else if (right.startsWith('refs/heads/')) {
      refs.heads.add(right.slice('refs/heads/'.length));
    } else if (right.startsWith('refs/tags/')) {
      // An annotated tag is listed twice, the second time as `name^{}`.
      refs.tags.add(right.slice('refs/tags/'.length).replace(/\^\{\}$/, ''));
    }
  }
  return refs;
}

/**
 * Classifies a targetRevision as Argo CD resolves it: `HEAD` or empty is the default branch, then a
 * branch, a tag, or a commit SHA (in full or abbreviated). Argo CD's semver ranges apply to Helm
 * repositories, not to Git.
 */
export function classifyRevision(targetRevision: string, refs: RemoteRefs, repoURL: string): Revision {
  const wanted = targetRevision === '' || targetRevision === 'HEAD' ? refs.defaultBranch : targetRevision;
  if (wanted === undefined) {
    throw new GitOpsError('source', `${repoURL} names no default branch (its HEAD points nowhere)`);
  }
  const name = wanted.replace(/^refs\/(heads|tags)\//, '');
  const branch = refs.heads.has(name) || wanted === refs.defaultBranch;
  if (branch && !wanted.startsWith('refs/tags/')) return { kind: 'branch', name };
  if (refs.tags.has(name)) return { kind: 'tag', name };
  if (/^[0-9a-f]{7,40}$/i.test(wanted)) return { kind: 'commit', name: wanted.toLowerCase() };
  throw new GitOpsError(
    'source',
    `targetRevision ${targetRevision} is neither a branch, a tag nor a commit of ${repoURL}`,
  );
}
