import { eventLastSeen } from './event-times.js';
import type { Event, KubeObject, Pod, ResourceRef } from './objects.js';
import { refKey, refOf } from './objects.js';
import type { ClusterSnapshot, ContainerLog } from './snapshot.js';

/** Lookups that detectors and fix plans share, computed once per snapshot. */
export interface SnapshotIndex {
  find(ref: ResourceRef): KubeObject | undefined;
  /** The controlling owner (ownerReferences with controller: true), when it is in the snapshot. */
  owner(object: KubeObject): KubeObject | undefined;
  /** The object, its owner, its owner's owner...: Pod, ReplicaSet, Deployment. */
  ownerChain(object: KubeObject): KubeObject[];
  /** The top of the owner chain: the workload (Deployment, CronJob...) behind a Pod, or the object itself. */
  topOwner(object: KubeObject): KubeObject;
  /** Pods whose owner chain reaches the given object (a Pod is its own). */
  podsOf(object: KubeObject): Pod[];
  /** Events about the object, newest first. */
  eventsFor(object: KubeObject): Event[];
  logsOf(
    namespace: string,
    pod: string,
    container: string,
  ): { current?: ContainerLog; previous?: ContainerLog };
}

const cache = new WeakMap<ClusterSnapshot, SnapshotIndex>();

function objectsOf(snapshot: ClusterSnapshot): KubeObject[] {
  return [
    ...snapshot.namespaces,
    ...snapshot.pods,
    ...snapshot.replicaSets,
    ...snapshot.deployments,
    ...snapshot.statefulSets,
    ...snapshot.daemonSets,
    ...snapshot.jobs,
    ...snapshot.cronJobs,
    ...snapshot.services,
    ...snapshot.endpoints,
    ...snapshot.endpointSlices,
    ...snapshot.ingresses,
    ...snapshot.ingressClasses,
    ...snapshot.horizontalPodAutoscalers,
    ...snapshot.persistentVolumeClaims,
    ...snapshot.storageClasses,
    ...snapshot.nodes,
    ...snapshot.resourceQuotas,
    ...snapshot.serviceAccounts,
    ...snapshot.others,
  ] as KubeObject[];
}

function buildIndex(snapshot: ClusterSnapshot): SnapshotIndex {
  const objects = objectsOf(snapshot);
  const byKey = new Map<string, KubeObject>();
  const byUid = new Map<string, KubeObject>();
  const byKindName = new Map<string, KubeObject>();
  for (const object of objects) {
    byKey.set(refKey(refOf(object)), object);
    const uid = object.metadata?.uid;
    if (uid) byUid.set(uid, object);
    byKindName.set(`${object.kind}/${object.metadata?.namespace ?? ''}/${object.metadata?.name}`, object);
  }

  const eventsByUid = new Map<string, Event[]>();
  const eventsByKindName = new Map<string, Event[]>();
  const push = (map: Map<string, Event[]>, key: string, event: Event) => {
    const list = map.get(key);
    if (list) list.push(event);
    else map.set(key, [event]);
  };
  const newestFirst = [...snapshot.events].sort((a, b) =>
    (eventLastSeen(b) ?? '').localeCompare(eventLastSeen(a) ?? ''),
  );
  for (const event of newestFirst) {
    const involved = event.involvedObject;
    if (involved.uid) push(eventsByUid, involved.uid, event);
    push(eventsByKindName, `${involved.kind}/${involved.namespace ?? ''}/${involved.name}`, event);
  }

  const logs = new Map<string, { current?: ContainerLog; previous?: ContainerLog }>();
  for (const log of snapshot.logs) {
    const key = `${log.namespace}/${log.pod}/${log.container}`;
    const entry = logs.get(key) ?? {};
    if (log.previous) entry.previous = log;
    else entry.current = log;
    logs.set(key, entry);
  }

  const owner = (object: KubeObject): KubeObject | undefined => {
    const reference = object.metadata?.ownerReferences?.find((candidate) => candidate.controller);
    if (!reference) return undefined;
    return (
      byUid.get(reference.uid) ??
      byKindName.get(`${reference.kind}/${object.metadata?.namespace ?? ''}/${reference.name}`)
    );
  };

  const ownerChain = (object: KubeObject): KubeObject[] => {
    const chain = [object];
    for (let next = owner(object); next && !chain.includes(next); next = owner(next)) chain.push(next);
    return chain;
  };

  // Built on first use: every object of a pod's owner chain maps to the pod.
  let pods: Map<KubeObject, Pod[]> | undefined;
  const podsByOwner = (): Map<KubeObject, Pod[]> => {
    if (pods) return pods;
    pods = new Map();
    for (const pod of snapshot.pods) {
      for (const member of ownerChain(pod)) {
        const list = pods.get(member);
        if (list) list.push(pod);
        else pods.set(member, [pod]);
      }
    }
    return pods;
  };

  return {
    find: (ref) => byKey.get(refKey(ref)),
    owner,
    ownerChain,
    topOwner: (object) => ownerChain(object).at(-1) ?? object,
    podsOf: (object) => podsByOwner().get(object) ?? [],
    eventsFor: (object) => {
      const uid = object.metadata?.uid;
      const byName =
        eventsByKindName.get(`${object.kind}/${object.metadata?.namespace ?? ''}/${object.metadata?.name}`) ??
        [];
      if (!uid) return byName;
      const byId = eventsByUid.get(uid) ?? [];
      // Events recorded for an earlier object of the same name carry another uid: keep only ours.
      return [...new Set([...byId, ...byName.filter((event) => !event.involvedObject.uid)])];
    },
    logsOf: (namespace, pod, container) => logs.get(`${namespace}/${pod}/${container}`) ?? {},
  };
}

export function indexSnapshot(snapshot: ClusterSnapshot): SnapshotIndex {
  let index = cache.get(snapshot);
  if (!index) {
    index = buildIndex(snapshot);
    cache.set(snapshot, index);
  }
  return index;
}
