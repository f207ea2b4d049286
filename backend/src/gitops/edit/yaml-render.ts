import { GitOpsError } from '../gitops-error.js';
import type { BlockStyle } from './yaml-layout.js';
import { formatScalar, isScalarValue } from './yaml-scalar.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unwritable(value: unknown): GitOpsError {
  return new GitOpsError('edit', `${String(value)} cannot be written as YAML`);
}

/** A value in flow style, for a flow map or list the file already has: `{cpu: 100m, memory: 1Gi}`. */
export function renderFlow(value: unknown): string {
  if (isScalarValue(value)) return formatScalar(value, 'plain', true);
  if (Array.isArray(value)) return `[${value.map(renderFlow).join(', ')}]`;
  if (isRecord(value)) {
    const entries = Object.entries(value).map(
      ([key, item]) => `${formatScalar(key, 'plain', true)}: ${renderFlow(item)}`,
    );
    return `{${entries.join(', ')}}`;
  }
  throw unwritable(value);
}

const pad = (column: number) => ' '.repeat(column);

/** `key: value` lines at `column`, nested values indented the way the file indents. */
export function renderEntry(key: string, value: unknown, column: number, style: BlockStyle): string[] {
  const head = `${pad(column)}${formatScalar(key)}:`;
  if (isScalarValue(value)) return [`${head} ${formatScalar(value)}`];
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${head} []`];
    return [head, ...value.flatMap((item) => renderItem(item, column + style.sequenceIndent, style))];
  }
  if (isRecord(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return [`${head} {}`];
    return [
      head,
      ...entries.flatMap(([name, item]) => renderEntry(name, item, column + style.indent, style)),
    ];
  }
  throw unwritable(value);
}

/** One list item whose `-` sits at `column`; a map's first key shares the line of the `-`. */
export function renderItem(value: unknown, column: number, style: BlockStyle): string[] {
  if (isScalarValue(value)) return [`${pad(column)}- ${formatScalar(value)}`];
  const inner = column + 2;
  let lines: string[];
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${pad(column)}- []`];
    lines = value.flatMap((item) => renderItem(item, inner, style));
  } else if (isRecord(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return [`${pad(column)}- {}`];
    lines = entries.flatMap(([name, item]) => renderEntry(name, item, inner, style));
  } else {
    throw unwritable(value);
  }
  const [first = '', ...rest] = lines;
  return [`${pad(column)}- ${first.slice(inner)}`, ...rest];
}

/** The lines of a whole value under a key at `keyColumn` (a map or list nested one level in). */
export function renderNested(value: unknown, keyColumn: number, style: BlockStyle): string[] {
  if (Array.isArray(value))
    return value.flatMap((item) => renderItem(item, keyColumn + style.sequenceIndent, style));
  if (isRecord(value)) {
    return Object.entries(value).flatMap(([name, item]) =>
      renderEntry(name, item, keyColumn + style.indent, style),
    );
  }
  throw unwritable(value);
}
