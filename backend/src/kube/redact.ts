/**
 * Masks credentials in free text (log lines, event and status messages) before it leaves the process:
 * API responses, LLM prompts and our own logs. Each pattern names what it catches; the tests hold one
 * example of each. What stays visible is the part a human needs to see where the credential was.
 */
export const MASK = '****';

const secretKey =
  '[A-Za-z0-9_.-]*(?:[Pp]assword|PASSWORD|[Pp]asswd|[Pp]wd|PWD|[Ss]ecret|SECRET|[Tt]oken|TOKEN|[Aa]pi[_-]?[Kk]ey|API_?KEY|[Aa]ccess[_-]?[Kk]ey|ACCESS_?KEY|[Pp]rivate[_-]?[Kk]ey|[Cc]redentials?|CREDENTIALS?)[A-Za-z0-9_.-]*';

interface RedactionPattern {
  name: string;
  pattern: RegExp;
  replace: (match: string, ...groups: string[]) => string;
}

export const redactionPatterns: readonly RedactionPattern[] = [
  {
    name: 'PEM private key block',
    pattern: /-----BEGIN ([A-Z ]*)PRIVATE KEY-----[\s\S]*?(?:-----END \1PRIVATE KEY-----|$)/g,
    replace: (_match, kind) => `-----BEGIN ${kind}PRIVATE KEY-----${MASK}`,
  },
  {
    name: 'JSON Web Token',
    pattern: /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+/g,
    replace: () => MASK,
  },
  {
    name: 'Authorization header value (Bearer, Basic, token)',
    pattern: /\b(Bearer|Basic|token)(\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
    replace: (_match, scheme, space) => `${scheme}${space}${MASK}`,
  },
  {
    name: 'password in a URL (scheme://user:password@host)',
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi,
    replace: (_match, prefix) => `${prefix}${MASK}@`,
  },
  {
    name: 'GitHub, GitLab and Slack tokens; AWS access key ids',
    pattern:
      /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|glpat-[A-Za-z0-9_-]{20,}|xox[abprs]-[A-Za-z0-9-]{10,}|(?:AKIA|ASIA)[0-9A-Z]{16})\b/g,
    replace: () => MASK,
  },
  {
    name: 'key=value or key:value where the key names a secret',
    pattern: new RegExp(
      `\\b(${secretKey})(["']?=\\s*["']?|["']?:["']?)(?!\\*\\*\\*\\*)([^\\s"',;&]{3,})`,
      'gi',
    ),
    replace: (_match, key, separator) => `${key}${separator}${MASK}`,
  },
  {
    // Prose says "token: unexpected status"; only a value with a digit, a capital or a symbol is masked.
    name: 'key: value where the key names a secret and the value looks generated',
    pattern: new RegExp(
      `\\b(${secretKey})(["']?:\\s+["']?)(?!\\*\\*\\*\\*)((?=[^\\s"',;&]*[0-9A-Z+/=_.-])[^\\s"',;&]{3,})`,
      'g',
    ),
    replace: (_match, key, separator) => `${key}${separator}${MASK}`,
  },
];

/** Every pattern above needs one of these to match; most event and status messages have none. */
const mightHoldCredential =
  /password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private|credential|bearer|basic|eyJ|:\/\/[^\s/]*@|gh[pousr]_|github_pat_|glpat-|xox[abprs]-|AKIA|ASIA/i;

export function redactText(text: string): string {
  if (!mightHoldCredential.test(text)) return text;
  let result = text;
  for (const { pattern, replace } of redactionPatterns) {
    result = result.replace(pattern, replace as (substring: string, ...args: unknown[]) => string);
  }
  return result;
}

/** Environment variable names whose literal values are secrets even though they are not in a Secret. */
export const secretEnvName = /(password|passwd|secret|token|api_?key|access_?key|private_?key|credential)/i;
