import { withoutUserinfo } from '../credentials/repo-url.js';

/**
 * Output of git with every secret replaced by `***`: the values themselves, each line of a
 * multi-line one (a private key), their base64 forms (as in a Basic header), and the
 * `user:password@` part of any URL.
 */
export function scrub(text: string, secrets: readonly string[]): string {
  const needles = new Set<string>();
  for (const secret of secrets) {
    for (const part of [secret, ...secret.split('\n')]) {
      const trimmed = part.trim();
      if (trimmed.length >= 4) {
        needles.add(trimmed);
        needles.add(Buffer.from(trimmed).toString('base64'));
      }
    }
  }
  let result = withoutUserinfo(text);
  for (const needle of [...needles].sort((a, b) => b.length - a.length)) {
    result = result.replaceAll(needle, '***');
  }
  return result;
}
