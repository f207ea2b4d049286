import type { ObjectEdit } from '../../runbooks/plan/index.js';
import { GitOpsError } from '../gitops-error.js';
import type { GitSource } from '../source/application-sources.js';
import { locateHelm } from './helm/locate-helm.js';
import type { SourceTrees } from './helm/value-files.js';
import { findKustomizationFile } from './kustomize/kustomization.js';
import { locateKustomize } from './kustomize/locate-kustomize.js';
import type { Placement } from './placement.js';
import { locatePlain } from './plain.js';
import type { WorkTree } from './work-tree.js';

export type SourceType = 'helm' | 'kustomize' | 'directory';

/**
 * How Argo CD renders a source: the type its spec names (a `helm`, `kustomize` or `directory`
 * block, or a chart from a Helm repository), else what the path holds: Chart.yaml for Helm, a
 * kustomization for Kustomize, plain manifests otherwise.
 */
export async function sourceType(tree: WorkTree, source: GitSource): Promise<SourceType> {
  if (source.chart) return 'helm';
  const explicit = (['helm', 'kustomize', 'directory'] as const).filter((type) => source[type] !== undefined);
  if (explicit.length === 1 && explicit[0]) return explicit[0];
  if ((await tree.read(source.path === '' ? 'Chart.yaml' : `${source.path}/Chart.yaml`)) !== undefined)
    return 'helm';
  if (await findKustomizationFile(tree, source.path)) return 'kustomize';
  return 'directory';
}

/** Writes one edit of a plan where a person would have made it, and says where that was. */
export async function locateEdit(
  trees: SourceTrees,
  source: GitSource,
  edit: ObjectEdit,
  runbook: string,
): Promise<Placement[]> {
  if (!trees.main) {
    if (source.chart) return locateHelm(trees, source, edit);
    throw new GitOpsError('source', `${source.field} has no repository to edit`);
  }
  const type = await sourceType(trees.main, source);
  if (type === 'helm') return locateHelm(trees, source, edit);
  if (type === 'kustomize') return [await locateKustomize(trees.main, source, edit, runbook)];
  return [await locatePlain(trees.main, source, edit)];
}
