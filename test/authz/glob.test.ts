import { describe, expect, it } from 'vitest';
import { matcherFor } from '../../backend/src/authz/glob.js';

describe('glob match mode (gobwas/glob without separators, as Argo CD compiles it)', () => {
  const matches = matcherFor('glob');
  it.each([
    ['default/my-app', 'default/*', true],
    ['default/ns/my-app', 'default/*', true],
    ['other/my-app', 'default/*', false],
    ['default/my-app', 'default/my-ap?', true],
    ['default/my-app', 'default/my-?', false],
    ['web-b/app', 'web-[a-c]/*', true],
    ['web-d/app', 'web-[a-c]/*', false],
    ['web-d/app', 'web-[!a-c]/*', true],
    ['prod/app', '{prod,staging}/*', true],
    ['dev/app', '{prod,staging}/*', false],
    ['a*b', 'a\\*b', true],
    ['axb', 'a\\*b', false],
    ['a.b', 'a.b', true],
    ['axb', 'a.b', false],
    ['app', 'APP', false],
    // Patterns gobwas/glob cannot compile match nothing (Argo CD logs them and denies).
    ['web-a', 'web-[a', false],
    ['prod', '{prod', false],
    ['x\\', 'x\\', false],
  ])('%s against %s: %s', (value, pattern, expected) => {
    expect(matches(value, pattern)).toBe(expected);
  });
});

describe('regex match mode (Go regexp.MatchString, unanchored)', () => {
  const matches = matcherFor('regex');
  it.each([
    ['default/my-app', '^default/.*$', true],
    ['other/my-app', '^default/.*$', false],
    ['xdefault/app', 'default/', true],
    ['default/app', '^(prod|default)/app$', true],
    ['default/app', '(', false],
  ])('%s against %s: %s', (value, pattern, expected) => {
    expect(matches(value, pattern)).toBe(expected);
  });
});
