import { parseDocument } from 'yaml';
import type { RunbookError } from './problems.js';
import { isPlainObject, kindOf } from './yaml-values.js';

/**
 * A runbook is a few hundred bytes; anything this long is a mistake (a pasted log, a binary file)
 * and is refused before the YAML parser spends time on it.
 */
export const MAX_RUNBOOK_LENGTH = 65_536;

/** Anchors may be reused this often; more is the "billion laughs" expansion, not a runbook. */
const MAX_ALIAS_COUNT = 100;

const SHAPE = 'a runbook is a YAML mapping with id, symptom and solution';

export type RunbookDocument =
  | { ok: true; document: Record<string, unknown> }
  | { ok: false; error: RunbookError };

/** The first character no text file holds (C0 controls besides tab and line breaks, DEL), with its line. */
function controlCharacter(text: string): { code: number; line: number } | undefined {
  let line = 1;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 0x0a) line += 1;
    const control = (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f;
    if (control) return { code, line };
  }
  return undefined;
}

function failure(message: string): RunbookDocument {
  return { ok: false, error: { message } };
}

/** The parser's first sentence, without the excerpt of the source it appends. */
function firstLine(message: string): string {
  return (message.split('\n')[0] ?? '').replace(/:$/, '');
}

/**
 * Reads one data value as a runbook document. Never throws: whatever the value holds, the answer
 * is a mapping to validate or the reason there is none.
 */
export function readRunbookText(value: unknown): RunbookDocument {
  if (typeof value !== 'string') {
    return failure(`holds ${kindOf(value)}, not text: each data key holds one runbook as YAML text`);
  }
  if (value.length > MAX_RUNBOOK_LENGTH) {
    return failure(`is ${value.length} characters long; a runbook may have at most ${MAX_RUNBOOK_LENGTH}`);
  }
  const control = controlCharacter(value);
  if (control) {
    const code = control.code.toString(16).toUpperCase().padStart(4, '0');
    return failure(`is not text: control character U+${code} on line ${control.line}`);
  }
  // logLevel 'error': the parser would otherwise print warnings (such as stringified keys) itself.
  const parsed = parseDocument(value, { logLevel: 'error' });
  const [error] = parsed.errors;
  // The parser catches its own stack overflow; where it stopped depends on the caller's stack, so
  // the position is left out to keep the problem the same wherever the runbooks are read.
  if (error?.code === 'RESOURCE_EXHAUSTION') return failure('invalid YAML: nested too deeply');
  if (error) return failure(`invalid YAML: ${firstLine(error.message)}`);
  let document: unknown;
  try {
    document = parsed.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (thrown) {
    // An alias to no anchor, or too many aliases: the parser only finds these while resolving.
    return failure(`invalid YAML: ${firstLine((thrown as Error).message)}`);
  }
  if (document === null || document === undefined) return failure(`is empty: ${SHAPE}`);
  if (!isPlainObject(document)) return failure(`is ${kindOf(document)}: ${SHAPE}`);
  return { ok: true, document };
}
