import { describe, expect, it } from 'vitest';
import { clip, clipSentenceEnd } from '../../../backend/src/detectors/support/clip.js';

describe('clip', () => {
  it.each([
    ['collapses whitespace and drops the final period', 'line one\n   line two.', 200, 'line one line two'],
    ['keeps text up to the limit', 'abcde', 5, 'abcde'],
    ['cuts past the limit and marks the cut', 'abcdef', 5, 'abcd…'],
    ['does not leave a space before the mark', 'abc defgh', 5, 'abc…'],
  ])('%s', (_, text, max, clipped) => {
    expect(clip(text, max)).toBe(clipped);
  });
});

describe('clipSentenceEnd', () => {
  it('ends a whole text with one period', () => {
    expect(clipSentenceEnd('field is immutable.')).toBe('field is immutable.');
  });

  it('lets the mark end a cut text', () => {
    expect(clipSentenceEnd('abcdef', 5)).toBe('abcd…');
  });
});
