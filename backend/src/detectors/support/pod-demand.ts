import type { Pod } from '../../kube/objects.js';
import {
  compareQuantities,
  formatQuantity,
  parseQuantity,
  type Quantity,
  totalQuantity,
} from '../../kube/quantity.js';

/** What a pod asks the scheduler for, of one resource. */
export interface PodDemand {
  /** The effective request, as a quantity: `6208Mi`. */
  requested: string;
  /** The same, exactly, for comparisons. */
  value: Quantity;
  /** The container whose request weighs most: the one a fix would lower. */
  container: string;
}

interface Request {
  name: string;
  text: string;
  value: Quantity;
}

type ContainerSpec = NonNullable<Pod['spec']>['containers'][number];

function requestsOf(containers: readonly ContainerSpec[], resource: string): Request[] {
  return containers.flatMap((container) => {
    const text = container.resources?.requests?.[resource];
    const value = text === undefined ? undefined : parseQuantity(text);
    return text === undefined || value === undefined ? [] : [{ name: container.name, text, value }];
  });
}

function heaviest(requests: readonly Request[]): Request | undefined {
  return requests.reduce<Request | undefined>(
    (best, request) =>
      best === undefined || compareQuantities(request.value, best.value) > 0 ? request : best,
    undefined,
  );
}

/**
 * The request the scheduler counts for one resource: app containers and native sidecars run
 * together and add up; ordinary init containers run one at a time before them, so only the largest
 * counts, and only when it is larger. Pod overhead is left out: a RuntimeClass adds it, not Git.
 */
export function podDemand(pod: Pod, resource: string): PodDemand | undefined {
  const initContainers = pod.spec?.initContainers ?? [];
  const together = requestsOf(
    [
      ...initContainers.filter((container) => container.restartPolicy === 'Always'),
      ...(pod.spec?.containers ?? []),
    ],
    resource,
  );
  const largestInit = heaviest(
    requestsOf(
      initContainers.filter((container) => container.restartPolicy !== 'Always'),
      resource,
    ),
  );
  const total = totalQuantity(together.map((request) => request.value));
  if (largestInit && compareQuantities(largestInit.value, total) > 0) {
    return { requested: largestInit.text, value: largestInit.value, container: largestInit.name };
  }
  const largest = heaviest(together);
  if (!largest) return undefined;
  // One request is quoted as written; a sum is written in the unit of its largest addend.
  const requested = together.length === 1 ? largest.text : formatQuantity(total);
  return { requested, value: total, container: largest.name };
}
