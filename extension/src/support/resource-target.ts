// Pure functions without imports: the bundle takes these few lines, so a target is read and keyed
// exactly as the backend reads and keys the resources it matches it against.
import { groupOf, refKey } from '../../../backend/src/kube/objects.js';
import type { HostApplication, HostResource, ResourceRef } from '../types.js';

/**
 * What a resource tab asks the backend to diagnose. The Application's own tab (Argo CD shows it as
 * resource argoproj.io/Application) and a resource Argo CD could not describe mean the whole app.
 */
export function resourceTarget(
  application: HostApplication,
  resource: HostResource,
): ResourceRef | undefined {
  if (!resource?.kind || !resource.metadata?.name) return undefined;
  const group = groupOf(resource.apiVersion);
  if (
    group === 'argoproj.io' &&
    resource.kind === 'Application' &&
    resource.metadata.name === application.metadata.name
  )
    return undefined;
  const ref: ResourceRef = { group, kind: resource.kind, name: resource.metadata.name };
  if (resource.metadata.namespace) ref.namespace = resource.metadata.namespace;
  return ref;
}

/** A key that changes exactly when the target does, for effects that depend on it. */
export function targetKey(target: ResourceRef | undefined): string {
  return target ? refKey(target) : '';
}

/** Argo CD's header for the app: `<namespace>:<name>`; Argo CD fills the namespace of apps in its own. */
export function applicationHeader(application: HostApplication): string {
  return `${application.metadata.namespace || 'argocd'}:${application.metadata.name}`;
}
