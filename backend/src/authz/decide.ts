import { REQUIREMENTS, type WriteAction } from './actions.js';
import { type ApproverList, isListed } from './approvers.js';
import type { Permission, PolicyEnforcer } from './enforcer.js';
import type { Identity } from './identity.js';

export interface Decision {
  allowed: boolean;
  /** Why not, in a sentence for the user; absent when allowed. */
  reason?: string;
}

export interface DecisionInput {
  identity: Identity;
  action: WriteAction;
  project: string;
  /** The app as Argo CD's RBAC names it: applicationObject(). */
  object: string;
  /** argocd-rbac-cm with the app's project's roles. */
  enforcer: PolicyEnforcer;
  /** `policy.default`: a role everyone has. */
  defaultRole: string;
  approvers: ApproverList | undefined;
}

/**
 * Argo CD's enforcement (util/rbac enforce, server/rbacpolicy EnforceClaims): the default role first,
 * then the user, then each group, each asked on its own, the first allow deciding; within one
 * subject a deny outweighs every allow of its roles. So a deny cannot take away what the default
 * role grants (rbac.md: "This access cannot be blocked by a deny rule").
 */
export function argocdAllows(
  enforcer: PolicyEnforcer,
  defaultRole: string,
  subjects: readonly string[],
  permission: Permission,
): boolean {
  return [defaultRole, ...subjects].some((subject) => subject !== '' && enforcer.allows(subject, permission));
}

/** Argo CD's verdict on the write's permission, then the project's approvers list, which can only narrow. */
export function decide(input: DecisionInput): Decision {
  const { identity, action, project, object } = input;
  if (identity.username === undefined) {
    return { allowed: false, reason: 'Argo CD names no user for this request; sign in to act on fixes' };
  }
  const permission = { resource: 'applications', action: REQUIREMENTS[action].argocdAction, object };
  const subjects = [identity.username, ...identity.groups];
  if (!argocdAllows(input.enforcer, input.defaultRole, subjects, permission)) {
    return {
      allowed: false,
      reason: `Argo CD's RBAC does not allow ${identity.username} to ${permission.action} applications on ${object}`,
    };
  }
  if (REQUIREMENTS[action].approversOnly && input.approvers && !isListed(input.approvers, identity)) {
    return {
      allowed: false,
      reason: `${identity.username} is not on the approvers list of project ${project} (approvers.${project} in the argocd-ai-sre settings)`,
    };
  }
  return { allowed: true };
}
