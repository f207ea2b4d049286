import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRegexPattern, matchesPattern, patternProblem } from '../../backend/src/runbooks/patterns.js';

describe('matchesPattern', () => {
  it.each([
    ['registry-a.example.com', 'registry-a.example.com', true],
    ['registry-a.example.com', 'registry-a.example.com.evil', false],
    ['registry-a.example.com', 'Registry-A.example.com', false],
    ['registry-?.example.com', 'registry-b.example.com', true],
    ['registry-?.example.com', 'registry-bb.example.com', false],
    ['*.example.com', 'www.example.com', true],
    ['*.example.com', 'example.com', false],
    ['*.example.com', 'a.b.example.com', true],
    ['wait-for-*', 'wait-for-db', true],
    ['wait-for-*', 'migrate', false],
    ['*', '', true],
    ['*-flags', 'payments-flags', true],
    ['*-flags', 'payments-flags-v2', false],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'aXcYb', false],
    ['?', '😀', true],
    ['/healthz', '/healthz', true],
    ['/healthz', '/healthz/live', false],
    ['/', '/', true],
    ['//', '//', true],
    ['0', '0', true],
    ['/timeout|no such host/', 'dial tcp: lookup registry-a: no such host', true],
    ['/timeout|no such host/', 'manifest unknown', false],
    ['/^registry-a\\./', 'registry-a.example.com', true],
    ['/^registry-a\\./', 'mirror.registry-a.example.com', false],
    ['/Timeout/', 'i/o timeout', false],
    ['/healthz/', '/healthz/live', true],
    ['/(/', '(', false],
  ])('%s against %s: %s', (pattern, text, expected) => {
    expect(matchesPattern(pattern, text)).toBe(expected);
  });

  it('matches a glob the way the anchored regular expression it stands for does', () => {
    const reference = (glob: string) =>
      new RegExp(
        `^${Array.from(glob, (character) =>
          character === '*' ? '.*' : character === '?' ? '.' : character.replace(/[.+^${}()|[\]\\]/g, '\\$&'),
        ).join('')}$`,
        'su',
      );
    const alphabet = fc.constantFrom('a', 'b', '.', '😀', '\n');
    const glob = fc
      .array(fc.oneof(alphabet, fc.constantFrom('*', '?')), { maxLength: 8 })
      .map((parts) => parts.join(''));
    const text = fc.array(alphabet, { maxLength: 12 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(
        glob.filter((pattern) => !isRegexPattern(pattern)),
        text,
        (pattern, value) => {
          expect(matchesPattern(pattern, value)).toBe(reference(pattern).test(value));
        },
      ),
    );
  });

  it('rejects a near miss of a many-star glob on a long text without exponential backtracking', () => {
    const text = 'a'.repeat(20_000);
    expect(matchesPattern(`${'*a'.repeat(30)}b`, text)).toBe(false);
  });
});

describe('patternProblem', () => {
  it.each([
    ['registry-a.*', undefined],
    ['/timeout|no such host/', undefined],
    ['/(/', 'invalid regular expression /(/: Unterminated group'],
    ['/a{2,1}/', 'invalid regular expression /a{2,1}/: numbers out of order in {} quantifier'],
    ['/[z-a]/', 'invalid regular expression /[z-a]/: Range out of order in character class'],
    ['/(', undefined],
  ])('%s: %s', (pattern, expected) => {
    expect(patternProblem(pattern)).toBe(expected);
  });
});
