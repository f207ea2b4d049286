/** The writes this backend authorises, and what each needs in Argo CD's RBAC. */
export type WriteAction = 'propose' | 'approve' | 'reject' | 'changeMode';

export const WRITE_ACTIONS: readonly WriteAction[] = ['propose', 'approve', 'reject', 'changeMode'];

interface Requirement {
  /** The Argo CD action on `applications` the user must be allowed. */
  argocdAction: 'sync' | 'update';
  /**
   * Whether a project's approvers list narrows it. Proposing changes nothing; approving and rejecting
   * decide; a mode change may switch an app to auto, which commits without anyone approving.
   */
  approversOnly: boolean;
}

export const REQUIREMENTS: Readonly<Record<WriteAction, Requirement>> = {
  propose: { argocdAction: 'sync', approversOnly: false },
  approve: { argocdAction: 'sync', approversOnly: true },
  reject: { argocdAction: 'sync', approversOnly: true },
  changeMode: { argocdAction: 'update', approversOnly: true },
};

/**
 * The object Argo CD's RBAC names an app by (security.RBACName): `<project>/<app>` for an app in
 * Argo CD's own namespace, `<project>/<namespace>/<app>` for an app in any other namespace.
 */
export function applicationObject(
  project: string,
  application: { namespace: string; name: string },
  argocdNamespace: string,
): string {
  return application.namespace === argocdNamespace
    ? `${project}/${application.name}`
    : `${project}/${application.namespace}/${application.name}`;
}
