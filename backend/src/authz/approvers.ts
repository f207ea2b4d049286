import type { Identity } from './identity.js';

/** Who may decide on a project's fixes beyond what Argo CD's RBAC allows: users and `group:<name>` entries. */
export interface ApproverList {
  users: string[];
  groups: string[];
}

export const APPROVERS_PREFIX = 'approvers.';

/**
 * `approvers.<project>` in the settings ConfigMap: comma-separated names, `group:` before a group.
 * Absent: no list, Argo CD's RBAC alone decides. Present but empty: no one may decide.
 */
export function approversOf(
  data: Readonly<Record<string, string>>,
  project: string,
): ApproverList | undefined {
  const raw = data[`${APPROVERS_PREFIX}${project}`];
  if (raw === undefined) return undefined;
  const list: ApproverList = { users: [], groups: [] };
  for (const entry of raw.split(',')) {
    const name = entry.trim();
    if (name.startsWith('group:')) {
      const group = name.slice('group:'.length).trim();
      if (group !== '') list.groups.push(group);
    } else if (name !== '') list.users.push(name);
  }
  return list;
}

export function isListed(list: ApproverList, identity: Identity): boolean {
  return (
    (identity.username !== undefined && list.users.includes(identity.username)) ||
    identity.groups.some((group) => list.groups.includes(group))
  );
}
