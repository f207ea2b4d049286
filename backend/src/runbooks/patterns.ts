/**
 * The values of a runbook's `when` and `scope`: a glob (`registry-a.*`, anchored, case-sensitive;
 * `*` is any run of characters, `?` exactly one) or a regular expression between slashes
 * (`/timeout|no such host/`), which searches anywhere in the text as a JavaScript RegExp.
 */

/** `/x/` and longer; `/` and `//` stay globs, as does `/healthz`, which does not end with a slash. */
export function isRegexPattern(pattern: string): boolean {
  return pattern.length > 2 && pattern.startsWith('/') && pattern.endsWith('/');
}

function regexBody(pattern: string): string {
  return pattern.slice(1, -1);
}

/** Why a pattern cannot be used: `invalid regular expression /(/: Unterminated group`; undefined when it can. */
export function patternProblem(pattern: string): string | undefined {
  if (!isRegexPattern(pattern)) return undefined;
  const body = regexBody(pattern);
  try {
    new RegExp(body);
    return undefined;
  } catch (error) {
    // V8 says `Invalid regular expression: /(/: Unterminated group`; keep only the reason.
    const text = (error as Error).message;
    const prefix = `Invalid regular expression: /${body}/`;
    const reason = text.startsWith(prefix) ? text.slice(prefix.length).replace(/^[a-z]*: /, '') : text;
    return `invalid regular expression /${body}/: ${reason}`;
  }
}

/**
 * Matches code points, not UTF-16 units, so `?` stands for one character of any script. Iterative
 * with one backtrack point per `*`: linear in practice and never exponential, whatever the glob.
 */
function globMatches(glob: string, text: string): boolean {
  const pattern = Array.from(glob);
  const characters = Array.from(text);
  let p = 0;
  let t = 0;
  let star = -1;
  let starText = 0;
  while (t < characters.length) {
    const wanted = pattern[p];
    if (wanted === '*') {
      star = p;
      starText = t;
      p += 1;
    } else if (wanted !== undefined && (wanted === '?' || wanted === characters[t])) {
      p += 1;
      t += 1;
    } else if (star >= 0) {
      // Let the last `*` swallow one more character and try the rest again.
      p = star + 1;
      starText += 1;
      t = starText;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p += 1;
  return p === pattern.length;
}

/** Whether the text matches the pattern; an invalid regular expression matches nothing. */
export function matchesPattern(pattern: string, text: string): boolean {
  if (!isRegexPattern(pattern)) return globMatches(pattern, text);
  try {
    return new RegExp(regexBody(pattern)).test(text);
  } catch {
    return false;
  }
}
