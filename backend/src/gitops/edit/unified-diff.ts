/** A line-level difference: kept, removed from the old text, or added in the new one. */
export interface DiffLine {
  kind: ' ' | '-' | '+';
  text: string;
}

/** Marks a last line that has no newline, so `x` and `x\n` differ as they do for git. */
const NO_EOL = '\u0000';

/** Lines without their terminators. */
function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  const last = lines.pop() ?? '';
  if (last !== '') lines.push(last + NO_EOL);
  return lines;
}

/** Beyond this many cells the middle of two texts is shown as replaced wholesale, not aligned. */
const MAX_ALIGNED_CELLS = 4_000_000;

/** The longest common subsequence of two short line lists, as a list of diff lines. */
function alignMiddle(a: readonly string[], b: readonly string[]): DiffLine[] {
  if (a.length * b.length > MAX_ALIGNED_CELLS) {
    return [
      ...a.map((text) => ({ kind: '-' as const, text })),
      ...b.map((text) => ({ kind: '+' as const, text })),
    ];
  }
  const width = b.length + 1;
  const lengths = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i * width + j] =
        a[i] === b[j]
          ? (lengths[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lengths[(i + 1) * width + j] ?? 0, lengths[i * width + j + 1] ?? 0);
    }
  }
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      lines.push({ kind: ' ', text: a[i] ?? '' });
      i++;
      j++;
    } else if (
      j < b.length &&
      (i === a.length || (lengths[i * width + j + 1] ?? 0) >= (lengths[(i + 1) * width + j] ?? 0))
    ) {
      lines.push({ kind: '+', text: b[j] ?? '' });
      j++;
    } else {
      lines.push({ kind: '-', text: a[i] ?? '' });
      i++;
    }
  }
  // Removals first within each run of changes, as diff tools show them.
  const ordered: DiffLine[] = [];
  let run: DiffLine[] = [];
  for (const line of [...lines, { kind: ' ' as const, text: '' }]) {
    if (line.kind === ' ') {
      ordered.push(...run.filter((l) => l.kind === '-'), ...run.filter((l) => l.kind === '+'));
      run = [];
      ordered.push(line);
    } else {
      run.push(line);
    }
  }
  ordered.pop();
  return ordered;
}

/** Every line of both texts in order, marked kept, removed or added. */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  )
    suffix++;
  const keep = (lines: readonly string[]) => lines.map((text) => ({ kind: ' ' as const, text }));
  return [
    ...keep(a.slice(0, prefix)),
    ...alignMiddle(a.slice(prefix, a.length - suffix), b.slice(prefix, b.length - suffix)),
    ...keep(a.slice(a.length - suffix)),
  ];
}

/** What a change removes and adds, without context or positions: two changes that do the same thing compare equal. */
export function changedLines(before: string, after: string): string[] {
  return diffLines(before, after)
    .filter((line) => line.kind !== ' ')
    .map((line) => `${line.kind}${line.text.replace(NO_EOL, '')}`);
}

const CONTEXT = 3;

/** `start,count` of a hunk header: 1-based, and a count of 1 left out, as diff writes it. */
function hunkRange(start: number, count: number): string {
  return `${count === 0 ? start : start + 1}${count === 1 ? '' : `,${count}`}`;
}

/**
 * A unified diff of one file, as `git diff` shows it (`--- a/path`, `+++ b/path`, hunks with three
 * lines of context); a file that did not exist or no longer does is compared with /dev/null.
 * Empty when the texts are equal.
 */
export function unifiedDiff(path: string, before: string | null, after: string | null): string {
  if (before === after) return '';
  const lines = diffLines(before ?? '', after ?? '');
  const output = [
    before === null ? '--- /dev/null' : `--- a/${path}`,
    after === null ? '+++ /dev/null' : `+++ b/${path}`,
  ];
  const changed = lines.flatMap((line, index) => (line.kind === ' ' ? [] : [index]));
  let position = 0;
  while (position < changed.length) {
    const first = changed[position] ?? 0;
    let last = first;
    while (position + 1 < changed.length && (changed[position + 1] ?? 0) - last <= 2 * CONTEXT) {
      position++;
      last = changed[position] ?? last;
    }
    position++;
    const start = Math.max(0, first - CONTEXT);
    const preceding = lines.slice(0, start);
    const hunk = lines.slice(start, Math.min(lines.length, last + CONTEXT + 1));
    const oldCount = hunk.filter((line) => line.kind !== '+').length;
    const newCount = hunk.filter((line) => line.kind !== '-').length;
    const oldStart = preceding.filter((line) => line.kind !== '+').length;
    const newStart = preceding.filter((line) => line.kind !== '-').length;
    output.push(`@@ -${hunkRange(oldStart, oldCount)} +${hunkRange(newStart, newCount)} @@`);
    for (const line of hunk) {
      const complete = !line.text.endsWith(NO_EOL);
      output.push(`${line.kind}${complete ? line.text : line.text.slice(0, -NO_EOL.length)}`);
      if (!complete) output.push('\\ No newline at end of file');
    }
  }
  return `${output.join('\n')}\n`;
}
