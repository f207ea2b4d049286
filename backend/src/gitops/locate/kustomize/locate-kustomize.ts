import { describeRef } from '../../../kube/objects.js';
import { type ObjectEdit, type PathSegment, parseFieldPath } from '../../../runbooks/plan/index.js';
import { GitOpsError } from '../../gitops-error.js';
import type { GitSource } from '../../source/application-sources.js';
import { type Placement, placement, setInFile } from '../placement.js';
import { WorkTree } from '../work-tree.js';
import { isImageEdit, locateKustomizeImage } from './images.js';
import type { Kustomization } from './kustomization.js';
import { patchObject, renderPatch } from './new-patch.js';
import { type Found, searchKustomization } from './search.js';

/** `ai-sre-web-oom-double-memory-limit.yaml`: named after the object and the runbook, unique in the overlay. */
async function patchFileName(
  tree: WorkTree,
  overlay: Kustomization,
  object: string,
  runbook: string,
): Promise<string> {
  const base = `ai-sre-${object}-${runbook}`.toLowerCase().replace(/[^a-z0-9.-]+/g, '-');
  for (let attempt = 1; ; attempt++) {
    const file = WorkTree.resolve(overlay.dir, `${base}${attempt === 1 ? '' : `-${attempt}`}.yaml`);
    const listed = overlay.patches.some((patch) => patch.file === file);
    if (listed || (await tree.read(file)) === undefined) return file;
  }
}

/** The field goes into a patch of the app's own kustomization, which a later fix of the same runbook reuses. */
async function addToOverlayPatch(
  tree: WorkTree,
  manifest: Found,
  edit: ObjectEdit,
  path: readonly PathSegment[],
  runbook: string,
): Promise<Placement> {
  const overlay = manifest.layers[0] as Kustomization;
  const name = String((manifest.value.metadata as { name?: unknown } | undefined)?.name ?? edit.object.name);
  const file = await patchFileName(tree, overlay, name, runbook);
  if ((await tree.read(file)) !== undefined) {
    await setInFile(tree, file, 0, path, edit.to);
    return placement(tree, edit, file, path);
  }
  const manifestText = (await tree.read(manifest.file)) ?? '';
  const patch = patchObject(manifest, name, path, edit.to);
  const comment = `Added by argocd-ai-sre for runbook ${runbook}: ${describeRef(edit.object)}.`;
  await tree.write(file, renderPatch(patch, manifestText, manifest.file, comment));
  const relative = file.slice(overlay.dir === '' ? 0 : overlay.dir.length + 1);
  await setInFile(
    tree,
    overlay.file,
    0,
    [
      { kind: 'key', key: 'patches' },
      { kind: 'match', key: 'path', value: relative },
      { kind: 'key', key: 'path' },
    ],
    relative,
  );
  return placement(tree, edit, file, path);
}

/**
 * Writes an edit into a Kustomize source: an image into the app's `images:`; another field into the
 * document that gives it its value (a patch of some layer, or the manifest); a field nobody sets into
 * the manifest when it lives in the app's own directory, else into a new patch of the app's overlay.
 */
export async function locateKustomize(
  tree: WorkTree,
  source: GitSource,
  edit: ObjectEdit,
  runbook: string,
): Promise<Placement> {
  const path = parseFieldPath(edit.path);
  if (isImageEdit(path)) return locateKustomizeImage(tree, source, edit);
  const search = await searchKustomization(tree, source.path, edit.object, edit.object.name, path);
  const target = search.setter ?? (search.manifest?.layers.length === 1 ? search.manifest : undefined);
  if (target) {
    await setInFile(tree, target.file, target.document, path, edit.to);
    return placement(tree, edit, target.file, path);
  }
  if (!search.manifest) {
    throw new GitOpsError(
      'locate',
      `no manifest of ${describeRef(edit.object)} in the kustomization at ${source.path || 'the repository root'} of ${tree.repoURL}`,
    );
  }
  return addToOverlayPatch(tree, search.manifest, edit, path, runbook);
}
