import { groupOf } from '../../../kube/objects.js';
import { type PathSegment, type TargetRef, valueAt } from '../../../runbooks/plan/index.js';
import { documentValues, isManifestOf } from '../../edit/yaml-documents.js';
import type { WorkTree } from '../work-tree.js';
import { type Kustomization, type PatchFile, readKustomization } from './kustomization.js';

/** A document that is (or patches) the object, and the kustomizations above it, the app's first. */
export interface Found {
  file: string;
  document: number;
  value: Record<string, unknown>;
  layers: Kustomization[];
  patch: boolean;
}

export interface Search {
  /** The document whose value wins for the field: the last patch that sets it, else the manifest. */
  setter?: Found;
  /** The object's own manifest. */
  manifest?: Found;
}

/** The name the object has inside a layer, before that layer's namePrefix and nameSuffix. */
function innerName(layer: Kustomization, name: string): string {
  let inner = name;
  if (layer.namePrefix && inner.startsWith(layer.namePrefix)) inner = inner.slice(layer.namePrefix.length);
  if (layer.nameSuffix && inner.endsWith(layer.nameSuffix)) inner = inner.slice(0, -layer.nameSuffix.length);
  return inner;
}

function matchesName(pattern: string | undefined, name: string): boolean {
  if (pattern === undefined) return true;
  if (pattern === name) return true;
  try {
    return new RegExp(`^(?:${pattern})$`).test(name);
  } catch {
    return false;
  }
}

/** Whether a patch document applies to the object: by its explicit target, else by its own identity. */
function patchApplies(
  patch: PatchFile,
  value: unknown,
  target: TargetRef,
  names: readonly string[],
): boolean {
  const selector = patch.target;
  if (selector && (selector.kind !== undefined || selector.name !== undefined)) {
    return (
      (selector.kind === undefined || selector.kind === target.kind) &&
      (selector.group === undefined || selector.group === target.group) &&
      names.some((name) => matchesName(selector.name, name)) &&
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value)
    );
  }
  return names.some((name) => isManifestOf(value, target, name));
}

async function documentsOf(tree: WorkTree, file: string): Promise<unknown[]> {
  const text = await tree.read(file);
  if (text === undefined) return [];
  return documentValues(text, file);
}

function isKubeDocument(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'kind' in value;
}

/**
 * Follows a kustomization the way kustomize builds it, looking for the document that gives the
 * field its value: this layer's patches (the last one applied wins), its components, then its
 * resources (files, and directories followed recursively, within the repository).
 */
export async function searchKustomization(
  tree: WorkTree,
  dir: string,
  target: TargetRef,
  name: string,
  field: readonly PathSegment[],
  above: readonly Kustomization[] = [],
): Promise<Search> {
  const layer = await readKustomization(tree, dir);
  if (!layer) return {};
  const layers = [...above, layer];
  const inner = innerName(layer, name);
  const names = [...new Set([name, inner])];
  const result: Search = {};
  for (const patch of [...layer.patches].reverse()) {
    const values = await documentsOf(tree, patch.file);
    for (const [document, value] of values.entries()) {
      if (!isKubeDocument(value) || !patchApplies(patch, value, target, names)) continue;
      if (valueAt(value, field) !== undefined) {
        return { setter: { file: patch.file, document, value, layers, patch: true } };
      }
    }
  }
  for (const component of [...layer.components].reverse()) {
    const found = await searchKustomization(tree, component, target, inner, field, layers);
    if (found.setter) return { ...result, ...found };
    result.manifest ??= found.manifest;
  }
  for (const resource of layer.resources) {
    if (await tree.isDirectory(resource)) {
      const found = await searchKustomization(tree, resource, target, inner, field, layers);
      if (found.setter) return { ...result, ...found };
      result.manifest ??= found.manifest;
      continue;
    }
    const values = await documentsOf(tree, resource);
    for (const [document, value] of values.entries()) {
      if (!isManifestOf(value, target, inner) || groupOf(value.apiVersion) !== target.group) continue;
      const manifest: Found = { file: resource, document, value, layers, patch: false };
      if (valueAt(value, field) !== undefined) return { setter: manifest, manifest };
      result.manifest ??= manifest;
    }
  }
  return result;
}
