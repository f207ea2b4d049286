import { type Enforcer, newEnforcer, newModelFromString } from 'casbin';
import { type MatchMode, matcherFor } from './glob.js';
import type { PolicyLine } from './policy-csv.js';

/**
 * Argo CD's casbin model (argoproj/argo-cd assets/model.conf): a subject reaches a permission through
 * its roles (g), resource, action and object match as globs or regexes, and one matching deny
 * outweighs any number of allows.
 */
const ARGOCD_MODEL = `
[request_definition]
r = sub, res, act, obj

[policy_definition]
p = sub, res, act, obj, eft

[role_definition]
g = _, _

[policy_effect]
e = some(where (p.eft == allow)) && !some(where (p.eft == deny))

[matchers]
m = g(r.sub, p.sub) && globOrRegexMatch(r.res, p.res) && globOrRegexMatch(r.act, p.act) && globOrRegexMatch(r.obj, p.obj)
`;

/** One question to the policy: may `subject` do `action` on `resource` `object`? */
export interface Permission {
  resource: string;
  action: string;
  object: string;
}

/** A loaded policy; enforcing is synchronous and does no I/O. */
export interface PolicyEnforcer {
  allows(subject: string, permission: Permission): boolean;
}

export async function createEnforcer(lines: readonly PolicyLine[], mode: MatchMode): Promise<PolicyEnforcer> {
  const model = newModelFromString(ARGOCD_MODEL);
  for (const line of lines) {
    if (line.kind === 'p') {
      model.addPolicy('p', 'p', [line.subject, line.resource, line.action, line.object, line.effect]);
    } else {
      model.addPolicy('g', 'g', [line.subject, line.role]);
    }
  }
  const enforcer: Enforcer = await newEnforcer(model);
  const matches = matcherFor(mode);
  await enforcer.addFunction('globOrRegexMatch', (value: unknown, pattern: unknown) =>
    typeof value === 'string' && typeof pattern === 'string' ? matches(value, pattern) : false,
  );
  await enforcer.buildRoleLinks();
  return {
    allows: (subject, { resource, action, object }) =>
      enforcer.enforceSync(subject, resource, action, object),
  };
}
