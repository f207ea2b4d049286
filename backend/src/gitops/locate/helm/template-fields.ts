import { groupOf } from '../../../kube/objects.js';
import type { PathSegment, TargetRef } from '../../../runbooks/plan/index.js';
import { splitActions, type ValuesReference, valuesReference } from './template-action.js';
import type { Step, TemplateDocument, TemplateEntry } from './template-structure.js';

/** How a template produces a field of the rendered object. */
export type FieldMapping =
  /** From one chart value, or from a value a parent of the field renders whole (`toYaml .Values.resources`). */
  | { kind: 'value'; reference: ValuesReference; rest: PathSegment[] }
  /** From text mixing literals and values: `"{{ .Values.image.repository }}:{{ .Values.image.tag }}"`. */
  | { kind: 'composite'; parts: (string | ValuesReference | null)[] }
  /** Written in the template itself: no value produces it. */
  | { kind: 'literal'; file: string };

function unquote(text: string): string {
  return /^(["']).*\1$/s.test(text) ? text.slice(1, -1) : text;
}

function isTemplated(text: string | undefined): boolean {
  return text?.includes('{{') === true;
}

function sameSteps(a: readonly Step[], b: readonly Step[]): boolean {
  return a.length === b.length && a.every((step, index) => JSON.stringify(step) === JSON.stringify(b[index]));
}

function literal(document: TemplateDocument, steps: Step[]): string | undefined {
  return document.entries.find((entry) => sameSteps(entry.steps, steps))?.value;
}

/** Whether a literal-or-templated text can render as `value`: literals must match, actions match anything. */
function canRender(text: string | undefined, value: string): boolean {
  if (text === undefined) return false;
  const pattern = splitActions(unquote(text))
    .map((part) => (typeof part === 'string' ? part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : '.*'))
    .join('');
  return new RegExp(`^${pattern}$`, 's').test(value);
}

/** Whether a template document renders the object: its kind, group and name can be the object's. */
export function rendersObject(document: TemplateDocument, target: TargetRef): boolean {
  const kind = literal(document, [{ key: 'kind' }]);
  const apiVersion = literal(document, [{ key: 'apiVersion' }]);
  const name = literal(document, [{ key: 'metadata' }, { key: 'name' }]);
  if (kind === undefined || unquote(kind) !== target.kind) return false;
  if (apiVersion !== undefined && !isTemplated(apiVersion) && groupOf(unquote(apiVersion)) !== target.group)
    return false;
  return canRender(name, target.name);
}

function stepMatches(
  document: TemplateDocument,
  before: Step[],
  step: Step,
  segment: PathSegment | undefined,
): boolean {
  if (!segment) return false;
  if ('key' in step) return segment.kind === 'key' && segment.key === step.key;
  if (segment.kind === 'index') return segment.index === step.item;
  if (segment.kind === 'key') return false;
  return canRender(literal(document, [...before, step, { key: segment.key }]), segment.value);
}

function matchesPrefix(
  document: TemplateDocument,
  entry: TemplateEntry,
  path: readonly PathSegment[],
): boolean {
  return (
    entry.steps.length <= path.length &&
    entry.steps.every((step, index) => stepMatches(document, entry.steps.slice(0, index), step, path[index]))
  );
}

function mappingOf(
  entry: TemplateEntry,
  path: readonly PathSegment[],
  file: string,
): FieldMapping | undefined {
  const rest = path.slice(entry.steps.length);
  for (const action of entry.injected) {
    const reference = valuesReference(action, entry.dot);
    if (reference) return { kind: 'value', reference, rest };
  }
  if (entry.value === undefined) return undefined;
  if (!isTemplated(entry.value)) return rest.length === 0 ? { kind: 'literal', file } : undefined;
  const parts = splitActions(unquote(entry.value)).map((part) =>
    typeof part === 'string' ? part : (valuesReference(part.action, entry.dot) ?? null),
  );
  const [only] = parts;
  if (parts.length === 1 && only && typeof only !== 'string') return { kind: 'value', reference: only, rest };
  return rest.length === 0 ? { kind: 'composite', parts } : undefined;
}

/**
 * The ways a template document may produce a field, read from the deepest keys of the template
 * that lead to it and say how their value is written. Several when list items are templated alike.
 */
export function mapField(document: TemplateDocument, path: readonly PathSegment[]): FieldMapping[] {
  const candidates = document.entries.filter(
    (entry) =>
      matchesPrefix(document, entry, path) && (entry.value !== undefined || entry.injected.length > 0),
  );
  const deepest = Math.max(-1, ...candidates.map((entry) => entry.steps.length));
  return candidates
    .filter((entry) => entry.steps.length === deepest)
    .map((entry) => mappingOf(entry, path, document.file))
    .filter((mapping): mapping is FieldMapping => mapping !== undefined);
}
