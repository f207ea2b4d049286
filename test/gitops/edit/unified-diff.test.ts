import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { changedLines, unifiedDiff } from '../../../backend/src/gitops/edit/unified-diff.js';

const work = mkdtempSync(join(tmpdir(), 'unified-diff-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** What `git diff` prints for two texts, from the `---` line on, with the same file names. */
function gitDiff(before: string | null, after: string | null): string {
  const a = join(work, 'a');
  const b = join(work, 'b');
  writeFileSync(a, before ?? '');
  writeFileSync(b, after ?? '');
  const result = spawnSync(
    'git',
    [
      'diff',
      '--no-index',
      '--no-color',
      '-U3',
      before === null ? '/dev/null' : a,
      after === null ? '/dev/null' : b,
    ],
    {
      encoding: 'utf8',
    },
  );
  const lines = result.stdout.split('\n');
  return lines
    .slice(lines.findIndex((line) => line.startsWith('--- ')))
    .join('\n')
    .replace(/^--- .*$/m, before === null ? '--- /dev/null' : '--- a/f.yaml')
    .replace(/^\+\+\+ .*$/m, after === null ? '+++ /dev/null' : '+++ b/f.yaml')
    .replace(/^(@@ [^@]+ @@).*$/gm, '$1');
}

const lines = (count: number) => Array.from({ length: count }, (_, index) => `line ${index + 1}`);
const text = (items: string[]) => `${items.join('\n')}\n`;

function replaced(at: number[], count = 30): string {
  const items = lines(count);
  for (const index of at) items[index] = `changed ${index + 1}`;
  return text(items);
}

describe('unifiedDiff', () => {
  const cases: [string, string | null, string | null][] = [
    ['a change in the middle', text(lines(30)), replaced([14])],
    ['changes at the first and the last line', text(lines(30)), replaced([0, 29])],
    ['two changes close enough to share a hunk', text(lines(30)), replaced([10, 16])],
    ['two changes far enough apart for two hunks', text(lines(30)), replaced([5, 20])],
    ['an added line', text(lines(10)), text([...lines(5), 'added', ...lines(10).slice(5)])],
    ['a removed line', text(lines(10)), text([...lines(4), ...lines(10).slice(5)])],
    ['a new file', null, 'a: 1\nb: 2\n'],
    ['a deleted file', 'a: 1\n', null],
    ['a last line without a newline', 'a: 1\nb: 2', 'a: 1\nb: 3'],
    ['a newline added at the end', 'a: 1\nb: 2', 'a: 1\nb: 2\n'],
  ];
  for (const [name, before, after] of cases) {
    it(`matches git diff for ${name}`, () => {
      expect(unifiedDiff('f.yaml', before, after)).toBe(gitDiff(before, after));
    });
  }

  it('is empty for equal texts', () => {
    expect(unifiedDiff('f.yaml', 'a: 1\n', 'a: 1\n')).toBe('');
  });
});

describe('changedLines', () => {
  it('is the same change wherever it happens in the file and whatever surrounds it', () => {
    const before = 'a: 1\nmemory: 256Mi\nb: 2\n';
    const after = 'a: 1\nmemory: 512Mi\nb: 2\n';
    expect(changedLines(before, after)).toEqual(['-memory: 256Mi', '+memory: 512Mi']);
    expect(
      changedLines(`x: 0\n${before.replace('b: 2', 'b: 3')}`, `x: 0\n${after.replace('b: 2', 'b: 3')}`),
    ).toEqual(changedLines(before, after));
    expect(changedLines(before, 'a: 1\nmemory: 1Gi\nb: 2\n')).not.toEqual(changedLines(before, after));
  });
});
