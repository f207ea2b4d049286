import { describeRef } from '../../kube/objects.js';
import { type ObjectEdit, parseFieldPath } from '../../runbooks/plan/index.js';
import { documentValues, isManifestOf } from '../edit/yaml-documents.js';
import { GitOpsError } from '../gitops-error.js';
import type { GitSource } from '../source/application-sources.js';
import { type Placement, placement, setInFile, yamlFilesUnder } from './placement.js';
import type { WorkTree } from './work-tree.js';

export interface ManifestLocation {
  file: string;
  document: number;
  value: Record<string, unknown>;
}

/**
 * The document that is the object among the YAML files of a plain directory source (its
 * subdirectories too with `directory.recurse`). A file YAML cannot read is passed over: Argo CD
 * would fail on it anyway, and it cannot be the object's manifest.
 */
export async function findManifests(
  tree: WorkTree,
  source: GitSource,
  edit: ObjectEdit,
): Promise<ManifestLocation[]> {
  const found: ManifestLocation[] = [];
  for (const file of await yamlFilesUnder(tree, source.path, source.directory?.recurse === true)) {
    let values: unknown[];
    try {
      values = documentValues((await tree.read(file)) ?? '', file);
    } catch {
      continue;
    }
    values.forEach((value, document) => {
      if (isManifestOf(value, edit.object)) found.push({ file, document, value });
    });
  }
  return found;
}

/** Writes an edit into the one manifest of the object in a plain directory source. */
export async function locatePlain(tree: WorkTree, source: GitSource, edit: ObjectEdit): Promise<Placement> {
  const found = await findManifests(tree, source, edit);
  const where = `${source.path || 'the repository root'} of ${tree.repoURL}`;
  const [manifest, ...others] = found;
  if (!manifest) throw new GitOpsError('locate', `no manifest of ${describeRef(edit.object)} under ${where}`);
  if (others.length > 0) {
    throw new GitOpsError(
      'ambiguous',
      `${describeRef(edit.object)} has ${found.length} manifests under ${where}: ${found.map((m) => m.file).join(', ')}`,
    );
  }
  const path = parseFieldPath(edit.path);
  await setInFile(tree, manifest.file, manifest.document, path, edit.to);
  return placement(tree, edit, manifest.file, path);
}
