/**
 * The pattern matching Argo CD applies to the resource, action and object of a policy line
 * (`policy.matchMode`): `glob` (the default) or `regex`.
 */
export type MatchMode = 'glob' | 'regex';

/** Whether `value` matches `pattern`; a pattern that does not compile matches nothing, as in Argo CD. */
export type Matcher = (value: string, pattern: string) => boolean;

function literal(character: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(character) ? `\\${character}` : character;
}

/** A character class `[...]` starting at `start`: its regex and where it ends; undefined when unclosed. */
function characterClass(pattern: string, start: number): { source: string; end: number } | undefined {
  let index = start + 1;
  let negated = false;
  if (pattern[index] === '!') {
    negated = true;
    index++;
  }
  let body = '';
  for (; index < pattern.length; index++) {
    const character = pattern[index] as string;
    if (character === ']' && body !== '') return { source: `[${negated ? '^' : ''}${body}]`, end: index };
    if (character === '\\') {
      index++;
      body += literal(pattern[index] ?? '\\');
    } else body += character === '-' ? '-' : literal(character);
  }
  return undefined;
}

/**
 * A glob in the syntax Argo CD uses (gobwas/glob without separators): `*` is any text, `/` included,
 * `?` one character, `[a-z]`/`[!a-z]` a class, `{a,b}` alternatives and `\` an escape. Anchored.
 */
export function globToRegExp(pattern: string): RegExp | undefined {
  let source = '';
  let alternatives = 0;
  for (let index = 0; index < pattern.length; index++) {
    const character = pattern[index] as string;
    if (character === '*') source += '.*';
    else if (character === '?') source += '.';
    else if (character === '\\') {
      index++;
      if (index >= pattern.length) return undefined;
      source += literal(pattern[index] as string);
    } else if (character === '[') {
      const found = characterClass(pattern, index);
      if (!found) return undefined;
      source += found.source;
      index = found.end;
    } else if (character === '{') {
      alternatives++;
      source += '(?:';
    } else if (character === '}' && alternatives > 0) {
      alternatives--;
      source += ')';
    } else if (character === ',' && alternatives > 0) source += '|';
    else source += literal(character);
  }
  if (alternatives > 0) return undefined;
  return new RegExp(`^${source}$`, 's');
}

/** Compiled patterns, kept per matcher: a policy has few distinct patterns and each is tried often. */
function cached(compile: (pattern: string) => RegExp | undefined): Matcher {
  const compiled = new Map<string, RegExp | undefined>();
  return (value, pattern) => {
    if (!compiled.has(pattern)) compiled.set(pattern, compile(pattern));
    return compiled.get(pattern)?.test(value) ?? false;
  };
}

/** Go's regexp.MatchString, which casbin's RegexMatch uses: unanchored, so `a` matches `xay`. */
function regex(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern);
  } catch {
    return undefined;
  }
}

export function matcherFor(mode: MatchMode): Matcher {
  return cached(mode === 'regex' ? regex : globToRegExp);
}
