import {
  type Document,
  isAlias,
  isCollection,
  isMap,
  isScalar,
  isSeq,
  type Node,
  type Pair,
  visit,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { formatFieldPath, type PathSegment, withValueAt } from '../../runbooks/plan/index.js';
import { GitOpsError } from '../gitops-error.js';
import { parseDocuments } from './yaml-documents.js';
import { afterLine, type BlockStyle, columnOf, contentEnd, detectStyle } from './yaml-layout.js';
import { renderEntry, renderFlow, renderItem, renderNested } from './yaml-render.js';
import { formatScalar, isScalarValue, type Quoting } from './yaml-scalar.js';

/**
 * Edits YAML as text: the new value is spliced into the source where the parser says the old one
 * sits, so every line the edit does not need keeps its bytes (comments, quoting, key order, flow
 * or block style, indentation, anchors). New keys and list items go after their last sibling,
 * indented the way the file indents.
 */

/** Where the node being walked hangs: under a key of a map, as an item of a list, or at the top. */
type Holder = { kind: 'pair'; pair: Pair<Node, Node | null> } | { kind: 'item' } | { kind: 'root' };

interface Edit {
  text: string;
  file: string;
  document: Document.Parsed;
  path: readonly PathSegment[];
  style: BlockStyle;
}

function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

function describe(edit: Edit, depth: number): string {
  return `${edit.file}: ${depth < 0 ? 'the document' : formatFieldPath(edit.path.slice(0, depth + 1))}`;
}

/** A value written as new lines at `offset` (the start of a line), after whatever content precedes. */
function insertLines(edit: Edit, offset: number, lines: readonly string[]): string {
  const { text, style } = edit;
  const lead = offset === text.length && text.length > 0 && !text.endsWith('\n') ? style.eol : '';
  return splice(text, offset, offset, lead + lines.join(style.eol) + style.eol);
}

function isEmptyScalar(node: Node | null): boolean {
  return node === null || (isScalar(node) && node.value === null);
}

function quotingOf(node: Node): Quoting {
  if (!isScalar(node)) return 'plain';
  if (node.type === 'QUOTE_SINGLE') return 'single';
  if (node.type === 'QUOTE_DOUBLE') return 'double';
  return 'plain';
}

/** The offset just after the `:` of a pair, searched from the end of its key. */
function colonAfterKey(text: string, pair: Pair<Node, Node | null>): number {
  const colon = text.indexOf(':', pair.key.range?.[1] ?? 0);
  return colon + 1;
}

function aliasedAnchors(document: Document.Parsed): Set<string> {
  const sources = new Set<string>();
  visit(document, {
    Alias(_, alias) {
      sources.add(alias.source);
    },
  });
  return sources;
}

/**
 * Refuses an edit inside (or of) a node that an alias elsewhere repeats: changing it there would
 * change every place that uses it, which is more than the plan asked for.
 */
function checkNotShared(edit: Edit, node: Node | null, depth: number, shared: ReadonlySet<string>): void {
  if (node?.anchor && shared.has(node.anchor)) {
    throw new GitOpsError(
      'edit',
      `${describe(edit, depth)} is anchored as &${node.anchor} and repeated elsewhere through *${node.anchor}; changing it would change those places too`,
    );
  }
}

function matchesItem(document: Document.Parsed, item: unknown, key: string, value: string): boolean {
  const resolved = isAlias(item) ? item.resolve(document) : item;
  if (!isMap(resolved)) return false;
  const field = resolved.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === key)?.value;
  return isScalar(field) && field.value !== null && String(field.value) === value;
}

function insertIntoMap(edit: Edit, map: YAMLMap, key: string, value: unknown): string {
  const { text } = edit;
  if (map.flow) {
    const close = text.lastIndexOf('}', (map.range?.[1] ?? 1) - 1);
    let at = close;
    while (at > 0 && text[at - 1] === ' ') at--;
    const entry = `${formatScalar(key, 'plain', true)}: ${renderFlow(value)}`;
    return splice(text, at, at, map.items.length > 0 ? `, ${entry}` : entry);
  }
  const first = map.items[0]?.key as Node | undefined;
  const column = columnOf(text, first?.range?.[0] ?? 0);
  return insertLines(edit, afterLine(text, contentEnd(map)), renderEntry(key, value, column, edit.style));
}

