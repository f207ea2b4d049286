/** What YAML turned a runbook's text into, described for the people who wrote it. */

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** What a value is, in a person's words: `a list`, `a number`, `binary data`. */
export function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Uint8Array) return 'binary data';
  if (isPlainObject(value)) return 'a mapping';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
