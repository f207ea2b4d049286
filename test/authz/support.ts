import { BUILTIN_POLICY } from '../../backend/src/authz/builtin-policy.js';
import { argocdAllows } from '../../backend/src/authz/decide.js';
import { createEnforcer } from '../../backend/src/authz/enforcer.js';
import { parsePolicy, rbacConfigOf } from '../../backend/src/authz/policy-csv.js';
import { projectPolicy, projectRolesOf } from '../../backend/src/authz/project-policy.js';

/** One question: may `subjects` (a user, then its groups) do `action` on `resource` `object`? */
export interface Question {
  subjects: string[];
  resource: string;
  action: string;
  object: string;
  allowed: boolean;
}

/** Argo CD's answer for argocd-rbac-cm `data` (and an AppProject), through the backend's own evaluator. */
export async function evaluate(
  data: Record<string, string>,
  question: Omit<Question, 'allowed'>,
  appProject?: unknown,
): Promise<boolean> {
  const rbac = rbacConfigOf(data, 'argocd-rbac-cm');
  const project = appProject === undefined ? undefined : projectRolesOf(appProject);
  const enforcer = await createEnforcer(
    [...parsePolicy(BUILTIN_POLICY, 'builtin'), ...rbac.lines, ...(project ? projectPolicy(project) : [])],
    rbac.matchMode,
  );
  return argocdAllows(enforcer, rbac.defaultRole, question.subjects, question);
}
