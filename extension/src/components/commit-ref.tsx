import * as React from 'react';
import { commitUrl, shortSha } from '../support/commit-link.js';
import type { Remediation } from '../types.js';
import { MONOSPACE } from './theme.js';

/**
 * Where a fix went in Git: the commit (a link on known forges, else its SHA), and the pull request
 * or the branch when it did not go straight to the app's branch.
 */
export function CommitRef(props: { record: Remediation }) {
  const { commit, change, revertCommit } = props.record;
  if (!commit) return <span>—</span>;
  const url = commitUrl(change.repoURL, commit.sha);
  const sha = (
    <span style={MONOSPACE} title={commit.sha}>
      {shortSha(commit.sha)}
    </span>
  );
  const revertUrl = revertCommit ? commitUrl(change.repoURL, revertCommit) : undefined;
  return (
    <span className="ai-sre-commit">
      <i className="fa fa-code-branch" />{' '}
      {url ? (
        <a href={url} target="_blank" rel="noopener noreferrer">
          {sha}
        </a>
      ) : (
        sha
      )}{' '}
      on {commit.branch}
      {commit.pullRequestUrl && (
        <>
          {' '}
          (
          <a href={commit.pullRequestUrl} target="_blank" rel="noopener noreferrer">
            pull request <i className="fa fa-external-link-alt" />
          </a>
          )
        </>
      )}
      {commit.mode === 'branch' && ' (open a pull request from this branch)'}
      {revertCommit && (
        <>
          {', reverted by '}
          {revertUrl ? (
            <a href={revertUrl} target="_blank" rel="noopener noreferrer" style={MONOSPACE}>
              {shortSha(revertCommit)}
            </a>
          ) : (
            <span style={MONOSPACE}>{shortSha(revertCommit)}</span>
          )}
        </>
      )}
    </span>
  );
}
