import type { TSchema } from 'typebox';
import Value from 'typebox/value';

export interface FieldError {
  /** `expect.fix[0].path`, or '' for the document itself. */
  path: string;
  message: string;
}

/** `/expect/fix/0/path` → `expect.fix[0].path` (the path syntax of scenarios/FORMAT.md). */
export function fieldPath(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce(
      (path, segment) =>
        /^\d+$/.test(segment) ? `${path}[${segment}]` : path ? `${path}.${segment}` : segment,
      '',
    );
}

function describe(error: { keyword: string; message: string; params: Record<string, unknown> }): string {
  const params = error.params;
  if (error.keyword === 'required' && Array.isArray(params.requiredProperties)) {
    return `required: ${params.requiredProperties.join(', ')}`;
  }
  if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    return `must be one of: ${params.allowedValues.map(String).join(', ')}`;
  }
  if (error.keyword === 'additionalProperties' && Array.isArray(params.additionalProperties)) {
    return `unknown field: ${params.additionalProperties.join(', ')}`;
  }
  return error.message;
}

/**
 * Validates a value against a TypeBox schema and returns readable errors, most specific first.
 * A union reports every branch it tried; the deepest error is the one a person can act on.
 */
export function schemaErrors(schema: TSchema, value: unknown): FieldError[] {
  const errors = [...Value.Errors(schema, value)].filter(
    (error) => error.keyword !== 'anyOf' && error.keyword !== 'boolean',
  );
  // A union of literals fails once per literal; one "must be one of" says it better.
  const allowedByPath = new Map<string, unknown[]>();
  for (const error of errors) {
    if (error.keyword !== 'const') continue;
    const allowed = allowedByPath.get(error.instancePath) ?? [];
    allowed.push(error.params.allowedValue);
    allowedByPath.set(error.instancePath, allowed);
  }
  const seen = new Set<string>();
  return errors
    .map((error) => {
      const allowed = error.keyword === 'const' ? allowedByPath.get(error.instancePath) : undefined;
      const message =
        allowed && allowed.length > 1 ? `must be one of: ${allowed.map(String).join(', ')}` : describe(error);
      return { path: fieldPath(error.instancePath), message };
    })
    .sort((a, b) => b.path.length - a.path.length)
    .filter((error) => {
      const key = `${error.path}\u0000${error.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
