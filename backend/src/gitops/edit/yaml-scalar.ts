import { parse } from 'yaml';

/** How a scalar is written: the quoting of the value it replaces, when there is one. */
export type Quoting = 'plain' | 'single' | 'double';

export type ScalarValue = string | number | boolean | null;

export function isScalarValue(value: unknown): value is ScalarValue {
  return (
    value === null ||
    typeof value === 'string' ||
    (typeof value === 'number' && Number.isFinite(value)) ||
    typeof value === 'boolean'
  );
}

function parsesTo(text: string, version: '1.1' | '1.2'): unknown {
  try {
    return parse(text, { version });
  } catch {
    return Symbol('unparsable');
  }
}

/**
 * Whether a string can be written without quotes and read back as the same string, both by a YAML
 * 1.2 reader and by a 1.1 one (Kubernetes' reader takes `yes`, `on` and `0777` the 1.1 way).
 */
function plainReadsBack(text: string, inFlow: boolean): boolean {
  if (text === '' || text.trim() !== text || /[\n\r\t]/.test(text)) return false;
  if (inFlow && /[,[\]{}]/.test(text)) return false;
  return parsesTo(text, '1.2') === text && parsesTo(text, '1.1') === text;
}

/**
 * A scalar as YAML text. Strings keep the quoting of the value they replace when it can hold them,
 * are written plain when that reads back as the same string, and double-quoted otherwise.
 */
export function formatScalar(value: ScalarValue, quoting: Quoting = 'plain', inFlow = false): string {
  if (value === null) return 'null';
  if (typeof value !== 'string') return String(value);
  if (quoting === 'single' && !/[\n\r]/.test(value)) return `'${value.replaceAll("'", "''")}'`;
  if (quoting === 'plain' && plainReadsBack(value, inFlow)) return value;
  return JSON.stringify(value);
}
