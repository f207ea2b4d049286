import type { MatchMode } from './glob.js';

/** `p, <subject>, <resource>, <action>, <object>, <allow|deny>` */
export interface PermissionLine {
  kind: 'p';
  subject: string;
  resource: string;
  action: string;
  object: string;
  effect: string;
}

/** `g, <user or group>, <role>`: the subject is given the role. */
export interface GroupingLine {
  kind: 'g';
  subject: string;
  role: string;
}

export type PolicyLine = PermissionLine | GroupingLine;

/** A policy that Argo CD would refuse to load: say where, never guess what was meant. */
export class PolicyError extends Error {
  override name = 'PolicyError';
}

/**
 * One CSV record as Go's encoding/csv reads it with TrimLeadingSpace (what Argo CD parses policy
 * lines with): fields split on commas, leading blanks dropped, `"..."` quoting with `""` for a quote.
 */
export function csvFields(line: string): string[] | undefined {
  const fields: string[] = [];
  let index = 0;
  for (;;) {
    while (line[index] === ' ' || line[index] === '\t') index++;
    let field = '';
    if (line[index] === '"') {
      index++;
      for (;;) {
        if (index >= line.length) return undefined;
        if (line[index] === '"') {
          if (line[index + 1] === '"') {
            field += '"';
            index += 2;
            continue;
          }
          index++;
          break;
        }
        field += line[index];
        index++;
      }
      if (index < line.length && line[index] !== ',') return undefined;
    } else {
      const comma = line.indexOf(',', index);
      const end = comma === -1 ? line.length : comma;
      field = line.slice(index, end);
      if (field.includes('"')) return undefined;
      index = end;
    }
    fields.push(field);
    if (index >= line.length) return fields;
    index++;
  }
}

/** The lines of a policy text; `where` names it in errors ("argocd-rbac-cm policy.csv"). */
export function parsePolicy(text: string, where: string): PolicyLine[] {
  const lines: PolicyLine[] = [];
  for (const [number, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const fields = csvFields(line);
    const fail = (why: string) => new PolicyError(`${where}, line ${number + 1}: ${why}`);
    if (!fields) throw fail('not a valid CSV line');
    const [kind, ...rest] = fields;
    if (kind === 'p') {
      const [subject, resource, action, object, effect] = rest;
      if (rest.length !== 5 || !subject || !resource || !action || !object || !effect) {
        throw fail('a p line needs 5 fields: subject, resource, action, object, allow|deny');
      }
      lines.push({ kind, subject, resource, action, object, effect });
    } else if (kind === 'g') {
      const [subject, role] = rest;
      if (rest.length !== 2 || !subject || !role) throw fail('a g line needs 2 fields: subject, role');
      lines.push({ kind, subject, role });
    } else {
      throw fail('a policy line starts with p or g');
    }
  }
  return lines;
}

/** What argocd-rbac-cm says, ready to enforce. */
export interface RbacConfig {
  /** The role everyone has (`policy.default`); empty for none. */
  defaultRole: string;
  matchMode: MatchMode;
  /** policy.csv, then the `policy.<name>.csv` overlays in key order, as Argo CD merges them. */
  lines: PolicyLine[];
}

function isOverlayKey(key: string): boolean {
  return key.startsWith('policy.') && key.endsWith('.csv') && key !== 'policy.csv';
}

/** argocd-rbac-cm's data; an absent ConfigMap is an empty one (Argo CD then applies the built-in policy only). */
export function rbacConfigOf(data: Readonly<Record<string, string>>, configMap: string): RbacConfig {
  const keys = ['policy.csv', ...Object.keys(data).filter(isOverlayKey).sort()];
  const lines = keys.flatMap((key) => parsePolicy(data[key] ?? '', `${configMap} ${key}`));
  // Argo CD takes any other value, a typo included, as glob.
  const matchMode = data['policy.matchMode'] === 'regex' ? 'regex' : 'glob';
  return { defaultRole: data['policy.default'] ?? '', matchMode, lines };
}
