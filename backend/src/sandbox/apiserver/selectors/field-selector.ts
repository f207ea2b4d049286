import type { KubeObject } from '../../../kube/objects.js';
import { badRequest } from '../api-error.js';
import type { ResourceType } from '../resource-type.js';
import { fieldValue, selectableFieldPath } from './selectable-fields.js';

interface Term {
  field: string;
  equals: boolean;
  value: string;
}

interface ResolvedTerm extends Term {
  path: readonly string[];
}

/** A parsed `fieldSelector` query (`=`, `==`, `!=`, comma-separated, `\` escapes). */
export interface FieldSelector {
  matches(object: KubeObject): boolean;
}

function splitUnescaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charAt(index);
    if (char === '\\' && index + 1 < text.length) {
      current += char + text.charAt(index + 1);
      index += 1;
    } else if (char === separator) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

function unescapeValue(value: string): string {
  return value.replace(/\\(.)/g, '$1');
}

function parseTerm(text: string): Term {
  for (const [operator, equals] of [
    ['!=', false],
    ['==', true],
    ['=', true],
  ] as const) {
    const at = text.indexOf(operator);
    if (at > 0) {
      return {
        field: text.slice(0, at).trim(),
        equals,
        value: unescapeValue(text.slice(at + operator.length)),
      };
    }
  }
  throw badRequest(`invalid selector: '${text}'; can't understand '${text}'`);
}

export function parseFieldSelector(text: string | null, type: ResourceType): FieldSelector | undefined {
  if (text === null || text.trim() === '') return undefined;
  const terms = splitUnescaped(text, ',')
    .filter((part) => part.trim() !== '')
    .map(parseTerm);
  const resolved: ResolvedTerm[] = terms.map((term) => {
    const path = selectableFieldPath(type, term.field);
    if (path) return { ...term, path };
    throw badRequest(
      type.builtin
        ? `field label not supported: ${term.field}`
        : `"${term.field}" is not a known field selector: only "metadata.name", "metadata.namespace"`,
    );
  });
  return {
    matches: (object) =>
      resolved.every((term) => (fieldValue(object, term.path) === term.value) === term.equals),
  };
}
