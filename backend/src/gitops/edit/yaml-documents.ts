import { type Document, parseAllDocuments } from 'yaml';
import { groupOf, type KubeObject } from '../../kube/objects.js';
import type { TargetRef } from '../../runbooks/plan/index.js';
import { GitOpsError } from '../gitops-error.js';

/**
 * Every document of a YAML file, with `<<` merge keys resolved as Kubernetes' reader resolves them.
 * A file git holds but YAML cannot read is reported with its line: nothing is edited around it.
 */
export function parseDocuments(text: string, file: string): Document.Parsed[] {
  const documents = parseAllDocuments(text, { merge: true, prettyErrors: true });
  for (const document of documents) {
    const error = document.errors[0];
    if (error) {
      const line = error.linePos?.[0].line;
      const problem = (error.message.split('\n')[0] ?? '').replace(/:$/, '');
      throw new GitOpsError('edit', `${file}${line ? `: line ${line}` : ''}: ${problem}`);
    }
  }
  return [...documents];
}

/** The plain value of each document; null for an empty one. */
export function documentValues(text: string, file: string): unknown[] {
  return parseDocuments(text, file).map((document) => document.toJS({ maxAliasCount: 1000 }) as unknown);
}

function isObject(value: unknown): value is KubeObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether a manifest is the object: same group, kind and name, and the same namespace when the
 * manifest names one (most leave it to the Application's destination or a kustomize overlay).
 */
export function isManifestOf(value: unknown, target: TargetRef, name = target.name): value is KubeObject {
  if (!isObject(value)) return false;
  const namespace = value.metadata?.namespace;
  return (
    value.kind === target.kind &&
    groupOf(value.apiVersion) === target.group &&
    value.metadata?.name === name &&
    (!namespace || !target.namespace || namespace === target.namespace)
  );
}
