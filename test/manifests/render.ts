import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../backend/src/kube/objects.js';
import { runCommand } from '../../backend/src/support/run-command.js';

export const repoRoot = join(import.meta.dirname, '..', '..');
export const fixturesDir = join(import.meta.dirname, 'fixtures');

/** An object kustomize rendered: it always has a kind and a name. */
export interface RenderedObject extends KubeObject {
  apiVersion: string;
  kind: string;
  metadata: NonNullable<KubeObject['metadata']> & { name: string };
}

export function parseObjects(yaml: string): RenderedObject[] {
  return parseAllDocuments(yaml)
    .map((document) => document.toJS() as RenderedObject | null)
    .filter((object): object is RenderedObject => object !== null);
}

/** `kubectl kustomize <dir>`, as a user's `kubectl apply -k` renders it. */
export async function renderKustomization(dir: string): Promise<RenderedObject[]> {
  const { stdout } = await runCommand('kubectl', ['kustomize', dir]);
  return parseObjects(stdout);
}

export function findObject(objects: readonly RenderedObject[], kind: string, name: string): RenderedObject {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} among the rendered objects`);
  return found;
}
