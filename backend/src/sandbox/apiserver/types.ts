/** One allow rule in the shape of an RBAC PolicyRule, optionally limited to namespaces (as a RoleBinding would). */
export interface AccessRule {
  apiGroups: string[];
  /** Plural resource names; subresources as `pods/log`; `*` for all, `*\/status` for a subresource of any resource. */
  resources: string[];
  verbs: string[];
  /** When present, the rule only allows requests inside these namespaces (`*` for any namespace). */
  namespaces?: string[];
}

export interface SandboxUser {
  name: string;
  token: string;
  /** Without rules the user may do everything. */
  rules?: AccessRule[];
}

/** Makes matching requests fail with `code`, answered as a proper Status. */
export interface Fault {
  /** A Kubernetes verb: get, list, watch, create, update, patch, delete, deletecollection. Absent: every verb. */
  verb?: string;
  /** Plural resource, `pods/log` for a subresource, or `*`. */
  resource: string;
  namespace?: string;
  /** The status code of the error answer (default 500). */
  code?: number;
  message?: string;
  /** Instead of answering, hold the request open unanswered: an API server that stopped responding. */
  stall?: boolean;
  /** How many requests fail before the fault removes itself. Absent: until removed. */
  times?: number;
}

export interface ApiRequestRecord {
  method: string;
  /** The request path with its query string. */
  path: string;
  verb: string;
  /** Plural resource with its subresource (`pods/log`); empty for discovery and other non-resource paths. */
  resource: string;
  namespace?: string;
  code: number;
}
