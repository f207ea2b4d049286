import type { Application } from '../../kube/application.js';
import type { KubeObject } from '../../kube/objects.js';

/**
 * The Application seen as any other object, so its evidence ids and event lookups follow the same
 * rules. Built from the known kind because a gathered Application may come without apiVersion/kind.
 */
export function applicationObject(application: Application): KubeObject {
  return {
    apiVersion: application.apiVersion ?? 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: application.metadata,
  };
}
