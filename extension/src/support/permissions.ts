import type { Permissions } from '../types.js';

export type Action = keyof Permissions['can'];

/** What each action needs in Argo CD's RBAC, for users whose backend gave no reason of its own. */
const DENIED: Readonly<Record<Action, string>> = {
  propose: 'You may not propose fixes for this app (Argo CD RBAC: applications, sync).',
  approve: 'You may not approve fixes for this app (Argo CD RBAC: applications, sync).',
  reject: 'You may not reject fixes for this app (Argo CD RBAC: applications, sync).',
  changeMode: 'You may not change the AI SRE mode of this app (Argo CD RBAC: applications, update).',
};

/** Whether the user may do it; unknown permissions (loading, or /me failed) allow nothing. */
export function may(permissions: Permissions | undefined, action: Action): boolean {
  return permissions?.can[action] === true;
}

/**
 * One line saying why some of `actions` are not offered: the backend's reasons when it gave
 * them, else what Argo CD's RBAC would have to grant. Undefined when all of them are allowed,
 * or while nothing is known yet.
 */
export function whyNot(
  state: { data?: Permissions; error?: Error },
  actions: readonly Action[],
): string | undefined {
  if (!state.data) {
    return state.error
      ? `Your permissions could not be checked, so actions are hidden: ${state.error.message}`
      : undefined;
  }
  const denied = actions.filter((action) => !may(state.data, action));
  if (denied.length === 0) return undefined;
  const reasons = state.data.reasons?.filter((reason) => reason.trim() !== '') ?? [];
  if (reasons.length > 0) return reasons.join(' ');
  // Approving and rejecting need the same permission: one sentence says it for both.
  const said = denied.includes('approve') ? denied.filter((action) => action !== 'reject') : denied;
  return said.map((action) => DENIED[action]).join(' ');
}
