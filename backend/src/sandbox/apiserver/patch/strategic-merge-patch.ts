import { badRequest } from '../api-error.js';
import { isJsonObject, type JsonObject, jsonEqual } from './json-value.js';
import { type ListStrategy, listStrategy } from './merge-keys.js';

const deleteFromPrimitiveList = '$deleteFromPrimitiveList/';
const setElementOrder = '$setElementOrder/';

/** Marks a map that a `$patch: delete` directive removed. */
const removed = Symbol('removed');

function isDirective(key: string): boolean {
  return key.startsWith('$');
}

/** A patch value with its directives removed, as stored when there is nothing to merge it with. */
function withoutDirectives(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.filter((item) => !(isJsonObject(item) && item.$patch !== undefined)).map(withoutDirectives);
  }
  if (!isJsonObject(value)) return value;
  const result: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (!isDirective(key) && child !== null) result[key] = withoutDirectives(child);
  }
  return result;
}

class StrategicMerge {
  constructor(private readonly kind: string) {}

  map(original: JsonObject, patch: JsonObject, path: string[]): JsonObject | typeof removed {
    const directive = patch.$patch;
    if (directive === 'delete') return removed;
    if (directive === 'replace') return withoutDirectives(patch) as JsonObject;
    if (directive !== undefined && directive !== 'merge') {
      throw badRequest(`invalid value for special key: $patch: ${String(directive)}`);
    }
    const result: JsonObject = { ...original };
    for (const [key, value] of Object.entries(patch)) {
      if (isDirective(key)) continue;
      if (value === null) {
        delete result[key];
        continue;
      }
      const current = result[key];
      const childPath = [...path, key];
      if (isJsonObject(value) && isJsonObject(current)) {
        const merged = this.map(current, value, childPath);
        if (merged === removed) delete result[key];
        else result[key] = merged;
      } else if (isJsonObject(value)) {
        if (value.$patch !== 'delete') result[key] = withoutDirectives(value);
      } else if (Array.isArray(value)) {
        result[key] = this.list(Array.isArray(current) ? current : [], value, childPath);
      } else {
        result[key] = value;
      }
    }
    this.applyListDirectives(result, patch, path);
    const retainKeys = patch.$retainKeys;
    if (retainKeys !== undefined) {
      if (!Array.isArray(retainKeys)) throw badRequest('$retainKeys must be a list of field names');
      for (const key of Object.keys(result)) if (!retainKeys.includes(key)) delete result[key];
    }
    return result;
  }

  private applyListDirectives(result: JsonObject, patch: JsonObject, path: string[]): void {
    for (const [key, value] of Object.entries(patch)) {
      if (key.startsWith(deleteFromPrimitiveList)) {
        const field = key.slice(deleteFromPrimitiveList.length);
        const current = result[field];
        if (!Array.isArray(value)) throw badRequest(`${key} must be a list`);
        if (Array.isArray(current)) result[field] = current.filter((item) => !value.includes(item));
      } else if (key.startsWith(setElementOrder)) {
        const field = key.slice(setElementOrder.length);
        const current = result[field];
        if (!Array.isArray(value)) throw badRequest(`${key} must be a list`);
        if (Array.isArray(current)) {
          result[field] = this.reorder(current, value, listStrategy(this.kind, [...path, field]));
        }
      }
    }
  }

  /** Items named in `order` first, in that order; the rest keep their relative order after them. */
  private reorder(items: unknown[], order: unknown[], strategy: ListStrategy): unknown[] {
    const keyOf = (item: unknown): unknown =>
      typeof strategy === 'object' && isJsonObject(item) ? item[strategy.mergeKey] : item;
    const ordered: unknown[] = [];
    const rest = [...items];
    for (const wanted of order) {
      const wantedKey = keyOf(wanted);
      const index = rest.findIndex((item) => jsonEqual(keyOf(item), wantedKey));
      if (index >= 0) ordered.push(...rest.splice(index, 1));
    }
    return [...ordered, ...rest];
  }

  private list(original: unknown[], patch: unknown[], path: string[]): unknown[] {
    if (patch.some((item) => isJsonObject(item) && item.$patch === 'replace'))
      return withoutDirectives(patch) as unknown[];
    const strategy = listStrategy(this.kind, path);
    if (strategy === 'replace') return withoutDirectives(patch) as unknown[];
    if (strategy === 'merge-primitives') {
      return [
        ...original,
        ...patch.filter((item) => !original.some((existing) => jsonEqual(existing, item))),
      ];
    }
    const { mergeKey } = strategy;
    const result = [...original];
    for (const item of patch) {
      if (!isJsonObject(item))
        throw badRequest(`list at ${path.join('.')} must hold maps keyed by ${mergeKey}`);
      if (!Object.hasOwn(item, mergeKey)) {
        throw badRequest(`map: ${JSON.stringify(item)} does not contain declared merge key: ${mergeKey}`);
      }
      const index = result.findIndex(
        (existing) => isJsonObject(existing) && jsonEqual(existing[mergeKey], item[mergeKey]),
      );
      if (item.$patch === 'delete') {
        if (index >= 0) result.splice(index, 1);
        continue;
      }
      const existing = index >= 0 ? result[index] : undefined;
      const merged = this.map(isJsonObject(existing) ? existing : {}, item, path);
      if (merged === removed) continue;
      if (index >= 0) result[index] = merged;
      else result.push(merged);
    }
    return result;
  }
}

/** A strategic merge patch, with the patch strategies of the built-in kinds and the `$patch` family of directives. */
export function applyStrategicMergePatch(original: JsonObject, patch: unknown, kind: string): JsonObject {
  if (!isJsonObject(patch)) throw badRequest('a strategic merge patch must be a JSON object');
  const merged = new StrategicMerge(kind).map(original, patch, []);
  if (merged === removed) throw badRequest('a strategic merge patch cannot delete the whole object');
  return merged;
}
