import { formatFieldPath, type PathSegment, valueAt, withValueAt } from '../../../runbooks/plan/index.js';
import { parseDocuments } from '../../edit/yaml-documents.js';
import { detectStyle } from '../../edit/yaml-layout.js';
import { renderEntry } from '../../edit/yaml-render.js';
import { GitOpsError } from '../../gitops-error.js';
import type { Found } from './search.js';

/**
 * A strategic-merge patch that sets one field of the object. A step by list index cannot be merged
 * by position, so from the first such step the patch carries the whole list as the manifest has it,
 * with the edit applied (kustomize then replaces or merges it by key, as the list's schema says).
 */
export function patchObject(
  manifest: Found,
  name: string,
  path: readonly PathSegment[],
  value: unknown,
): Record<string, unknown> {
  const metadata: Record<string, unknown> = { name };
  const namespace = (manifest.value.metadata as { namespace?: unknown } | undefined)?.namespace;
  if (typeof namespace === 'string') metadata.namespace = namespace;
  const patch = { apiVersion: manifest.value.apiVersion, kind: manifest.value.kind, metadata };
  const indexed = path.findIndex((segment) => segment.kind === 'index');
  if (indexed < 0) return withValueAt(patch, path, value);
  const listPath = path.slice(0, indexed);
  const list = valueAt(manifest.value, listPath);
  if (!Array.isArray(list)) {
    throw new GitOpsError(
      'locate',
      `${manifest.file} has no list at ${formatFieldPath(listPath)} for ${formatFieldPath(path)}`,
    );
  }
  return withValueAt(patch, listPath, withValueAt(list, path.slice(indexed), value));
}

/** The patch as a file, indented like the manifest it patches, with a line saying where it comes from. */
export function renderPatch(
  patch: Record<string, unknown>,
  manifestText: string,
  manifestFile: string,
  comment: string,
): string {
  const [document] = parseDocuments(manifestText, manifestFile);
  const style = document
    ? detectStyle(manifestText, document)
    : { indent: 2, sequenceIndent: 2, eol: '\n' as const };
  const lines = Object.entries(patch).flatMap(([key, value]) => renderEntry(key, value, 0, style));
  return [`# ${comment}`, ...lines, ''].join(style.eol);
}
