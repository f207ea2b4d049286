import { eventCount, eventLastSeen } from '../kube/event-times.js';
import type { Event, KubeObject, ResourceRef } from '../kube/objects.js';
import { groupOf, refKey, refOf } from '../kube/objects.js';
import type { ContainerLog } from '../kube/snapshot.js';
import type { EventEvidence, LogEvidence, StatusEvidence } from './symptom.js';

export function eventEvidence(event: Event): EventEvidence {
  const involved = event.involvedObject;
  const resource: ResourceRef = {
    group: groupOf(involved.apiVersion),
    kind: involved.kind ?? '',
    name: involved.name ?? '',
  };
  if (involved.namespace) resource.namespace = involved.namespace;
  const evidence: EventEvidence = {
    kind: 'event',
    id: `event:${event.metadata?.namespace ?? ''}/${event.metadata?.name ?? ''}`,
    resource,
    type: event.type ?? 'Normal',
    reason: event.reason ?? '',
    message: event.message ?? '',
    count: eventCount(event),
  };
  const lastSeen = eventLastSeen(event);
  if (lastSeen) evidence.lastSeen = lastSeen;
  return evidence;
}

export function statusEvidence(object: KubeObject, field: string, value: string): StatusEvidence {
  const resource = refOf(object);
  return { kind: 'status', id: `status:${refKey(resource)}:${field}`, resource, field, value };
}

export function logEvidence(log: ContainerLog, lines: readonly string[]): LogEvidence {
  return {
    kind: 'log',
    id: `log:${log.namespace}/${log.pod}/${log.container}${log.previous ? ':previous' : ''}`,
    resource: { group: '', kind: 'Pod', namespace: log.namespace, name: log.pod },
    container: log.container,
    previous: log.previous,
    lines: [...lines],
  };
}
