import type { Application, ApplicationSource } from '../../kube/application.js';
import { GitOpsError } from '../gitops-error.js';

/** The Helm settings of a source, with the fields Argo CD has beyond what the diagnosis reads. */
export interface HelmSettings {
  valueFiles?: string[];
  values?: string;
  valuesObject?: unknown;
  parameters?: { name: string; value: string; forceString?: boolean }[];
  ignoreMissingValueFiles?: boolean;
}

/** One source of an Application that lives in Git (or a Helm repository, when `chart` is set). */
export interface GitSource {
  /** Where it sits in the Application, for messages: `spec.source`, `spec.sources[1]`. */
  field: string;
  repoURL: string;
  /** As the Application spells it; `HEAD` or empty means the repository's default branch. */
  targetRevision: string;
  /** Relative to the repository root, without leading or trailing slashes; '' for the root. */
  path: string;
  chart?: string;
  ref?: string;
  helm?: HelmSettings;
  kustomize?: Record<string, unknown>;
  directory?: { recurse?: boolean; include?: string; exclude?: string };
}

/** The sources that may render the app's objects, and the `ref` sources their value files name. */
export interface ApplicationSources {
  renderers: GitSource[];
  refs: Map<string, GitSource>;
}

export function cleanPath(path: string | undefined): string {
  return (path ?? '')
    .split('/')
    .filter((part) => part !== '' && part !== '.')
    .join('/');
}

function gitSource(source: ApplicationSource, field: string): GitSource {
  const result: GitSource = {
    field,
    repoURL: source.repoURL,
    targetRevision: source.targetRevision ?? '',
    path: cleanPath(source.path),
  };
  if (source.chart) result.chart = source.chart;
  if (source.ref) result.ref = source.ref;
  if (source.helm) result.helm = source.helm as HelmSettings;
  if (source.kustomize) result.kustomize = source.kustomize;
  if (source.directory) result.directory = source.directory;
  return result;
}

/**
 * The sources of an Application as the Git writer sees them: `spec.sourceHydrator` edits its dry
 * source (the hydrated branch is generated); `spec.sources` renders from each source with a path or
 * a chart, while a source with only `ref` holds files the others name as `$ref/...`.
 */
export function applicationSources(application: Application): ApplicationSources {
  const { spec } = application;
  const refs = new Map<string, GitSource>();
  if (spec.sourceHydrator) {
    const dry = spec.sourceHydrator.drySource;
    return {
      renderers: [gitSource({ ...dry, path: dry.path }, 'spec.sourceHydrator.drySource')],
      refs,
    };
  }
  if (spec.sources && spec.sources.length > 0) {
    const renderers: GitSource[] = [];
    spec.sources.forEach((source, position) => {
      const resolved = gitSource(source, `spec.sources[${position}]`);
      if (source.ref) refs.set(source.ref, resolved);
      if (source.path !== undefined || source.chart) renderers.push(resolved);
    });
    if (renderers.length === 0) {
      throw new GitOpsError(
        'source',
        'none of the Application’s spec.sources has a path or a chart to render',
      );
    }
    return { renderers, refs };
  }
  if (spec.source) return { renderers: [gitSource(spec.source, 'spec.source')], refs };
  throw new GitOpsError('source', 'the Application has no spec.source, spec.sources or spec.sourceHydrator');
}
