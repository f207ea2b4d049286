/** The Git writer: fixes as commits or pull requests on the app's Git source. */
export { type GitConfig, loadGitConfig } from './config.js';
export { createGitWriter, type GitWriter, type GitWriterOptions } from './git-writer.js';
export { GitOpsError, type GitOpsProblem } from './gitops-error.js';
export type { Placement } from './locate/placement.js';
export type { CommitMeta, CommitResult, FileChange, ProposedChange } from './proposal/proposed-change.js';
export type { ForgeProvider } from './pull-request/providers.js';
