import type { KubeObject } from '../../kube/objects.js';
import type { ClusterSnapshot } from '../../kube/snapshot.js';

/** Masks names before a prompt leaves and puts them back in the answer. */
export interface NameMask {
  mask(text: string): string;
  unmask(text: string): string;
}

export const NO_MASK: NameMask = { mask: (text) => text, unmask: (text) => text };

/** Characters of a Kubernetes name; a name only counts where none of them touches it. */
const NAME_CHARACTER = 'A-Za-z0-9-';

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function wholeWords(words: readonly string[], flags: string): RegExp {
  const alternatives = [...words].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).map(escaped);
  return new RegExp(`(?<![${NAME_CHARACTER}])(?:${alternatives.join('|')})(?![${NAME_CHARACTER}])`, flags);
}

/**
 * The names that say whose incident this is, each with the word its placeholder starts with:
 * the application, namespaces, and every namespaced object (and node) the snapshot holds or its
 * events and logs mention. Cluster-wide classes (StorageClass, IngressClass) name infrastructure,
 * not the application, and stay readable.
 */
export function namesOf(snapshot: ClusterSnapshot): Map<string, string> {
  const names = new Map<string, string>();
  const add = (name: string | undefined, label: string) => {
    if (name && !names.has(name)) names.set(name, label);
  };
  const { application } = snapshot;
  add(application.metadata.name, 'app');
  add(application.metadata.namespace, 'namespace');
  add(application.spec.destination.namespace, 'namespace');
  for (const namespace of snapshot.namespaces) add(namespace.metadata?.name, 'namespace');
  const objects: KubeObject[] = [
    ...snapshot.deployments,
    ...snapshot.statefulSets,
    ...snapshot.daemonSets,
    ...snapshot.cronJobs,
    ...snapshot.jobs,
    ...snapshot.replicaSets,
    ...snapshot.pods,
    ...snapshot.services,
    ...snapshot.endpoints,
    ...snapshot.endpointSlices,
    ...snapshot.ingresses,
    ...snapshot.horizontalPodAutoscalers,
    ...snapshot.persistentVolumeClaims,
    ...snapshot.resourceQuotas,
    ...snapshot.serviceAccounts,
    ...snapshot.nodes,
    ...snapshot.others,
  ] as KubeObject[];
  for (const object of objects) {
    add(object.metadata?.namespace, 'namespace');
    add(object.metadata?.name, (object.kind ?? 'object').toLowerCase());
  }
  for (const resource of application.status?.resources ?? []) {
    add(resource.namespace, 'namespace');
    add(resource.name, resource.kind.toLowerCase());
  }
  for (const named of snapshot.configMaps) add(named.name, 'configmap');
  for (const named of snapshot.secrets) add(named.name, 'secret');
  for (const event of snapshot.events) {
    const involved = event.involvedObject;
    add(involved.namespace, 'namespace');
    add(involved.name, (involved.kind ?? 'object').toLowerCase());
  }
  for (const log of snapshot.logs) {
    add(log.namespace, 'namespace');
    add(log.pod, 'pod');
  }
  return names;
}

/**
 * Replaces names with placeholders (`deployment-1`, `namespace-2`), numbered in the order they
 * first appear, so the same incident in two apps reads the same. A placeholder never collides
 * with a word of `corpus`, the text the prompt is made of.
 */
export class Anonymizer implements NameMask {
  readonly #labels: ReadonlyMap<string, string>;
  readonly #pattern: RegExp | undefined;
  readonly #corpus: string;
  readonly #byName = new Map<string, string>();
  readonly #byPlaceholder = new Map<string, string>();
  readonly #counters = new Map<string, number>();

  constructor(names: ReadonlyMap<string, string>, corpus: string) {
    this.#labels = names;
    this.#pattern = names.size > 0 ? wholeWords([...names.keys()], 'g') : undefined;
    this.#corpus = corpus.toLowerCase();
  }

  mask(text: string): string {
    const pattern = this.#pattern;
    return pattern ? text.replace(pattern, (name) => this.#placeholder(name)) : text;
  }

  unmask(text: string): string {
    if (this.#byPlaceholder.size === 0) return text;
    return text.replace(
      wholeWords([...this.#byPlaceholder.keys()], 'gi'),
      (placeholder) => this.#byPlaceholder.get(placeholder.toLowerCase()) ?? placeholder,
    );
  }

  #placeholder(name: string): string {
    const known = this.#byName.get(name);
    if (known) return known;
    const label = this.#labels.get(name) ?? 'name';
    let counter = this.#counters.get(label) ?? 0;
    let placeholder: string;
    do {
      counter++;
      placeholder = `${label}-${counter}`;
    } while (this.#byPlaceholder.has(placeholder) || wholeWords([placeholder], '').test(this.#corpus));
    this.#counters.set(label, counter);
    this.#byName.set(name, placeholder);
    this.#byPlaceholder.set(placeholder, name);
    return placeholder;
  }
}

/** Unmasks every string inside an answer, keys included. */
export function unmaskDeep<T>(value: T, mask: NameMask): T {
  if (typeof value === 'string') return mask.unmask(value) as T;
  if (Array.isArray(value)) return value.map((item) => unmaskDeep(item, mask)) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [mask.unmask(key), unmaskDeep(field, mask)]),
  ) as T;
}
