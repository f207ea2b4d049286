import type { AccessRule, ApiRequestRecord } from '../../backend/src/sandbox/apiserver/types.js';
import type { RenderedObject } from './render.js';

export interface ServiceAccountRef {
  namespace: string;
  name: string;
}

/** The identity the Deployment runs as (manifests/base/serviceaccount.yaml). */
export const BACKEND_ACCOUNT: ServiceAccountRef = { namespace: 'argocd', name: 'argocd-ai-sre' };

interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  verbs: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

interface Binding extends RenderedObject {
  roleRef: { kind: 'Role' | 'ClusterRole'; name: string };
  subjects?: { kind: string; name: string; namespace?: string }[];
}

function bindsServiceAccount(binding: Binding, account: ServiceAccountRef): boolean {
  return (binding.subjects ?? []).some(
    (subject) =>
      subject.kind === 'ServiceAccount' &&
      subject.name === account.name &&
      subject.namespace === account.namespace,
  );
}

function rulesOf(objects: readonly RenderedObject[], kind: string, name: string, namespace?: string) {
  const role = objects.find(
    (object) =>
      object.kind === kind &&
      object.metadata.name === name &&
      (kind === 'ClusterRole' || object.metadata.namespace === namespace),
  );
  if (!role) throw new Error(`a binding names ${kind} ${name}, which is not rendered`);
  return ((role as { rules?: PolicyRule[] }).rules ?? []).map((rule) => {
    // The sandbox's allow rules cannot express these, and the backend needs neither.
    if (rule.resourceNames || rule.nonResourceURLs) {
      throw new Error(`${kind} ${name}: resourceNames and nonResourceURLs are not supported here`);
    }
    // A wildcard grants what no call of the backend asks for, today or after the next Kubernetes release.
    if ([rule.apiGroups, rule.resources, rule.verbs].some((values) => values?.includes('*'))) {
      throw new Error(`${kind} ${name}: a rule with a wildcard grants more than the backend needs`);
    }
    return rule;
  });
}

/**
 * What the rendered RBAC lets one ServiceAccount do, as sandbox allow rules: a ClusterRoleBinding
 * grants everywhere (cluster-scoped resources included), a RoleBinding only in its namespace.
 */
export function accessRulesFor(objects: readonly RenderedObject[], account: ServiceAccountRef): AccessRule[] {
  const rules: AccessRule[] = [];
  for (const object of objects) {
    if (object.kind !== 'ClusterRoleBinding' && object.kind !== 'RoleBinding') continue;
    const binding = object as Binding;
    if (!bindsServiceAccount(binding, account)) continue;
    const namespace = binding.kind === 'RoleBinding' ? binding.metadata.namespace : undefined;
    for (const rule of rulesOf(objects, binding.roleRef.kind, binding.roleRef.name, namespace)) {
      rules.push({
        apiGroups: rule.apiGroups ?? [],
        resources: rule.resources ?? [],
        verbs: rule.verbs,
        ...(namespace ? { namespaces: [namespace] } : {}),
      });
    }
  }
  return rules;
}

/** One thing a rule allows: a verb on a resource of a group, in a namespace or everywhere. */
export interface Permission {
  group: string;
  resource: string;
  verb: string;
  namespace?: string;
}

export function permissionsOf(rules: readonly AccessRule[]): Permission[] {
  return rules.flatMap((rule) =>
    rule.apiGroups.flatMap((group) =>
      rule.resources.flatMap((resource) =>
        rule.verbs.flatMap((verb) =>
          rule.namespaces
            ? rule.namespaces.map((namespace) => ({ group, resource, verb, namespace }))
            : [{ group, resource, verb }],
        ),
      ),
    ),
  );
}

/** The API group a logged request addressed: `/apis/<group>/<version>/...`, or the core group. */
export function groupOf(record: ApiRequestRecord): string {
  const [, root, group] = new URL(record.path, 'https://sandbox').pathname.split('/');
  return root === 'apis' ? (group ?? '') : '';
}

/** Whether a request is one the permission allows (the wildcard-free subset of RBAC matching). */
export function allows(permission: Permission, record: ApiRequestRecord): boolean {
  return (
    permission.group === groupOf(record) &&
    permission.resource === record.resource &&
    permission.verb === record.verb &&
    (permission.namespace === undefined || permission.namespace === record.namespace)
  );
}

export function describePermission(permission: Permission): string {
  const resource = permission.group ? `${permission.resource}.${permission.group}` : permission.resource;
  return `${permission.verb} ${resource} ${permission.namespace ? `in ${permission.namespace}` : 'cluster-wide'}`;
}
