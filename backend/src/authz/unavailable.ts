/** Argo CD's RBAC cannot be known right now: writes are refused (fail closed), reads go on. */
export class AuthzUnavailableError extends Error {
  override name = 'AuthzUnavailableError';
}
