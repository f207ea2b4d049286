import { isManaged } from '../kube/application.js';
import { type ResourceRef, refOf } from '../kube/objects.js';
import type { ClusterSnapshot } from '../kube/snapshot.js';
import { indexSnapshot } from '../kube/snapshot-index.js';

/**
 * A resource is part of the app when Argo CD manages it, or when what owns it is managed: the Pod of
 * the app's Deployment appears in Argo CD's resource tree, so its "AI Diagnose" tab is legitimate.
 */
export function isPartOfApp(snapshot: ClusterSnapshot, target: ResourceRef): boolean {
  const { application } = snapshot;
  if (isManaged(application, target)) return true;
  const index = indexSnapshot(snapshot);
  const object = index.find(target);
  if (!object) return false;
  return index.ownerChain(object).some((owner) => isManaged(application, refOf(owner)));
}
