import type { Symptom } from '../../detectors/symptom.js';
import { type Application, isManaged } from '../../kube/application.js';
import {
  describeRef,
  groupOf,
  type HorizontalPodAutoscaler,
  type KubeObject,
  type ResourceRef,
  refOf,
} from '../../kube/objects.js';
import type { ClusterSnapshot } from '../../kube/snapshot.js';
import { indexSnapshot } from '../../kube/snapshot-index.js';
import type { TargetRef } from './fix-plan.js';
import { PlanError } from './plan-error.js';

/** The object a plan edits, as the snapshot holds it, and how the plan names it. */
export interface PlanTarget {
  object: KubeObject;
  ref: TargetRef;
}

/** Kinds a fix changes themselves: nothing above them holds their spec in a form a path can reach. */
const SELF_TARGETS = new Set(['/PersistentVolumeClaim', '/Service', 'networking.k8s.io/Ingress']);

function isApplicationRef(ref: ResourceRef): boolean {
  return ref.group === 'argoproj.io' && ref.kind === 'Application';
}

function applicationName(application: Application): string {
  return `${application.metadata.namespace}/${application.metadata.name}`;
}

function listsResources(application: Application): boolean {
  return (application.status?.resources ?? []).length > 0;
}

function targetOf(object: KubeObject): PlanTarget {
  const ref = refOf(object);
  if (!object.apiVersion) throw new PlanError(`${describeRef(ref)} has no apiVersion in the snapshot.`);
  return { object, ref: { ...ref, apiVersion: object.apiVersion } };
}

function scaleTarget(snapshot: ClusterSnapshot, hpa: KubeObject): KubeObject {
  const reference = (hpa as HorizontalPodAutoscaler).spec?.scaleTargetRef;
  if (!reference) throw new PlanError(`${describeRef(refOf(hpa))} names no scale target.`);
  const wanted: ResourceRef = {
    group: groupOf(reference.apiVersion),
    kind: reference.kind,
    name: reference.name,
  };
  if (hpa.metadata?.namespace) wanted.namespace = hpa.metadata.namespace;
  const object = indexSnapshot(snapshot).find(wanted);
  if (!object) {
    throw new PlanError(
      `the scale target of ${describeRef(refOf(hpa))}, ${describeRef(wanted)}, is not in the cluster snapshot.`,
    );
  }
  return object;
}

/** The topmost object of the owner chain that Argo CD manages: the one its Git source defines. */
function topOfChain(snapshot: ClusterSnapshot, object: KubeObject): KubeObject {
  const chain = indexSnapshot(snapshot).ownerChain(object);
  const application = snapshot.application;
  const candidates = listsResources(application)
    ? chain.filter((member) => isManaged(application, refOf(member)))
    : chain;
  const top = candidates[candidates.length - 1];
  if (!top) {
    const names = chain.map((member) => describeRef(refOf(member))).join(', ');
    throw new PlanError(
      `none of ${names} is a resource of Application ${applicationName(application)}, so none of them is in its Git source.`,
    );
  }
  return top;
}

function checkManaged(snapshot: ClusterSnapshot, object: KubeObject): KubeObject {
  const application = snapshot.application;
  const ref = refOf(object);
  if (listsResources(application) && !isManaged(application, ref)) {
    throw new PlanError(
      `${describeRef(ref)} is not a resource of Application ${applicationName(application)}, so it is not in its Git source.`,
    );
  }
  return object;
}

/**
 * The object that lives in Git and answers for the symptom's resource: up the owner chain from a
 * Pod (ReplicaSet → Deployment, StatefulSet, DaemonSet, Job → CronJob), the scale target of an
 * HPA, and a PVC, Service or Ingress itself. When the Application lists its resources, the object
 * must be one of them.
 */
export function resolveTarget(snapshot: ClusterSnapshot, symptom: Symptom): PlanTarget {
  const { resource } = symptom;
  if (isApplicationRef(resource)) {
    throw new PlanError(
      `the symptom is about ${describeRef(resource)} itself, not an object its source defines; only revertLastChange can answer it.`,
    );
  }
  const object = indexSnapshot(snapshot).find(resource);
  if (!object) {
    throw new PlanError(
      `${describeRef(resource)} is not in the cluster snapshot, so there is no object to change.`,
    );
  }
  if (resource.group === 'autoscaling' && resource.kind === 'HorizontalPodAutoscaler') {
    return targetOf(checkManaged(snapshot, scaleTarget(snapshot, object)));
  }
  if (SELF_TARGETS.has(`${resource.group}/${resource.kind}`)) return targetOf(checkManaged(snapshot, object));
  return targetOf(topOfChain(snapshot, object));
}

/** The Application itself, for plans that only revert the newest commit of its source. */
export function applicationTarget(snapshot: ClusterSnapshot): PlanTarget {
  const application = snapshot.application;
  const ref: TargetRef = {
    group: 'argoproj.io',
    kind: 'Application',
    name: application.metadata.name ?? '',
    apiVersion: application.apiVersion ?? 'argoproj.io/v1alpha1',
  };
  if (application.metadata.namespace) ref.namespace = application.metadata.namespace;
  return { object: application as unknown as KubeObject, ref };
}
