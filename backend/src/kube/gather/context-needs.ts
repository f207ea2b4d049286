import type { ListedKindName } from '../kinds.js';
import type { KubeObject, Pod } from '../objects.js';

export interface ListRequest {
  kind: ListedKindName;
  fieldSelector?: string;
}

export const listKey = (request: ListRequest) => `${request.kind}?${request.fieldSelector ?? ''}`;

/**
 * Warnings carry the diagnoses; a busy namespace holds thousands of Normal events (Pulled, Started...)
 * that only a few detectors read. Those are listed when the first look says a detector will want them.
 */
export const WARNING_EVENTS: ListRequest = { kind: 'Event', fieldSelector: 'type!=Normal' };
export const NORMAL_EVENTS: ListRequest = { kind: 'Event', fieldSelector: 'type=Normal' };

/** Which context a first look at pods and events says the detectors will need. */
export function neededContext(
  objects: readonly KubeObject[],
  alreadyListed: ReadonlySet<string>,
): ListRequest[] {
  const pods = objects.filter((object) => object.kind === 'Pod') as Pod[];
  const eventText = objects
    .filter((object) => object.kind === 'Event')
    .map((event) => `${(event as { reason?: string }).reason} ${(event as { message?: string }).message}`)
    .join('\n');
  const waitingReasons = new Set(
    pods.flatMap((pod) =>
      [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].map(
        (status) => status.state?.waiting?.reason ?? '',
      ),
    ),
  );
  const unscheduled = pods.some((pod) =>
    pod.status?.conditions?.some(
      (condition) => condition.type === 'PodScheduled' && condition.status === 'False',
    ),
  );
  const evicted = pods.some((pod) => pod.status?.reason === 'Evicted');
  const usesClaims = pods.some((pod) => pod.spec?.volumes?.some((volume) => volume.persistentVolumeClaim));
  const hasTls = objects.some(
    (object) => object.kind === 'Ingress' && (object.spec as { tls?: unknown[] })?.tls?.length,
  );
  const wanted = new Set<ListedKindName>();
  const probeKills = /(Liveness|Startup) probe failed/.test(eventText);
  if (unscheduled || evicted || /FailedScheduling/.test(eventText)) wanted.add('Node');
  if (/exceeded quota/i.test(eventText)) wanted.add('ResourceQuota');
  if (/service ?account/i.test(eventText)) wanted.add('ServiceAccount');
  if (usesClaims && (unscheduled || /FailedMount|FailedAttachVolume|unbound/i.test(eventText))) {
    wanted.add('PersistentVolumeClaim');
  }
  if (waitingReasons.has('CreateContainerConfigError') || /FailedMount/.test(eventText)) {
    wanted.add('ConfigMap');
    wanted.add('Secret');
  }
  if (hasTls) wanted.add('Secret');
  const pendingClaims = objects.some(
    (object) =>
      object.kind === 'PersistentVolumeClaim' && (object.status as { phase?: string })?.phase === 'Pending',
  );
  if (pendingClaims || wanted.has('PersistentVolumeClaim')) wanted.add('StorageClass');
  const requests: ListRequest[] = [...wanted].map((kind) => ({ kind }));
  // Killing (a probe's restart) and the provisioner's progress on a claim are Normal events.
  if (probeKills || pendingClaims || wanted.has('PersistentVolumeClaim')) requests.push(NORMAL_EVENTS);
  return requests.filter((request) => !alreadyListed.has(listKey(request)));
}
