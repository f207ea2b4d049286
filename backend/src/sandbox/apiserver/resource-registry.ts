import type { KubeObject } from '../../kube/objects.js';
import { pluralOf } from './plural-name.js';
import type { ResourceType } from './resource-type.js';
import { apiVersionOf } from './resource-type.js';

function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** Groups compiled into kube-apiserver have no dots (apps, batch) or end in .k8s.io; the rest come from CRDs. */
function isKubernetesGroup(group: string): boolean {
  return !group.includes('.') || group.endsWith('.k8s.io');
}

export interface GroupVersions {
  group: string;
  /** In registration order; the first is the preferred version. */
  versions: string[];
}

/** Every resource type the server knows, found by URL segments or by an object's apiVersion and kind. */
export class ResourceRegistry {
  private readonly byPath = new Map<string, ResourceType>();
  private readonly byKind = new Map<string, ResourceType>();
  private readonly groups = new Map<string, string[]>();

  constructor(types: readonly ResourceType[]) {
    for (const type of types) this.register(type);
  }

  register(type: ResourceType): void {
    this.byPath.set(`${type.group}/${type.version}/${type.plural}`, type);
    this.byKind.set(`${apiVersionOf(type)}/${type.kind}`, type);
    const versions = this.groups.get(type.group);
    if (!versions) this.groups.set(type.group, [type.version]);
    else if (!versions.includes(type.version)) versions.push(type.version);
  }

  resolve(group: string, version: string, plural: string): ResourceType | undefined {
    return this.byPath.get(`${group}/${version}/${plural}`);
  }

  forKind(apiVersion: string, kind: string): ResourceType | undefined {
    return this.byKind.get(`${apiVersion}/${kind}`);
  }

  /** The type of an object, registering its kind generically when nothing serves it yet. */
  forObject(object: KubeObject): ResourceType {
    const apiVersion = object.apiVersion;
    const kind = object.kind;
    if (!apiVersion || !kind) throw new Error('an object needs apiVersion and kind');
    const known = this.forKind(apiVersion, kind);
    if (known) return known;
    const { group, version } = splitApiVersion(apiVersion);
    const type: ResourceType = {
      group,
      version,
      kind,
      plural: pluralOf(kind),
      singular: kind.toLowerCase(),
      namespaced: Boolean(object.metadata?.namespace),
      shortNames: [],
      categories: [],
      subresources: [],
      builtin: isKubernetesGroup(group),
    };
    this.register(type);
    return type;
  }

  hasGroupVersion(group: string, version: string): boolean {
    return this.groups.get(group)?.includes(version) ?? false;
  }

  /** The named API groups (not core), in registration order. */
  namedGroups(): GroupVersions[] {
    return [...this.groups.entries()]
      .filter(([group]) => group !== '')
      .map(([group, versions]) => ({ group, versions: [...versions] }));
  }

  versionsOf(group: string): readonly string[] | undefined {
    return this.groups.get(group);
  }

  typesIn(group: string, version: string): ResourceType[] {
    return [...this.byPath.values()].filter((type) => type.group === group && type.version === version);
  }
}
