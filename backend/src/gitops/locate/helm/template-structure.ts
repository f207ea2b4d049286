import type { PathSegment } from '../../../runbooks/plan/index.js';
import { actionBody, valuesReference } from './template-action.js';

/** One step of a template's YAML structure: a key, or the n-th item of a list. */
export type Step = { key: string } | { item: number };

/** A key (or list item) of a template, with what the template writes there. */
export interface TemplateEntry {
  steps: Step[];
  /** The text after `key:` (or `- `), as written: literal, `{{ .Values.x }}`, or both mixed. */
  value?: string;
  /** Actions on their own lines below the key that write its value (`{{- toYaml .Values.x | nindent 8 }}`). */
  injected: string[];
  /** The values path `.` stands for here (inside `{{ with .Values.x }}`), when it is one. */
  dot: PathSegment[] | undefined;
}

export interface TemplateDocument {
  file: string;
  entries: TemplateEntry[];
}

interface Frame {
  indent: number;
  kind: 'key' | 'item' | 'root';
  entry?: TemplateEntry;
  steps: Step[];
  /** A key with an inline value holds no nested lines. */
  closed: boolean;
  items: number;
}

const CONTROL = /^(if|else|with|range|end|define|block)\b/;
const KEY_LINE = /^(?<key>"[^"]*"|'[^']*'|[^\s:#{}[\]'"][^:#{}]*?):(?:\s+(?<value>.*))?$/;

function unquote(key: string): string {
  return /^(["']).*\1$/.test(key) ? key.slice(1, -1) : key;
}

function withoutComment(value: string): string {
  if (/^["']/.test(value)) return value;
  return value.replace(/\s+#.*$/, '');
}

/**
 * Reads the YAML structure of a Helm template line by line, the way its indentation nests keys and
 * list items, without rendering it: control actions (`if`, `with`, `range`, `end`) are skipped but
 * tracked for what `.` means, and an action alone on its line is taken as the value of the key above
 * it (its `nindent` says how deep it sits).
 */
export function parseTemplate(file: string, text: string): TemplateDocument[] {
  const documents: TemplateDocument[] = [];
  let document: TemplateDocument = { file, entries: [] };
  let stack: Frame[] = [];
  const dots: (PathSegment[] | undefined)[] = [];
  let blockScalarIndent: number | undefined;
  const reset = () => {
    stack = [{ indent: -1, kind: 'root', steps: [], closed: false, items: 0 }];
  };
  reset();
  const top = () => stack[stack.length - 1] as Frame;
  const currentDot = () => dots[dots.length - 1];

  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/\r$/, '');
    const indent = line.length - line.trimStart().length;
    const content = line.trim();
    if (blockScalarIndent !== undefined) {
      if (content === '' || indent > blockScalarIndent) continue;
      blockScalarIndent = undefined;
    }
    if (content === '' || content.startsWith('#')) continue;
    if (/^---/.test(content)) {
      if (document.entries.length > 0) documents.push(document);
      document = { file, entries: [] };
      reset();
      continue;
    }
    if (/^\{\{.*\}\}$/.test(content) && content.indexOf('{{', 2) < 0) {
      const body = actionBody(content);
      const control = CONTROL.exec(body)?.[1];
      if (control === 'end') dots.pop();
      else if (control === 'with') dots.push(valuesReference(`{{ ${body.slice(4)} }}`, currentDot())?.path);
      else if (control === 'range') dots.push(undefined);
      else if (control && control !== 'else') dots.push(currentDot());
      else if (!control && !body.startsWith('/*')) {
        const depth = Number(/\bn?indent\s+(\d+)/.exec(body)?.[1] ?? indent);
        while (stack.length > 1 && top().indent >= depth) stack.pop();
        top().entry?.injected.push(content);
      }
      continue;
    }
    let column = indent;
    let rest = content;
    while (/^-(\s|$)/.test(rest)) {
      while (
        stack.length > 1 &&
        (top().indent > column || (top().indent === column && (top().kind === 'item' || top().closed)))
      ) {
        stack.pop();
      }
      const parent = top();
      const entry: TemplateEntry = {
        steps: [...parent.steps, { item: parent.items++ }],
        injected: [],
        dot: currentDot(),
      };
      document.entries.push(entry);
      stack.push({ indent: column, kind: 'item', entry, steps: entry.steps, closed: false, items: 0 });
      const after = rest.slice(1).trimStart();
      column += rest.length - after.length;
      rest = after;
      if (rest !== '' && !KEY_LINE.test(rest)) {
        entry.value = withoutComment(rest);
        top().closed = true;
        rest = '';
      }
    }
    const match = KEY_LINE.exec(rest);
    if (!match?.groups) continue;
    while (stack.length > 1 && top().indent >= column) stack.pop();
    const parent = top();
    const value = withoutComment(match.groups.value ?? '');
    const entry: TemplateEntry = {
      steps: [...parent.steps, { key: unquote((match.groups.key ?? '').trim()) }],
      injected: [],
      dot: currentDot(),
    };
    if (value !== '' && !/^[|>][-+0-9]*$/.test(value)) entry.value = value;
    if (/^[|>][-+0-9]*$/.test(value)) blockScalarIndent = column;
    document.entries.push(entry);
    stack.push({
      indent: column,
      kind: 'key',
      entry,
      steps: entry.steps,
      closed: entry.value !== undefined,
      items: 0,
    });
  }
  if (document.entries.length > 0) documents.push(document);
  return documents;
}