function insertIntoSeq(edit: Edit, seq: YAMLSeq, item: unknown): string {
  const { text } = edit;
  if (seq.flow) {
    const close = text.lastIndexOf(']', (seq.range?.[1] ?? 1) - 1);
    let at = close;
    while (at > 0 && text[at - 1] === ' ') at--;
    return splice(text, at, at, `${seq.items.length > 0 ? ', ' : ''}${renderFlow(item)}`);
  }
  const column = columnOf(text, seq.range?.[0] ?? 0);
  return insertLines(edit, afterLine(text, contentEnd(seq)), renderItem(item, column, edit.style));
}

/** A key whose value is empty (`requests:`) gets the value: on its line, or nested below it. */
function fillEmpty(edit: Edit, holder: Holder, node: Node | null, value: unknown, depth: number): string {
  if (holder.kind !== 'pair') throw new GitOpsError('edit', `${describe(edit, depth)} is empty`);
  const { text } = edit;
  const colon = colonAfterKey(text, holder.pair);
  const explicit =
    node?.range && text.slice(node.range[0], node.range[1]).trim() !== '' ? node.range : undefined;
  if (isScalarValue(value)) {
    const formatted = formatScalar(value);
    return explicit
      ? splice(text, explicit[0], explicit[1], formatted)
      : splice(text, colon, colon, ` ${formatted}`);
  }
  const cleared = explicit ? splice(text, explicit[0] - 1, explicit[1], '') : text;
  const column = columnOf(text, holder.pair.key.range?.[0] ?? 0);
  return insertLines(
    { ...edit, text: cleared },
    afterLine(cleared, colon),
    renderNested(value, column, edit.style),
  );
}

function replaceNode(edit: Edit, holder: Holder, node: Node, value: unknown, inFlow: boolean): string {
  const { text } = edit;
  const where = describe(edit, edit.path.length - 1);
  const [start = 0, end = 0] = node.range ?? [];
  if (isScalarValue(value)) {
    if (isCollection(node)) {
      throw new GitOpsError('edit', `${where} holds a ${isMap(node) ? 'map' : 'list'}, not a single value`);
    }
    return splice(text, start, end, formatScalar(value, quotingOf(node), inFlow));
  }
  if (inFlow || (isCollection(node) && node.flow)) return splice(text, start, end, renderFlow(value));
  if (holder.kind !== 'pair')
    throw new GitOpsError('edit', `${where}: a list item can only take a single value`);
  const column = columnOf(text, holder.pair.key.range?.[0] ?? 0);
  const lineEnd = afterLine(text, contentEnd(node));
  const stop = text[lineEnd - 1] === '\n' ? lineEnd - 1 - (text[lineEnd - 2] === '\r' ? 1 : 0) : lineEnd;
  const lines = renderNested(value, column, edit.style);
  return splice(text, colonAfterKey(text, holder.pair), stop, edit.style.eol + lines.join(edit.style.eol));
}

/**
 * The file's text with `value` at `path` of document `index`, creating the keys and the
 * `[key=value]` list items the path names and the document lacks. A key that a `<<` merge provides
 * is overridden in the map itself (merges are shallow, so the override carries the merged value
 * with the edit applied). Throws GitOpsError for a path through a scalar, an alias or past a list.
 */
