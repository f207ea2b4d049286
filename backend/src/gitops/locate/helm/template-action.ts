import type { PathSegment } from '../../../runbooks/plan/index.js';

/** A reference from a template action to a chart value: `.Values.image.tag` → image.tag. */
export interface ValuesReference {
  path: PathSegment[];
  /** The action falls back to something else when the value is empty (`| default .Chart.AppVersion`). */
  defaulted: boolean;
}

/** The text between `{{` and `}}`, without the whitespace-trimming dashes. */
export function actionBody(action: string): string {
  return action
    .replace(/^\{\{-?/, '')
    .replace(/-?\}\}$/, '')
    .trim();
}

const VALUES = /(?:^|[\s(|])\$?\.Values((?:\.[A-Za-z_][\w-]*)*)(?=$|[\s)|])/;
const DOT = /(?:^|[\s(|])\.((?:[A-Za-z_][\w-]*)(?:\.[A-Za-z_][\w-]*)*)?(?=$|[\s)|])/;
const BUILTIN = /^(Values|Chart|Release|Capabilities|Template|Files)\b/;

function keys(dotted: string): PathSegment[] {
  return dotted
    .split('.')
    .filter(Boolean)
    .map((key) => ({ kind: 'key', key }));
}

/**
 * The chart value an action renders, when it renders one: its first `.Values.x.y` (or `$.Values`),
 * or `.`/`.x` inside a `with` whose context is a value. Helpers (`include`, `template`, `tpl`)
 * compute their output elsewhere, so they reference nothing the Git writer can follow.
 */
export function valuesReference(action: string, dot: PathSegment[] | undefined): ValuesReference | undefined {
  const body = actionBody(action);
  if (/^(include|template|tpl)\b/.test(body)) return undefined;
  const defaulted = /\bdefault\b|\bcoalesce\b|\bternary\b/.test(body);
  const values = VALUES.exec(body);
  if (values) return { path: keys(values[1] ?? ''), defaulted };
  if (!dot) return undefined;
  const relative = DOT.exec(body);
  if (!relative) return undefined;
  const tail = relative[1] ?? '';
  if (BUILTIN.test(tail)) return undefined;
  return { path: [...dot, ...keys(tail)], defaulted };
}

/** The actions of a line of template text, with the literal text between them. */
export function splitActions(text: string): (string | { action: string })[] {
  const parts: (string | { action: string })[] = [];
  let rest = text;
  for (;;) {
    const open = rest.indexOf('{{');
    const close = open < 0 ? -1 : rest.indexOf('}}', open);
    if (open < 0 || close < 0) break;
    if (open > 0) parts.push(rest.slice(0, open));
    parts.push({ action: rest.slice(open, close + 2) });
    rest = rest.slice(close + 2);
  }
  if (rest !== '') parts.push(rest);
  return parts;
}
