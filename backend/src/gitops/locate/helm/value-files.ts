import { documentValues } from '../../edit/yaml-documents.js';
import { GitOpsError } from '../../gitops-error.js';
import type { GitSource } from '../../source/application-sources.js';
import { WorkTree } from '../work-tree.js';

/** One values file of a Helm source, in the order Helm merges them (later ones win). */
export interface ValueFile {
  tree: WorkTree;
  file: string;
  /** As the Application names it: `values-production.yaml`, `$values/envs/prod.yaml`. */
  label: string;
  values: unknown;
}

/**
 * The trees a source reads: its own repository (none for a chart from a Helm repository) and those
 * of the `ref` sources its value files name.
 */
export interface SourceTrees {
  main?: WorkTree;
  refs: ReadonlyMap<string, WorkTree>;
}

/** The `ref` names a source's value files use (`$values/...` → `values`). */
export function referencedSources(source: GitSource): string[] {
  const names = (source.helm?.valueFiles ?? [])
    .map((file) => /^\$([^/]+)\//.exec(file)?.[1])
    .filter((name): name is string => name !== undefined);
  return [...new Set(names)];
}

async function read(tree: WorkTree, file: string, label: string): Promise<ValueFile | undefined> {
  const text = await tree.read(file);
  if (text === undefined) return undefined;
  return { tree, file, label, values: documentValues(text, file)[0] ?? null };
}

/**
 * The values files Argo CD hands to Helm for a source: the chart's own values.yaml first (Helm's
 * defaults), then `helm.valueFiles` in order, each relative to the source's path or, as
 * `$ref/path`, to the root of the ref source. Remote (http) value files cannot be read or edited
 * and are left out; a missing file fails as it fails Argo CD, unless `ignoreMissingValueFiles`.
 */
export async function readValueFiles(source: GitSource, trees: SourceTrees): Promise<ValueFile[]> {
  const files: ValueFile[] = [];
  if (trees.main) {
    const defaults = await read(trees.main, WorkTree.resolve(source.path, 'values.yaml'), 'values.yaml');
    if (defaults) files.push(defaults);
  }
  for (const label of source.helm?.valueFiles ?? []) {
    if (/^[a-z]+:\/\//i.test(label)) continue;
    const ref = /^\$([^/]+)\/(.*)$/.exec(label);
    // A chart from a Helm repository keeps its other value files in its package, out of Git's reach.
    if (!ref && !trees.main) continue;
    const tree = ref ? trees.refs.get(ref[1] ?? '') : trees.main;
    if (!tree)
      throw new GitOpsError('source', `value file ${label} names a ref source the Application does not have`);
    const file = ref ? WorkTree.resolve('', ref[2] ?? '') : WorkTree.resolve(source.path, label);
    const found = await read(tree, file, label);
    if (found) files.push(found);
    else if (!source.helm?.ignoreMissingValueFiles) {
      throw new GitOpsError('locate', `value file ${label} (${file} in ${tree.repoURL}) does not exist`);
    }
  }
  return files;
}
