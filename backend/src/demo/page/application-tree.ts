import type { Application, ResourceStatus } from '../../kube/application.js';

/** A node of Argo CD's ApplicationTree, with the fields extensions read. */
export interface TreeNode {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  uid?: string;
  health?: { status?: string; message?: string };
}

export interface ApplicationTree {
  nodes: TreeNode[];
}

export function resourceKey(resource: Pick<ResourceStatus, 'group' | 'kind' | 'namespace' | 'name'>): string {
  return `${resource.group ?? ''}/${resource.kind}/${resource.namespace ?? ''}/${resource.name}`;
}

/** The managed resources as a tree: the demo has no live children, so the nodes are the app's resources. */
export function treeOf(application: Application): ApplicationTree {
  return {
    nodes: (application.status?.resources ?? []).map((resource) => ({
      group: resource.group ?? '',
      version: resource.version ?? 'v1',
      kind: resource.kind,
      namespace: resource.namespace ?? '',
      name: resource.name,
      ...(resource.health ? { health: resource.health } : {}),
    })),
  };
}

/** Argo CD draws the Application as the root of its resource tree, with its own panel and tabs. */
export function applicationNode(application: Application): ResourceStatus {
  return {
    group: 'argoproj.io',
    version: 'v1alpha1',
    kind: 'Application',
    namespace: application.metadata.namespace ?? 'argocd',
    name: application.metadata.name ?? '',
    ...(application.status?.sync?.status ? { status: application.status.sync.status } : {}),
    ...(application.status?.health ? { health: application.status.health } : {}),
  };
}
