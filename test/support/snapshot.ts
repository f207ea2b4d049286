import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import type { Application } from '../../backend/src/kube/application.js';
import { buildSnapshot } from '../../backend/src/kube/build-snapshot.js';
import type { KubeObject } from '../../backend/src/kube/objects.js';
import type { ClusterSnapshot, ContainerLog } from '../../backend/src/kube/snapshot.js';

export function objectsFromYaml(text: string): KubeObject[] {
  return parseAllDocuments(text)
    .map((document) => document.toJS() as KubeObject | null)
    .filter((object): object is KubeObject => object !== null);
}

export function objectsFromFiles(...paths: string[]): KubeObject[] {
  return paths.flatMap((path) => objectsFromYaml(readFileSync(path, 'utf8')));
}

const defaultApplication: Application = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'app', namespace: 'argocd' },
  spec: {
    project: 'default',
    source: { repoURL: 'https://git.example.com/app.git', targetRevision: 'main', path: '.' },
    destination: { server: 'https://kubernetes.default.svc', namespace: 'default' },
  },
};

/**
 * A snapshot from recorded objects, the way detector tests build their tables.
 * The Application among the objects is the snapshot's application; without one, a plain default.
 */
export function snapshotOf(
  objects: readonly KubeObject[],
  options: { logs?: ContainerLog[]; capturedAt?: string; notes?: string[] } = {},
): ClusterSnapshot {
  const application = objects.find((object) => object.kind === 'Application') as Application | undefined;
  return buildSnapshot({
    capturedAt: options.capturedAt ?? '2026-11-17T09:00:00Z',
    application: application ?? defaultApplication,
    objects: objects.filter((object) => object.kind !== 'Application'),
    logs: options.logs ?? [],
    notes: options.notes ?? [],
  });
}

export function logOf(
  namespace: string,
  pod: string,
  container: string,
  text: string,
  previous = false,
): ContainerLog {
  return { namespace, pod, container, previous, lines: text.split('\n').filter(Boolean), truncated: false };
}
