import { documentValues } from '../../edit/yaml-documents.js';
import { WorkTree } from '../work-tree.js';

export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** A patch a kustomization applies from a file, with the target it names when it names one. */
export interface PatchFile {
  file: string;
  target?: { group?: string; kind?: string; name?: string; namespace?: string };
}

export interface ImageOverride {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

/** The fields of a kustomization the Git writer follows, with paths relative to the repository. */
export interface Kustomization {
  dir: string;
  file: string;
  /** `resources` and the older `bases`, in order. */
  resources: string[];
  components: string[];
  /** `patchesStrategicMerge` files, then `patches` files: the order kustomize applies them. */
  patches: PatchFile[];
  images: ImageOverride[];
  namePrefix: string;
  nameSuffix: string;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** A remote base (`github.com/org/repo//path?ref=v1`, `https://...`) is not in this repository. */
function isRemote(reference: string): boolean {
  return (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(reference) ||
    /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(reference) ||
    reference.startsWith('git@')
  );
}

export async function findKustomizationFile(tree: WorkTree, dir: string): Promise<string | undefined> {
  for (const name of KUSTOMIZATION_FILES) {
    const file = dir === '' ? name : `${dir}/${name}`;
    if ((await tree.read(file)) !== undefined) return file;
  }
  return undefined;
}

/** The kustomization of a directory; undefined when the directory has none. */
export async function readKustomization(tree: WorkTree, dir: string): Promise<Kustomization | undefined> {
  const file = await findKustomizationFile(tree, dir);
  if (!file) return undefined;
  const data = record(documentValues((await tree.read(file)) ?? '', file)[0]);
  const local = (references: string[]) =>
    references
      .filter((reference) => !isRemote(reference))
      .map((reference) => WorkTree.resolve(dir, reference));
  const patches: PatchFile[] = local(
    strings(data.patchesStrategicMerge).filter((item) => !item.includes('\n')),
  ).map((patch) => ({ file: patch }));
  for (const entry of Array.isArray(data.patches) ? data.patches : []) {
    const { path, target } = record(entry);
    if (typeof path !== 'string' || isRemote(path)) continue;
    const patch: PatchFile = { file: WorkTree.resolve(dir, path) };
    if (target) patch.target = record(target) as NonNullable<PatchFile['target']>;
    patches.push(patch);
  }
  const images = (Array.isArray(data.images) ? data.images : [])
    .map(record)
    .filter((image): image is Record<string, string> & ImageOverride => typeof image.name === 'string');
  return {
    dir,
    file,
    resources: local([...strings(data.resources), ...strings(data.bases)]),
    components: local(strings(data.components)),
    patches,
    images,
    namePrefix: typeof data.namePrefix === 'string' ? data.namePrefix : '',
    nameSuffix: typeof data.nameSuffix === 'string' ? data.nameSuffix : '',
  };
}
