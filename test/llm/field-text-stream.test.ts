import { describe, expect, it } from 'vitest';
import {
  type FieldDelta,
  FieldTextStream,
  partialStringFields,
} from '../../backend/src/llm/field-text-stream.js';
import { Anonymizer, NO_MASK } from '../../backend/src/llm/prompt/anonymizer.js';

const wanted = new Set(['summary', 'nextStep']);

describe('partialStringFields', () => {
  it('reads the top-level string fields of a JSON object that is still arriving', () => {
    const fields = partialStringFields(
      '{"summary": "Pods \\"crash\\"\\nat start", "evidence": ["summary"], "nested": {"nextStep": "no"}, "nextStep": "Set the var',
      wanted,
    );
    expect(fields.get('summary')).toEqual({ text: 'Pods "crash"\nat start', complete: true });
    expect(fields.get('nextStep')).toEqual({ text: 'Set the var', complete: false });
  });

  it('stops before an escape that is not complete yet', () => {
    expect(partialStringFields('{"summary": "caf\\u00', wanted).get('summary')).toEqual({
      text: 'caf',
      complete: false,
    });
    expect(partialStringFields('{"summary": "caf\\u00e9"}', wanted).get('summary')).toEqual({
      text: 'café',
      complete: true,
    });
  });
});

describe('FieldTextStream', () => {
  function streamed(pieces: readonly string[], mask = NO_MASK): FieldDelta[] {
    const deltas: FieldDelta[] = [];
    const stream = new FieldTextStream(['summary', 'nextStep'], mask, (delta) => deltas.push(delta));
    for (const piece of pieces) stream.push(piece);
    stream.end();
    return deltas;
  }

  it('releases text a word at a time, and everything once the field is complete', () => {
    const deltas = streamed([
      '{"summ',
      'ary": "The po',
      'ds crash',
      ' at',
      ' start."',
      ', "nextStep": "Fix it"}',
    ]);
    expect(deltas).toEqual([
      { field: 'summary', text: 'The ' },
      { field: 'summary', text: 'pods ' },
      { field: 'summary', text: 'crash ' },
      { field: 'summary', text: 'at start.' },
      { field: 'nextStep', text: 'Fix it' },
    ]);
  });

  it('unmasks placeholders whole, however the pieces split them', () => {
    const anonymizer = new Anonymizer(new Map([['checkout', 'deployment']]), '');
    anonymizer.mask('checkout');
    const deltas = streamed(['{"summary": "deploy', 'ment-1 is', ' down"}'], anonymizer);
    expect(deltas.map((delta) => delta.text).join('')).toBe('checkout is down');
    expect(deltas.some((delta) => delta.text.includes('deploy'))).toBe(false);
  });

  it('lets out what was held back when the answer ends early', () => {
    expect(streamed(['{"summary": "cut in the mid'])).toEqual([
      { field: 'summary', text: 'cut in the ' },
      { field: 'summary', text: 'mid' },
    ]);
  });
});
