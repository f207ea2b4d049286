import type { ResourceStatus } from '../kube/application.js';
import type { ResourceRef } from '../kube/objects.js';
import { describeRef, refKey, refOf } from '../kube/objects.js';
import type { ClusterSnapshot } from '../kube/snapshot.js';
import { indexSnapshot } from '../kube/snapshot-index.js';
import type { Detector } from './detector.js';
import { eventEvidence, statusEvidence } from './evidence.js';
import { applicationObject } from './support/application-object.js';
import type { Evidence, Symptom } from './symptom.js';

function refOfStatus(resource: ResourceStatus): ResourceRef {
  const ref: ResourceRef = { group: resource.group ?? '', kind: resource.kind, name: resource.name };
  if (resource.namespace) ref.namespace = resource.namespace;
  return ref;
}

function sentence(ref: ResourceRef, healthMessage: string): string {
  return healthMessage
    ? `${describeRef(ref)} is Degraded: ${healthMessage.replace(/\.$/, '')}.`
    : `${describeRef(ref)} is Degraded.`;
}

/** The live object's newest warnings, when the snapshot holds it, so the fallback is not a bare status. */
function warnings(snapshot: ClusterSnapshot, ref: ResourceRef): Evidence[] {
  const index = indexSnapshot(snapshot);
  const object = index.find(ref);
  if (!object) return [];
  return index
    .eventsFor(object)
    .filter((event) => event.type === 'Warning')
    .slice(0, 3)
    .map(eventEvidence);
}

/**
 * The fallback: whatever Argo CD's health assessment calls Degraded, in its own words. The pipeline
 * keeps these only for resources no specific detector explains.
 */
export const degradedDetector: Detector = {
  type: 'Degraded',
  detect(snapshot) {
    const status = snapshot.application.status;
    const app = applicationObject(snapshot.application);
    const degraded = (status?.resources ?? [])
      .map((resource, index) => ({ resource, index, ref: refOfStatus(resource) }))
      .filter(({ resource }) => resource.health?.status === 'Degraded')
      .sort((a, b) => refKey(a.ref).localeCompare(refKey(b.ref)));

    const symptoms: Symptom[] = degraded.map(({ resource, index, ref }) => {
      const healthMessage = resource.health?.message ?? '';
      const field = `status.resources[${index}].health.${healthMessage ? 'message' : 'status'}`;
      return {
        type: 'Degraded',
        resource: ref,
        message: sentence(ref, healthMessage),
        params: { healthMessage, kind: resource.kind },
        evidence: [statusEvidence(app, field, healthMessage || 'Degraded'), ...warnings(snapshot, ref)],
      };
    });

    const health = status?.health;
    if (symptoms.length === 0 && health?.status === 'Degraded' && health.message) {
      const ref = refOf(app);
      symptoms.push({
        type: 'Degraded',
        resource: ref,
        message: sentence(ref, health.message),
        params: { healthMessage: health.message, kind: 'Application' },
        evidence: [statusEvidence(app, 'status.health.message', health.message)],
      });
    }
    return symptoms;
  },
};
