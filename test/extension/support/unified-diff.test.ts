import { describe, expect, it } from 'vitest';
import { parseUnifiedDiff } from '../../../extension/src/support/unified-diff.js';
import { DIFF } from '../harness/fixtures.js';

describe('parseUnifiedDiff', () => {
  it('numbers the lines and counts what changed', () => {
    const parsed = parseUnifiedDiff(DIFF);
    expect(parsed.added).toBe(1);
    expect(parsed.removed).toBe(1);
    const removed = parsed.lines.find((line) => line.kind === 'removed');
    const added = parsed.lines.find((line) => line.kind === 'added');
    expect(removed).toMatchObject({ oldNumber: 20 });
    expect(added).toMatchObject({ newNumber: 20 });
    expect(parsed.lines.filter((line) => line.kind === 'file')).toHaveLength(2);
  });
});
