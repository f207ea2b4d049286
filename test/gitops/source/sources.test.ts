import { describe, expect, it } from 'vitest';
import { GitOpsError } from '../../../backend/src/gitops/gitops-error.js';
import { applicationSources } from '../../../backend/src/gitops/source/application-sources.js';
import { classifyRevision, parseLsRemote } from '../../../backend/src/gitops/source/revision.js';
import { application } from '../support/git-sandbox.js';

describe('applicationSources', () => {
  it('edits the dry source of a source hydrator, not the hydrated branch', () => {
    const sources = applicationSources(
      application({
        sourceHydrator: {
          drySource: {
            repoURL: 'https://git.example.com/dry.git',
            targetRevision: 'HEAD',
            path: './apps/web/',
          },
          syncSource: { targetBranch: 'env/prod', path: 'apps/web' },
        },
      }),
    );
    expect(sources.renderers).toEqual([
      {
        field: 'spec.sourceHydrator.drySource',
        repoURL: 'https://git.example.com/dry.git',
        targetRevision: 'HEAD',
        path: 'apps/web',
      },
    ]);
  });

  it('keeps the sources with a path or a chart as renderers, and ref sources by name', () => {
    const { renderers, refs } = applicationSources(
      application({
        sources: [
          {
            repoURL: 'https://charts.example.com',
            chart: 'web',
            targetRevision: '1.2.0',
            helm: { valueFiles: ['$values/web/prod.yaml'] },
          },
          { repoURL: 'https://git.example.com/values.git', targetRevision: 'main', ref: 'values' },
          { repoURL: 'https://git.example.com/extra.git', path: 'manifests' },
        ],
      }),
    );
    expect(renderers.map((source) => source.field)).toEqual(['spec.sources[0]', 'spec.sources[2]']);
    expect(refs.get('values')?.repoURL).toBe('https://git.example.com/values.git');
  });

  it('says what is missing when nothing can render', () => {
    expect(() =>
      applicationSources(application({ sources: [{ repoURL: 'https://git.example.com/v.git', ref: 'v' }] })),
    ).toThrow(
      new GitOpsError('source', 'none of the Application’s spec.sources has a path or a chart to render'),
    );
    expect(() => applicationSources(application({}))).toThrow(/has no spec.source/);
  });
});

const LS_REMOTE = [
  'ref: refs/heads/trunk\tHEAD',
  '1111111111111111111111111111111111111111\tHEAD',
  '1111111111111111111111111111111111111111\trefs/heads/trunk',
  '2222222222222222222222222222222222222222\trefs/heads/release',
  '3333333333333333333333333333333333333333\trefs/tags/v1.0.0',
  '4444444444444444444444444444444444444444\trefs/tags/v1.0.0^{}',
  '',
].join('\n');

describe('classifyRevision', () => {
  const refs = parseLsRemote(LS_REMOTE);
  const classify = (revision: string) => classifyRevision(revision, refs, 'https://git.example.com/x.git');

  it('takes HEAD and an empty targetRevision as the default branch', () => {
    expect(classify('HEAD')).toEqual({ kind: 'branch', name: 'trunk' });
    expect(classify('')).toEqual(classify('HEAD'));
  });

  it('tells branches, tags (annotated ones too) and commit SHAs apart', () => {
    expect(classify('release')).toEqual({ kind: 'branch', name: 'release' });
    expect(classify('refs/heads/release')).toEqual(classify('release'));
    expect(classify('v1.0.0')).toEqual({ kind: 'tag', name: 'v1.0.0' });
    expect(classify('ABCDEF1234')).toEqual({ kind: 'commit', name: 'abcdef1234' });
  });

  it('fails on a revision the remote does not have', () => {
    expect(() => classify('feature/x')).toThrow(
      /targetRevision feature\/x is neither a branch, a tag nor a commit of https:\/\/git.example.com\/x.git/,
    );
  });
});
