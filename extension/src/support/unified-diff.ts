export type DiffLineKind = 'file' | 'hunk' | 'added' | 'removed' | 'context' | 'note';

export interface DiffLine {
  kind: DiffLineKind;
  text: string;
  /** Line numbers in the old and the new file, where the line has one. */
  oldNumber?: number;
  newNumber?: number;
}

export interface ParsedDiff {
  lines: DiffLine[];
  added: number;
  removed: number;
}

const HUNK = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

/**
 * A unified diff (as `git diff` writes it for one file) as typed lines with their numbers, so it can
 * be shown the way a forge shows it. Lines before the first hunk are file headers; `\ No newline at
 * end of file` is a note.
 */
export function parseUnifiedDiff(diff: string): ParsedDiff {
  const lines: DiffLine[] = [];
  let added = 0;
  let removed = 0;
  let oldNumber = 0;
  let newNumber = 0;
  let inHunk = false;
  const text = diff.endsWith('\n') ? diff.slice(0, -1) : diff;
  if (text === '') return { lines, added, removed };
  for (const line of text.split('\n')) {
    const hunk = HUNK.exec(line);
    if (hunk) {
      inHunk = true;
      oldNumber = Number(hunk[1]);
      newNumber = Number(hunk[2]);
      lines.push({ kind: 'hunk', text: line });
    } else if (!inHunk) {
      lines.push({ kind: 'file', text: line });
    } else if (line.startsWith('\\')) {
      lines.push({ kind: 'note', text: line });
    } else if (line.startsWith('+')) {
      added++;
      lines.push({ kind: 'added', text: line.slice(1), newNumber: newNumber++ });
    } else if (line.startsWith('-')) {
      removed++;
      lines.push({ kind: 'removed', text: line.slice(1), oldNumber: oldNumber++ });
    } else {
      lines.push({ kind: 'context', text: line.slice(1), oldNumber: oldNumber++, newNumber: newNumber++ });
    }
  }
  return { lines, added, removed };
}
