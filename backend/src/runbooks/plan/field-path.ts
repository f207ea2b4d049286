/**
 * Field paths in the syntax of scenarios/FORMAT.md: keys joined by `.`, `[3]` for a list index,
 * `[key=value]` for the list item whose `key` equals `value`
 * (`spec.template.spec.containers[name=web].resources.limits.memory`).
 *
 * A key that holds `.`, `[`, `]` or `\` escapes it with a backslash, as kubectl's JSONPath does
 * (`resources.limits.nvidia\.com/gpu`, `metadata.annotations.argocd\.argoproj\.io/sync-options`);
 * inside brackets only `]`, `=` (in the key) and `\` need it.
 */

export type PathSegment =
  | { kind: 'key'; key: string }
  | { kind: 'index'; index: number }
  | { kind: 'match'; key: string; value: string };

export class FieldPathError extends Error {
  override name = 'FieldPathError';
}

/** Splits a path into segments; throws FieldPathError naming the position of the first mistake. */
export function parseFieldPath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  let position = 0;
  const fail = (problem: string): never => {
    throw new FieldPathError(`${JSON.stringify(path)}, at character ${position + 1}: ${problem}`);
  };
  /** Reads up to an unescaped stop character, undoing escapes. */
  const read = (stops: string): string => {
    let text = '';
    while (position < path.length && !stops.includes(path.charAt(position))) {
      if (path[position] === '\\') {
        position++;
        if (position >= path.length) fail('a backslash ends the path');
      }
      text += path[position];
      position++;
    }
    return text;
  };
  if (path === '') fail('the path is empty');
  while (position < path.length) {
    if (path[position] === '[') {
      position++;
      const inside = read('=]');
      if (path[position] === '=') {
        position++;
        const value = read(']');
        if (inside === '') fail('a [key=value] selector needs a key');
        segments.push({ kind: 'match', key: inside, value });
      } else if (/^\d+$/.test(inside)) {
        segments.push({ kind: 'index', index: Number(inside) });
      } else {
        fail('expected [n] or [key=value]');
      }
      if (path[position] !== ']') fail('an unclosed [');
      position++;
    } else {
      if (segments.length > 0) {
        if (path[position] !== '.') fail('expected . or [');
        position++;
      }
      const key = read('.[]');
      if (key === '') fail('an empty key');
      segments.push({ kind: 'key', key });
    }
  }
  return segments;
}

function escaped(text: string, special: RegExp): string {
  return text.replace(special, (character) => `\\${character}`);
}

/** The path as text, escaping what needs it; parseFieldPath(formatFieldPath(s)) gives back s. */
export function formatFieldPath(segments: readonly PathSegment[]): string {
  return segments
    .map((segment, position) => {
      if (segment.kind === 'index') return `[${segment.index}]`;
      if (segment.kind === 'match') {
        return `[${escaped(segment.key, /[=\]\\]/g)}=${escaped(segment.value, /[\]\\]/g)}]`;
      }
      const key = escaped(segment.key, /[.[\]\\]/g);
      return position === 0 ? key : `.${key}`;
    })
    .join('');
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A list item selected by `[key=value]`: the key's value, compared as text (`8080` matches 8080). */
function matches(item: unknown, key: string, value: string): boolean {
  if (!isMap(item)) return false;
  const field = item[key];
  return (
    (typeof field === 'string' || typeof field === 'number' || typeof field === 'boolean') &&
    String(field) === value
  );
}

/** The value at the path; undefined when any step of it is absent. */
export function valueAt(root: unknown, segments: readonly PathSegment[]): unknown {
  let node = root;
  for (const segment of segments) {
    if (segment.kind === 'key') node = isMap(node) ? node[segment.key] : undefined;
    else if (!Array.isArray(node)) return undefined;
    else if (segment.kind === 'index') node = node[segment.index];
    else node = node.find((item) => matches(item, segment.key, segment.value));
  }
  return node;
}

/** The path up to and including one segment, for errors; the object itself before the first. */
function describeSegment(segments: readonly PathSegment[], upTo: number): string {
  return upTo < 0 ? 'the object' : formatFieldPath(segments.slice(0, upTo + 1));
}

/**
 * A copy of `root` with `value` at the path; `root` itself is left as it was. Missing maps are
 * created, and so is the item a `[key=value]` selects when the list has none: `{key: value}`
 * appended (the value as text). An index past the end of a list, or a step through something that
 * is not a map or a list, throws FieldPathError.
 */
export function withValueAt<T>(root: T, segments: readonly PathSegment[], value: unknown): T {
  const write = (node: unknown, depth: number): unknown => {
    const segment = segments[depth];
    if (!segment) return value;
    if (segment.kind === 'key') {
      if (node !== undefined && !isMap(node)) {
        throw new FieldPathError(`${describeSegment(segments, depth - 1)} is not a map`);
      }
      const map = node ?? {};
      return { ...map, [segment.key]: write(map[segment.key], depth + 1) };
    }
    if (node !== undefined && !Array.isArray(node)) {
      throw new FieldPathError(`${describeSegment(segments, depth - 1)} is not a list`);
    }
    const list: unknown[] = [...(node ?? [])];
    if (segment.kind === 'index') {
      if (segment.index >= list.length) {
        throw new FieldPathError(
          `${describeSegment(segments, depth)} is past the end of a list of ${list.length}`,
        );
      }
      list[segment.index] = write(list[segment.index], depth + 1);
      return list;
    }
    const position = list.findIndex((item) => matches(item, segment.key, segment.value));
    if (position < 0) list.push(write({ [segment.key]: segment.value }, depth + 1));
    else list[position] = write(list[position], depth + 1);
    return list;
  };
  return write(root, 0) as T;
}
