import { describe, expect, it } from 'vitest';
import { csvFields, PolicyError, parsePolicy, rbacConfigOf } from '../../backend/src/authz/policy-csv.js';

describe('policy CSV, as Go’s encoding/csv reads it for Argo CD', () => {
  it('splits on commas, drops leading blanks and reads quoted fields', () => {
    expect(csvFields('p,  alice, applications, get, "proj/a,b", allow')).toEqual([
      'p',
      'alice',
      'applications',
      'get',
      'proj/a,b',
      'allow',
    ]);
    expect(csvFields('g, "say ""hi""", role:x')).toEqual(['g', 'say "hi"', 'role:x']);
    expect(csvFields('g, "open, role:x')).toBeUndefined();
    expect(csvFields('g, a"b, role:x')).toBeUndefined();
  });

  it('skips blank lines and comments, and keeps p and g lines in order', () => {
    expect(
      parsePolicy('# roles\n\n  p, role:x, applications, sync, web/*, deny  \ng, alice, role:x\n', 'test'),
    ).toEqual([
      {
        kind: 'p',
        subject: 'role:x',
        resource: 'applications',
        action: 'sync',
        object: 'web/*',
        effect: 'deny',
      },
      { kind: 'g', subject: 'alice', role: 'role:x' },
    ]);
  });

  it.each([
    ['p, alice, applications, sync, web/*', 'line 2: a p line needs 5 fields'],
    ['g, alice', 'line 2: a g line needs 2 fields'],
    ['x, alice, role:x', 'line 2: a policy line starts with p or g'],
    ['p, "alice, applications, sync, web/*, allow', 'line 2: not a valid CSV line'],
  ])('refuses %s, naming where', (line, message) => {
    expect(() => parsePolicy(`g, bob, role:x\n${line}`, 'argocd-rbac-cm policy.csv')).toThrow(PolicyError);
    expect(() => parsePolicy(`g, bob, role:x\n${line}`, 'argocd-rbac-cm policy.csv')).toThrow(
      `argocd-rbac-cm policy.csv, ${message}`,
    );
  });

  it('merges policy.csv first, then the policy.<name>.csv overlays by key, and reads the default role and match mode', () => {
    const config = rbacConfigOf(
      {
        'policy.b.csv': 'g, b, role:b',
        'policy.csv': 'g, main, role:main',
        'policy.a.csv': 'g, a, role:a',
        'policy.default': 'role:readonly',
        'policy.matchMode': 'regex',
        'policy.notes': 'g, ignored, role:x',
      },
      'argocd-rbac-cm',
    );
    expect(config.lines.map((line) => line.subject)).toEqual(['main', 'a', 'b']);
    expect(config.defaultRole).toBe('role:readonly');
    expect(config.matchMode).toBe('regex');
  });

  it('treats an absent ConfigMap as no policy, and any match mode but regex as glob, as Argo CD does', () => {
    expect(rbacConfigOf({}, 'argocd-rbac-cm')).toEqual({ defaultRole: '', matchMode: 'glob', lines: [] });
    expect(rbacConfigOf({ 'policy.matchMode': 'Regex' }, 'argocd-rbac-cm').matchMode).toBe('glob');
  });

  it('names the overlay key of a bad line', () => {
    expect(() => rbacConfigOf({ 'policy.team.csv': 'p, x' }, 'argocd-rbac-cm')).toThrow(
      'argocd-rbac-cm policy.team.csv, line 1',
    );
  });
});
