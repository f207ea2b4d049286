/** Who asks, as far as this backend can trust it. */
export interface Identity {
  /** Absent for an anonymous user, who may do nothing. */
  username?: string;
  /** The groups taken into account; always empty for a local account. */
  groups: string[];
  /** A local account of argocd-cm: it has no groups, so a groups header for it came from the browser. */
  local: boolean;
}

/**
 * argocd-server sets Argocd-User-Groups only when the user has groups and otherwise passes on what
 * the browser sent (server/extension/extension.go, prepareRequest). Local accounts never have groups,
 * so for them the header can only be forged: it is ignored.
 */
export function identityOf(
  username: string | undefined,
  claimedGroups: readonly string[],
  localAccounts: ReadonlySet<string>,
): Identity {
  if (username === undefined) return { groups: [], local: false };
  const local = localAccounts.has(username);
  return { username, groups: local ? [] : [...claimedGroups], local };
}