export function setYamlValue(
  text: string,
  file: string,
  index: number,
  path: readonly PathSegment[],
  value: unknown,
): string {
  const document = parseDocuments(text, file)[index];
  if (!document) throw new GitOpsError('edit', `${file} has no document ${index + 1}`);
  const edit: Edit = { text, file, document, path, style: detectStyle(text, document) };
  let node = document.contents as Node | null;
  let holder: Holder = { kind: 'root' };
  let inFlow = false;
  const shared = aliasedAnchors(document);
  for (const [depth, segment] of path.entries()) {
    checkNotShared(edit, node, depth - 1, shared);
    if (isAlias(node)) {
      throw new GitOpsError(
        'edit',
        `${describe(edit, depth - 1)} is the alias *${node.source}; editing through it would change every place that uses &${node.source}`,
      );
    }
    if (isEmptyScalar(node))
      return fillEmpty(edit, holder, node, withValueAt(undefined, path.slice(depth), value), depth);
    if (segment.kind === 'key') {
      if (!isMap(node)) throw new GitOpsError('edit', `${describe(edit, depth - 1)} is not a map`);
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === segment.key);
      if (!pair) {
        const merged = (node.toJS(document) as Record<string, unknown>)[segment.key];
        return insertIntoMap(edit, node, segment.key, withValueAt(merged, path.slice(depth + 1), value));
      }
      inFlow ||= node.flow === true;
      holder = { kind: 'pair', pair: pair as Pair<Node, Node | null> };
      node = pair.value as Node | null;
      continue;
    }
    if (!isSeq(node)) throw new GitOpsError('edit', `${describe(edit, depth - 1)} is not a list`);
    inFlow ||= node.flow === true;
    const position =
      segment.kind === 'index'
        ? segment.index
        : node.items.findIndex((item) => matchesItem(document, item, segment.key, segment.value));
    if (segment.kind === 'match' && position < 0) {
      const [item] = withValueAt([] as unknown[], path.slice(depth), value);
      return insertIntoSeq(edit, node, item);
    }
    const item = node.items[position] as Node | undefined;
    if (item === undefined) {
      throw new GitOpsError(
        'edit',
        `${describe(edit, depth)} is past the end of a list of ${node.items.length}`,
      );
    }
    holder = { kind: 'item' };
    node = item;
  }
  if (holder.kind === 'pair' && isEmptyScalar(node))
    return fillEmpty(edit, holder, node, value, path.length - 1);
  if (node === null) throw new GitOpsError('edit', `${file}: document ${index + 1} is empty`);
  checkNotShared(edit, node, path.length - 1, shared);
  return replaceNode(edit, holder, node, value, inFlow);
}

/** The node at a path that exists in full, following keys, indexes and `[key=value]` selections. */
function existingNode(document: Document.Parsed, path: readonly PathSegment[]): Node | undefined {
  let node = document.contents as Node | null;
  for (const segment of path) {
    if (segment.kind === 'key') {
      if (!isMap(node)) return undefined;
      node = (node.items.find((item) => isScalar(item.key) && String(item.key.value) === segment.key)
        ?.value ?? null) as Node | null;
    } else {
      if (!isSeq(node)) return undefined;
      const items = node.items as Node[];
      node =
        (segment.kind === 'index'
          ? items[segment.index]
          : items.find((item) => matchesItem(document, item, segment.key, segment.value))) ?? null;
    }
  }
  return node ?? undefined;
}

/** The file's text without the key at `path` (a key of a block map), its value and its lines. */
export function deleteYamlKey(
  text: string,
  file: string,
  index: number,
  path: readonly PathSegment[],
): string {
  const document = parseDocuments(text, file)[index];
  const last = path[path.length - 1];
  if (!document || last?.kind !== 'key') throw new GitOpsError('edit', `${file}: nothing to delete`);
  const parent = existingNode(document, path.slice(0, -1));
  if (!isMap(parent) || parent.flow) {
    throw new GitOpsError('edit', `${file}: ${formatFieldPath(path)} is not a key of a block map`);
  }
  const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === last.key);
  if (!pair) return text;
  const keyStart = (pair.key as Node).range?.[0] ?? 0;
  const lineStart = keyStart - columnOf(text, keyStart);
  if (text.slice(lineStart, keyStart).trim() !== '') {
    throw new GitOpsError('edit', `${file}: ${formatFieldPath(path)} shares its line with other content`);
  }
  return splice(text, lineStart, afterLine(text, contentEnd((pair.value ?? pair.key) as Node)), '');
}
