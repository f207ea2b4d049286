import { ApiError, qualifiedResource, type StatusDetails, unauthorized } from './api-error.js';
import { type RequestAttributes, resourcePath } from './request-attributes.js';
import type { AccessRule, SandboxUser } from './types.js';

function listed(values: readonly string[], value: string): boolean {
  return values.includes('*') || values.includes(value);
}

/** RBAC's resource matching: exact `pods/log`, `*`, or `*\/log` for that subresource of any resource. */
function resourceMatches(rule: AccessRule, attributes: RequestAttributes): boolean {
  const requested = resourcePath(attributes);
  return rule.resources.some(
    (resource) =>
      resource === '*' ||
      resource === requested ||
      (attributes.subresource !== undefined && resource === `*/${attributes.subresource}`),
  );
}

function ruleAllows(rule: AccessRule, attributes: RequestAttributes): boolean {
  if (!listed(rule.verbs, attributes.verb) || !listed(rule.apiGroups, attributes.group)) return false;
  if (!resourceMatches(rule, attributes)) return false;
  if (rule.namespaces === undefined) return true;
  return attributes.namespace !== undefined && listed(rule.namespaces, attributes.namespace);
}

function forbidden(user: SandboxUser, attributes: RequestAttributes): ApiError {
  const target = qualifiedResource({ group: attributes.group, resource: attributes.resource });
  const subject = attributes.name !== undefined ? `${target} "${attributes.name}"` : target;
  const scope =
    attributes.namespace !== undefined
      ? `in the namespace "${attributes.namespace}"`
      : 'at the cluster scope';
  const details: StatusDetails = {};
  if (attributes.name !== undefined) details.name = attributes.name;
  if (attributes.group) details.group = attributes.group;
  details.kind = attributes.resource;
  return new ApiError(
    403,
    'Forbidden',
    `${subject} is forbidden: User "${user.name}" cannot ${attributes.verb} resource "${resourcePath(attributes)}" in API group "${attributes.group}" ${scope}`,
    details,
  );
}

/** Bearer-token authentication and per-user allow rules. */
export class AccessControl {
  private readonly usersByToken = new Map<string, SandboxUser>();

  addUser(user: SandboxUser): void {
    this.usersByToken.set(user.token, user);
  }

  users(): SandboxUser[] {
    return [...this.usersByToken.values()];
  }

  /** The user an `Authorization` header names; 401 without a known bearer token. */
  authenticate(authorization: string | undefined): SandboxUser {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    const user = match?.[1] !== undefined ? this.usersByToken.get(match[1]) : undefined;
    if (!user) throw unauthorized();
    return user;
  }

  /** Throws 403 unless one of the user's rules allows the request; a user without rules may do anything. */
  authorize(user: SandboxUser, attributes: RequestAttributes): void {
    if (user.rules === undefined) return;
    if (user.rules.some((rule) => ruleAllows(rule, attributes))) return;
    throw forbidden(user, attributes);
  }
}
