import { describe, expect, it } from 'vitest';
import { fitBlocks, type PromptBlock } from '../../../backend/src/llm/prompt/fit-blocks.js';
import { countTokens } from '../../../backend/src/llm/prompt/token-count.js';

const words = (count: number, word: string) => Array.from({ length: count }, () => word).join(' ');
const same = (text: string) => text;

describe('fitBlocks', () => {
  const blocks: PromptBlock[] = [
    { text: 'frame', priority: 0, required: true },
    { text: `secondary ${words(100, 'apple')}`, priority: 10, evidenceId: 'E2' },
    { text: `primary ${words(30, 'pear')}`, priority: 1, evidenceId: 'E1' },
    {
      text: `log ${words(200, 'plum')}`,
      shorter: [`log ${words(20, 'plum')}`],
      priority: 2,
      evidenceId: 'E3',
    },
  ];

  it('keeps every block in document order when all fit', () => {
    const fitted = fitBlocks(blocks, 2000, same);
    expect(fitted.text.split('\n').map((line) => line.split(' ')[0])).toEqual([
      'frame',
      'secondary',
      'primary',
      'log',
    ]);
    expect(fitted.omitted).toBe(0);
    expect(fitted.evidenceIds).toEqual(['E2', 'E1', 'E3']);
    expect(fitted.tokens).toBe(countTokens(fitted.text));
  });

  it('keeps by priority within the budget, shortens what has a shorter form, and says what it left out', () => {
    const fitted = fitBlocks(blocks, 100, same);
    expect(fitted.tokens).toBeLessThanOrEqual(100);
    expect(fitted.evidenceIds).toEqual(['E1', 'E3']);
    expect(fitted.text).toContain(`log ${words(20, 'plum')}`);
    expect(fitted.text).not.toContain('apple');
    expect(fitted.text.endsWith('(1 more item was left out to keep the prompt short)')).toBe(true);
  });

  it('clips a required block rather than leaving it out', () => {
    const fitted = fitBlocks([{ text: words(500, 'fig'), priority: 0, required: true }], 60, same);
    expect(fitted.tokens).toBeLessThanOrEqual(60);
    expect(fitted.text).toMatch(/^fig fig .*…$/);
  });

  it('measures blocks as masked, so the count is of what is sent', () => {
    const long = 'a-very-long-application-name-that-costs-many-tokens';
    expect(countTokens(words(40, long))).toBeGreaterThan(150);
    const fitted = fitBlocks([{ text: words(40, long), priority: 0 }], 150, (text) =>
      text.replaceAll(long, 'app-1'),
    );
    expect(fitted.omitted).toBe(0);
    expect(fitted.text).toBe(words(40, 'app-1'));
  });
});
