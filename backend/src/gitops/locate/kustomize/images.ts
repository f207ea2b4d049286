import { type ObjectEdit, type PathSegment, parseFieldPath, valueAt } from '../../../runbooks/plan/index.js';
import { GitOpsError } from '../../gitops-error.js';
import type { GitSource } from '../../source/application-sources.js';
import { deleteInFile, type Placement, placement, setInFile } from '../placement.js';
import type { WorkTree } from '../work-tree.js';
import { splitImage } from './image-name.js';
import type { ImageOverride, Kustomization } from './kustomization.js';
import { searchKustomization } from './search.js';

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/** `...containers[name=web].image`: an edit kustomize's `images:` can make. */
export function isImageEdit(path: readonly PathSegment[]): boolean {
  const [list, item, field] = path.slice(-3);
  return (
    field?.kind === 'key' &&
    field.key === 'image' &&
    item !== undefined &&
    item.kind !== 'key' &&
    list?.kind === 'key' &&
    CONTAINER_LISTS.has(list.key)
  );
}

/** The image as a layer's `images:` entry leaves it. */
function override(image: { name: string; tag?: string; digest?: string }, entry: ImageOverride | undefined) {
  if (!entry) return image;
  const result = { ...image };
  if (entry.newName) result.name = entry.newName;
  if (entry.newTag) {
    result.tag = entry.newTag;
    delete result.digest;
  }
  if (entry.digest) result.digest = entry.digest;
  return result;
}

/**
 * An image change as the app's kustomization `images:` entry for the image as the layers below
 * spell it: updated when there is one (keeping what it sets that still holds), added otherwise.
 */
export async function locateKustomizeImage(
  tree: WorkTree,
  source: GitSource,
  edit: ObjectEdit,
): Promise<Placement> {
  const path = parseFieldPath(edit.path);
  const search = await searchKustomization(tree, source.path, edit.object, edit.object.name, path);
  const found = search.setter;
  const spelled = found ? valueAt(found.value, path) : undefined;
  if (!found || typeof spelled !== 'string') {
    throw new GitOpsError(
      'locate',
      `no manifest under ${source.path || 'the repository root'} of ${tree.repoURL} sets ${edit.path}`,
    );
  }
  const [top, ...below] = found.layers as [Kustomization, ...Kustomization[]];
  // The name the app's layer sees: the manifest's spelling, renamed by the layers between.
  let image = splitImage(spelled);
  for (const layer of [...below].reverse())
    image = override(
      image,
      layer.images.find((entry) => entry.name === image.name),
    );
  const name = image.name;
  const entry = top.images.find((candidate) => candidate.name === name);
  const current = override(image, entry);
  const wanted = splitImage(String(edit.to));
  const entryPath = (key: string): PathSegment[] => [
    { kind: 'key', key: 'images' },
    { kind: 'match', key: 'name', value: name },
    { kind: 'key', key },
  ];
  const changes: [string, string][] = [];
  if (wanted.name !== current.name) changes.push(['newName', wanted.name]);
  if (wanted.tag !== undefined && wanted.tag !== current.tag) changes.push(['newTag', wanted.tag]);
  if (wanted.digest !== undefined && wanted.digest !== current.digest)
    changes.push(['digest', wanted.digest]);
  if (wanted.digest === undefined && current.digest !== undefined) {
    if (!entry?.digest || wanted.tag === undefined) {
      throw new GitOpsError(
        'edit',
        `${spelled} is pinned by digest in ${found.file}; the fix ${String(edit.to)} would need it removed there`,
      );
    }
    await deleteInFile(tree, top.file, 0, entryPath('digest'));
  }
  if (wanted.tag === undefined && current.tag !== undefined && wanted.digest === undefined) {
    throw new GitOpsError(
      'edit',
      `kustomize images: cannot take the tag off ${name}; the fix ${String(edit.to)} has none`,
    );
  }
  for (const [key, value] of changes) await setInFile(tree, top.file, 0, entryPath(key), value);
  return placement(tree, edit, top.file, [
    { kind: 'key', key: 'images' },
    { kind: 'match', key: 'name', value: name },
  ]);
}
