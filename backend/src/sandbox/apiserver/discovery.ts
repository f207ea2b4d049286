import type { ResourceRegistry } from './resource-registry.js';
import type { ResourceType } from './resource-type.js';

const allVerbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const subresourceVerbs: Record<string, string[]> = { status: ['get', 'patch', 'update'], log: ['get'] };

/** The version kube-apiserver reports; kubectl (and gcloud's kubectl dispatcher) pick their behaviour from it. */
export const serverVersion = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0-sandbox',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2025-01-01T00:00:00Z',
  goVersion: 'go1.23.4',
  compiler: 'gc',
  platform: 'linux/amd64',
};

function resourceEntries(type: ResourceType): Record<string, unknown>[] {
  const main: Record<string, unknown> = {
    name: type.plural,
    singularName: type.singular,
    namespaced: type.namespaced,
    kind: type.kind,
    verbs: type.kind === 'Namespace' ? allVerbs.filter((verb) => verb !== 'deletecollection') : allVerbs,
  };
  if (type.shortNames.length > 0) main.shortNames = [...type.shortNames];
  if (type.categories.length > 0) main.categories = [...type.categories];
  const subresources = type.subresources.map((subresource) => ({
    name: `${type.plural}/${subresource}`,
    singularName: '',
    namespaced: type.namespaced,
    kind: type.kind,
    verbs: subresourceVerbs[subresource] ?? ['get'],
  }));
  return [main, ...subresources];
}

function groupDocument(group: string, versions: readonly string[]) {
  const entries = versions.map((version) => ({ groupVersion: `${group}/${version}`, version }));
  return { name: group, versions: entries, preferredVersion: entries[0] };
}

/**
 * The discovery documents (`/api`, `/apis`, `/apis/<group>`, `/api/v1`, `/apis/<group>/<version>`) in their
 * legacy form; clients asking for aggregated discovery fall back to these. Undefined for other paths.
 */
export function discoveryDocument(
  pathname: string,
  registry: ResourceRegistry,
  serverAddress: string,
): unknown {
  const segments = pathname.split('/').filter((segment) => segment !== '');
  const [root, first, second] = segments;
  if (segments.length === 1 && root === 'api') {
    return {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
    };
  }
  if (segments.length === 1 && root === 'apis') {
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: registry.namedGroups().map(({ group, versions }) => groupDocument(group, versions)),
    };
  }
  const resourceList = (group: string, version: string) =>
    registry.hasGroupVersion(group, version)
      ? {
          kind: 'APIResourceList',
          apiVersion: 'v1',
          groupVersion: group ? `${group}/${version}` : version,
          resources: registry.typesIn(group, version).flatMap(resourceEntries),
        }
      : undefined;
  if (segments.length === 2 && root === 'api' && first !== undefined) return resourceList('', first);
  if (segments.length === 2 && root === 'apis' && first !== undefined) {
    const versions = registry.versionsOf(first);
    return versions ? { kind: 'APIGroup', apiVersion: 'v1', ...groupDocument(first, versions) } : undefined;
  }
  if (segments.length === 3 && root === 'apis' && first !== undefined && second !== undefined) {
    return resourceList(first, second);
  }
  return undefined;
}
