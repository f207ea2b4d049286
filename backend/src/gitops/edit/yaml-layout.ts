import { type Document, isCollection, isMap, isPair, isScalar, isSeq, type Node, visit } from 'yaml';

/** How a file indents: spaces per nesting level, and how far a list's `-` sits from its key. */
export interface BlockStyle {
  indent: number;
  sequenceIndent: number;
  eol: '\n' | '\r\n';
}

export function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** The offset just after the line holding `offset - 1`: where a new line goes after that content. */
export function afterLine(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

/**
 * The offset where a node's own content ends, ignoring the comments and blank lines a block
 * collection's range also covers: the end of its last scalar.
 */
export function contentEnd(node: Node): number {
  if (isCollection(node) && node.items.length > 0 && !node.flow) {
    const last = node.items[node.items.length - 1];
    if (isPair(last)) {
      const inner = (last.value ?? last.key) as Node | null;
      if (inner) return contentEnd(inner);
    } else if (last) {
      return contentEnd(last as Node);
    }
  }
  return node.range?.[1] ?? 0;
}

/** Reads the indentation the file already uses, so added lines look like their neighbours. */
export function detectStyle(text: string, document: Document.Parsed): BlockStyle {
  const style: BlockStyle = { indent: 2, sequenceIndent: 2, eol: text.includes('\r\n') ? '\r\n' : '\n' };
  let indentFound = false;
  let sequenceFound = false;
  visit(document, {
    Pair(_, pair) {
      if (!isScalar(pair.key) || !pair.key.range || !isCollection(pair.value) || pair.value.flow) return;
      const keyColumn = columnOf(text, pair.key.range[0]);
      const valueColumn = columnOf(text, pair.value.range?.[0] ?? 0);
      if (isMap(pair.value) && !indentFound && valueColumn > keyColumn) {
        style.indent = valueColumn - keyColumn;
        indentFound = true;
      }
      if (isSeq(pair.value) && !sequenceFound) {
        // The range of a block sequence starts at its first `-`.
        style.sequenceIndent = valueColumn - keyColumn;
        sequenceFound = true;
      }
      return indentFound && sequenceFound ? visit.BREAK : undefined;
    },
  });
  return style;
}
