import { describeRef } from '../../kube/objects.js';
import { formatFieldPath, type ObjectEdit, type PathSegment } from '../../runbooks/plan/index.js';
import { deleteYamlKey, setYamlValue } from '../edit/yaml-edit.js';
import { GitOpsError } from '../gitops-error.js';
import type { WorkTree } from './work-tree.js';

/** Where one edit of the plan landed: the file and the field in it, for the commit message and the UI. */
export interface Placement {
  /** `Deployment shop/web spec.replicas`. */
  edit: string;
  repoURL: string;
  file: string;
  /** The field in the file: `replicaCount`, `images[name=registry-a.example.com/shop/web].newName`. */
  field: string;
}

export function placement(
  tree: WorkTree,
  edit: ObjectEdit,
  file: string,
  field: readonly PathSegment[],
): Placement {
  return {
    edit: `${describeRef(edit.object)} ${edit.path}`,
    repoURL: tree.repoURL,
    file,
    field: formatFieldPath(field),
  };
}

async function readExisting(tree: WorkTree, file: string): Promise<string> {
  const text = await tree.read(file);
  if (text === undefined) throw new GitOpsError('locate', `${file} does not exist in ${tree.repoURL}`);
  return text;
}

export async function setInFile(
  tree: WorkTree,
  file: string,
  document: number,
  path: readonly PathSegment[],
  value: unknown,
): Promise<void> {
  await tree.write(file, setYamlValue(await readExisting(tree, file), file, document, path, value));
}

export async function deleteInFile(
  tree: WorkTree,
  file: string,
  document: number,
  path: readonly PathSegment[],
): Promise<void> {
  await tree.write(file, deleteYamlKey(await readExisting(tree, file), file, document, path));
}

/** YAML files under a directory, in path order; deeper ones only when `recurse`. */
export async function yamlFilesUnder(tree: WorkTree, directory: string, recurse: boolean): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await tree.list(directory)) {
    const path = directory === '' ? entry.name : `${directory}/${entry.name}`;
    if (entry.directory) {
      if (recurse) files.push(...(await yamlFilesUnder(tree, path, true)));
    } else if (/\.ya?ml$/i.test(entry.name)) {
      files.push(path);
    }
  }
  return files;
}
