import type { Static, TSchema } from 'typebox';
import { schemaErrors } from '../validation.js';
import { LlmError } from './llm-error.js';

/** Keywords that structured-output servers reject or ignore (OpenAI's strict mode refuses lengths). */
const UNSENT_KEYWORDS = new Set(['maxLength', 'minLength', 'maxItems', 'minItems', 'pattern']);

/**
 * The JSON schema the server constrains the answer to: the validation schema without the limits
 * some servers refuse. The limits still apply when the answer is read.
 */
export function modelSchema(schema: TSchema): Record<string, unknown> {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !UNSENT_KEYWORDS.has(key))
        .map(([key, field]) => [key, key === 'enum' || key === 'required' ? field : strip(field)]),
    );
  };
  return strip(JSON.parse(JSON.stringify(schema))) as Record<string, unknown>;
}

/** Some models fence JSON in Markdown even when asked for JSON only. */
function unfenced(text: string): string {
  const fenced = /^```(?:json)?\s*\n([\s\S]*?)\n?```$/.exec(text.trim());
  return fenced?.[1] ?? text;
}

/** Parses and validates a model's answer; an answer that is not JSON or breaks the schema is invalid. */
export function readJsonAnswer<S extends TSchema>(text: string, schema: S): Static<S> {
  let value: unknown;
  try {
    value = JSON.parse(unfenced(text));
  } catch {
    const start = text.trim().slice(0, 60);
    throw new LlmError('invalid', `the answer is not JSON (it begins ${JSON.stringify(start)})`);
  }
  const errors = schemaErrors(schema, value);
  if (errors.length > 0) {
    const described = errors
      .slice(0, 3)
      .map((error) => (error.path ? `${error.path}: ${error.message}` : error.message))
      .join('; ');
    throw new LlmError('invalid', `the answer does not follow the schema: ${described}`);
  }
  return value as Static<S>;
}
