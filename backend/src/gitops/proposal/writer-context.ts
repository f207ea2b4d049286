import type { KubeClients } from '../../kube/clients.js';
import type { CloneCache } from '../git/clone-cache.js';
import type { KeyedLock } from '../git/keyed-lock.js';
import type { GitRunner } from '../git/run-git.js';
import type { ForgeProvider } from '../pull-request/providers.js';
import type { Revision } from '../source/revision.js';

/** What a targetRevision named on its remote when last asked: kept so each fix spares an ls-remote. */
export interface KnownRevision {
  revision: Revision;
  defaultBranch: string;
}

/** Everything the writer's operations share: git, the clone cache, the locks, identity and clock. */
export interface WriterContext {
  kube: KubeClients;
  git: GitRunner;
  cache: CloneCache;
  locks: KeyedLock;
  author: { name: string; email: string };
  providers: readonly ForgeProvider[];
  now: () => Date;
  /** By repository and targetRevision; dropped as soon as a fetch of it fails. */
  revisions: Map<string, KnownRevision>;
}
