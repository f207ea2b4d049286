import { type PolicyLine, parsePolicy } from './policy-csv.js';

/** The part of an AppProject that grants: `spec.roles[]`. */
export interface ProjectRoles {
  name: string;
  roles: { name: string; policies: string[]; groups: string[] }[];
}

/** An AppProject as the API returns it, reduced to what decides access; anything malformed counts as absent. */
export function projectRolesOf(object: unknown): ProjectRoles | undefined {
  const project = object as {
    metadata?: { name?: unknown };
    spec?: { roles?: { name?: unknown; policies?: unknown; groups?: unknown }[] };
  };
  const name = project.metadata?.name;
  if (typeof name !== 'string') return undefined;
  const strings = (value: unknown) =>
    Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  const roles = (Array.isArray(project.spec?.roles) ? project.spec.roles : []).flatMap((role) =>
    typeof role?.name === 'string'
      ? [{ name: role.name, policies: strings(role.policies), groups: strings(role.groups) }]
      : [],
  );
  return { name, roles };
}

/**
 * The policy a project adds at run time, as Argo CD builds it (AppProject.ProjectPoliciesString):
 * each role may read its project, has its own policy lines, and is granted to its groups; the role's
 * subject is `proj:<project>:<role>`. Argo CD's API refuses a role policy about another subject (or a
 * g line); an AppProject applied with kubectl skips that check, so such lines are dropped here: a role
 * grants only to itself. Its objects need no check: this policy is only ever asked about the
 * project's own apps (PolicySnapshot.enforcerFor), as in Argo CD.
 */
export function projectPolicy(project: ProjectRoles): PolicyLine[] {
  const lines: PolicyLine[] = [];
  for (const role of project.roles) {
    const subject = `proj:${project.name}:${role.name}`;
    lines.push({
      kind: 'p',
      subject,
      resource: 'projects',
      action: 'get',
      object: project.name,
      effect: 'allow',
    });
    const where = `AppProject ${project.name} role ${role.name}`;
    for (const line of parsePolicy(role.policies.join('\n'), where)) {
      if (line.kind === 'p' && line.subject === subject) lines.push(line);
    }
    for (const group of role.groups) lines.push({ kind: 'g', subject: group, role: subject });
  }
  return lines;
}
