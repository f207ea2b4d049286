export type Subresource = 'status' | 'log';

/** One resource the server serves: what discovery lists and what requests resolve to. */
export interface ResourceType {
  group: string;
  version: string;
  kind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: readonly string[];
  categories: readonly string[];
  subresources: readonly Subresource[];
  /**
   * A type compiled into kube-apiserver: it accepts strategic merge patches, its list items carry no
   * apiVersion/kind, and it has a generation only when it has a spec. CRDs have none of these.
   */
  builtin: boolean;
}

export function apiVersionOf(type: ResourceType): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

export function hasStatusSubresource(type: ResourceType): boolean {
  return type.subresources.includes('status');
}
