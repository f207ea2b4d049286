import type { TSchema } from 'typebox';
import { schemaErrors } from '../validation.js';
import type { RunbookError } from './problems.js';
import { isPlainObject } from './yaml-values.js';

/** `a.b[2].c` → ['a', 'b', 2, 'c'] (the path syntax of scenarios/FORMAT.md, as schemaErrors writes it). */
function segmentsOf(path: string): (string | number)[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((match) =>
    match[2] === undefined ? (match[1] ?? '') : Number(match[2]),
  );
}

interface SchemaNode {
  type?: string;
  properties?: Record<string, TSchema>;
  patternProperties?: Record<string, TSchema>;
  items?: TSchema;
}

/** The schema found at a path, followed through properties, record values and array items. */
function schemaAt(schema: TSchema, path: string): SchemaNode | undefined {
  let current: SchemaNode | undefined = schema as SchemaNode;
  for (const segment of segmentsOf(path)) {
    if (typeof segment === 'number') current = current?.items as SchemaNode | undefined;
    else {
      const values = Object.values(current?.patternProperties ?? {})[0];
      current = (current?.properties?.[segment] ?? values) as SchemaNode | undefined;
    }
  }
  return current;
}

function valueAt(value: unknown, path: string): unknown {
  let current = value;
  for (const segment of segmentsOf(path)) {
    if (typeof segment === 'number') current = Array.isArray(current) ? current[segment] : undefined;
    else current = isPlainObject(current) ? current[segment] : undefined;
  }
  return current;
}

function join(prefix: string, path: string): string {
  return prefix && path ? `${prefix}.${path}` : prefix || path;
}

function knownFields(schema: TSchema, path: string): string {
  const properties = schemaAt(schema, path)?.properties;
  return properties ? ` (known: ${Object.keys(properties).join(', ')})` : '';
}

/**
 * schemaErrors, phrased per field: `required: from, to` at `x` becomes `x.from: required` and
 * `x.to: required`; an unknown field lists the known ones; a number or boolean where only text
 * belongs says to quote it, since YAML reads `tag: 1.10` as the number 1.1.
 */
export function runbookSchemaErrors(schema: TSchema, value: unknown, prefix = ''): RunbookError[] {
  return schemaErrors(schema, value).flatMap(({ path, message }): RunbookError[] => {
    const field = join(prefix, path);
    const required = /^required: (.*)$/.exec(message)?.[1];
    if (required !== undefined) {
      return required.split(', ').map((name) => ({ field: join(field, name), message: 'required' }));
    }
    const unknown = /^unknown field: (.*)$/.exec(message)?.[1];
    if (unknown !== undefined) {
      const known = knownFields(schema, path);
      return unknown
        .split(', ')
        .map((name) => ({ field: join(field, name), message: `unknown field${known}` }));
    }
    const found = valueAt(value, path);
    const wantsText = schemaAt(schema, path)?.type === 'string';
    if (wantsText && (typeof found === 'number' || typeof found === 'boolean')) {
      return [{ field, message: `must be a string, not the ${typeof found} ${found} (quote it in YAML)` }];
    }
    return [{ field, message }];
  });
}
