import Type from 'typebox';
import { describe, expect, it } from 'vitest';
import { modelSchema, readJsonAnswer } from '../../backend/src/llm/json-answer.js';

const Answer = Type.Object(
  {
    summary: Type.String({ minLength: 1, maxLength: 10 }),
    evidence: Type.Array(Type.String({ pattern: '^E' }), { maxItems: 2 }),
    confidence: Type.Unsafe<'low' | 'high'>({ type: 'string', enum: ['low', 'high'] }),
  },
  { additionalProperties: false },
);

describe('modelSchema', () => {
  it('drops the limits that strict structured output refuses and keeps types, enums and required', () => {
    expect(modelSchema(Answer)).toEqual({
      type: 'object',
      required: ['summary', 'evidence', 'confidence'],
      properties: {
        summary: { type: 'string' },
        evidence: { type: 'array', items: { type: 'string' } },
        confidence: { type: 'string', enum: ['low', 'high'] },
      },
      additionalProperties: false,
    });
  });
});

describe('readJsonAnswer', () => {
  it('reads a valid answer, fenced in Markdown or not', () => {
    const answer = { summary: 'ok', evidence: ['E1'], confidence: 'low' };
    expect(readJsonAnswer(JSON.stringify(answer), Answer)).toEqual(answer);
    expect(readJsonAnswer(`\`\`\`json\n${JSON.stringify(answer)}\n\`\`\``, Answer)).toEqual(answer);
  });

  it('calls text that is not JSON invalid, quoting how it begins', () => {
    expect(() => readJsonAnswer('Here is the JSON you asked for: {', Answer)).toThrow(
      'the answer is not JSON (it begins "Here is the JSON you asked for: {")',
    );
  });

  it('names the fields that break the schema, limits included', () => {
    const read = () =>
      readJsonAnswer(
        JSON.stringify({ summary: 'far too long a summary', evidence: [], confidence: 'sure', extra: 1 }),
        Answer,
      );
    expect(read).toThrow(/^the answer does not follow the schema: /);
    expect(read).toThrow('confidence: ');
    expect(read).toThrow('summary: must not have more than 10 characters');
  });
});
