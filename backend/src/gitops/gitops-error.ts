/**
 * What went wrong while turning a fix plan into a commit, in words a person can act on:
 * - `source`: the Application's source cannot take a commit (a Helm repository chart, no path);
 * - `credentials`: Argo CD's repository Secrets do not say how to reach the repository;
 * - `authentication`: the repository refused those credentials;
 * - `git`: a git command failed (network, corrupt object, timeout): trying again may work;
 * - `refused`: the server refuses the push whatever its base (a protected branch, a hook);
 * - `locate`: the field is nowhere in the files the source renders;
 * - `ambiguous`: several places could produce the field and nothing tells which one;
 * - `edit`: the YAML at that place cannot take the value;
 * - `conflict`: the branch moved and the edit no longer applies as proposed;
 * - `revert`: the commit to revert cannot be reverted (a merge, not found, conflicting);
 * - `unchanged`: Git already holds what the fix would write.
 */
export type GitOpsProblem =
  | 'source'
  | 'credentials'
  | 'authentication'
  | 'git'
  | 'refused'
  | 'locate'
  | 'ambiguous'
  | 'edit'
  | 'conflict'
  | 'revert'
  | 'unchanged';

export class GitOpsError extends Error {
  override name = 'GitOpsError';

  constructor(
    readonly problem: GitOpsProblem,
    message: string,
  ) {
    super(message);
  }
}
