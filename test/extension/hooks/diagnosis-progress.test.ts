import { describe, expect, it } from 'vitest';
import { advance, STARTING } from '../../../extension/src/hooks/diagnosis-progress.js';
import { DIAGNOSIS, EXPLANATION, LLM_TIMEOUT } from '../harness/fixtures.js';

describe('advance', () => {
  it('keeps the streamed text only when an explanation follows', () => {
    let progress = advance(STARTING, { type: 'diagnosis', diagnosis: DIAGNOSIS });
    progress = advance(progress, { type: 'explanation-delta', field: 'summary', text: 'The pods ' });
    progress = advance(progress, { type: 'explanation-delta', field: 'summary', text: 'cannot start.' });
    expect(progress.draft.summary).toBe('The pods cannot start.');
    expect(advance(progress, { type: 'llm-status', llm: LLM_TIMEOUT }).draft).toEqual({});
    const explained = advance(progress, { type: 'explanation', explanation: EXPLANATION });
    expect(explained.explanation).toEqual(EXPLANATION);
    expect(explained.phase).toBe('explaining');
  });
});
