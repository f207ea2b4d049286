import type { NameMask } from './prompt/anonymizer.js';

export interface FieldDelta {
  field: string;
  text: string;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** A JSON string from `start` (just past its opening quote): its text so far, and where it ends. */
function readString(raw: string, start: number): { text: string; end: number; complete: boolean } {
  let text = '';
  let index = start;
  while (index < raw.length) {
    const character = raw.charAt(index);
    if (character === '"') return { text, end: index, complete: true };
    if (character !== '\\') {
      text += character;
      index++;
      continue;
    }
    const escaped = raw.charAt(index + 1);
    if (escaped === 'u') {
      const hex = raw.slice(index + 2, index + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) break;
      text += String.fromCharCode(Number.parseInt(hex, 16));
      index += 6;
    } else {
      const decoded = ESCAPES[escaped];
      if (decoded === undefined) break;
      text += decoded;
      index += 2;
    }
  }
  return { text, end: raw.length, complete: false };
}

/** The top-level string fields of a JSON object that may still be arriving: their text so far. */
export function partialStringFields(
  raw: string,
  wanted: ReadonlySet<string>,
): Map<string, { text: string; complete: boolean }> {
  const fields = new Map<string, { text: string; complete: boolean }>();
  let depth = 0;
  let key: string | undefined;
  let inValue = false;
  let index = 0;
  while (index < raw.length) {
    const character = raw.charAt(index);
    if (character === '"') {
      const read = readString(raw, index + 1);
      if (depth === 1 && !inValue) key = read.text;
      else if (depth === 1 && key !== undefined) {
        if (wanted.has(key)) fields.set(key, { text: read.text, complete: read.complete });
        inValue = false;
      }
      if (!read.complete) break;
      index = read.end + 1;
      continue;
    }
    if (character === '{' || character === '[') depth++;
    else if (character === '}' || character === ']') depth--;
    else if (depth === 1 && character === ':') inValue = true;
    else if (depth === 1 && character === ',') {
      inValue = false;
      key = undefined;
    }
    index++;
  }
  return fields;
}

/**
 * Turns the raw JSON of an answer, as it streams, into the new text of some of its string fields.
 * Text is released a word at a time, so a masked name (`deployment-1`) is unmasked whole and
 * nothing already sent ever changes.
 */
export class FieldTextStream {
  #raw = '';
  readonly #wanted: ReadonlySet<string>;
  readonly #sent = new Map<string, number>();

  constructor(
    fields: readonly string[],
    private readonly mask: NameMask,
    private readonly emit: (delta: FieldDelta) => void,
  ) {
    this.#wanted = new Set(fields);
  }

  push(raw: string): void {
    this.#raw += raw;
    this.#release(false);
  }

  /** The answer is complete: whatever was held back goes out. */
  end(): void {
    this.#release(true);
  }

  #release(final: boolean): void {
    for (const [field, { text, complete }] of partialStringFields(this.#raw, this.#wanted)) {
      const lastSpace = text.search(/\s\S*$/);
      const stable = complete || final ? text : lastSpace < 0 ? '' : text.slice(0, lastSpace + 1);
      const unmasked = this.mask.unmask(stable);
      const sent = this.#sent.get(field) ?? 0;
      if (unmasked.length > sent) {
        this.emit({ field, text: unmasked.slice(sent) });
        this.#sent.set(field, unmasked.length);
      }
    }
  }
}
