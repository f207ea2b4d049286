import { ApiError, badRequest } from '../api-error.js';
import { isJsonObject, jsonEqual } from './json-value.js';

interface Operation {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
}

/** A patch that is well-formed but cannot apply to this object; the real server answers 422. */
function cannotApply(message: string): ApiError {
  return new ApiError(422, 'Invalid', message);
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw badRequest(`invalid JSON pointer "${pointer}"`);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function arrayIndex(token: string, length: number, forInsert: boolean, path: string): number {
  if (forInsert && token === '-') return length;
  if (!/^(0|[1-9]\d*)$/.test(token)) throw cannotApply(`invalid array index "${token}" in path "${path}"`);
  const index = Number(token);
  if (index > length || (!forInsert && index === length)) {
    throw cannotApply(`array index ${index} out of bounds in path "${path}"`);
  }
  return index;
}

function parentOf(document: unknown, tokens: string[], path: string): { container: unknown; last: string } {
  const last = tokens[tokens.length - 1];
  if (last === undefined) throw cannotApply(`path "${path}" names the whole document`);
  let container = document;
  for (const token of tokens.slice(0, -1)) {
    container = childOf(container, token, path);
  }
  return { container, last };
}

function childOf(container: unknown, token: string, path: string): unknown {
  if (Array.isArray(container)) return container[arrayIndex(token, container.length, false, path)];
  if (isJsonObject(container) && Object.hasOwn(container, token)) return container[token];
  throw cannotApply(`doc is missing path: "${path}": missing value`);
}

function read(document: unknown, path: string): unknown {
  let value = document;
  for (const token of parsePointer(path)) value = childOf(value, token, path);
  return value;
}

function add(document: unknown, path: string, value: unknown): unknown {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return value;
  const { container, last } = parentOf(document, tokens, path);
  if (Array.isArray(container)) container.splice(arrayIndex(last, container.length, true, path), 0, value);
  else if (isJsonObject(container)) container[last] = value;
  else throw cannotApply(`doc is missing path: "${path}": missing value`);
  return document;
}

function remove(document: unknown, path: string): unknown {
  const tokens = parsePointer(path);
  const { container, last } = parentOf(document, tokens, path);
  if (Array.isArray(container)) container.splice(arrayIndex(last, container.length, false, path), 1);
  else if (isJsonObject(container) && Object.hasOwn(container, last)) delete container[last];
  else throw cannotApply(`unable to remove nonexistent key: ${last}: missing value`);
  return document;
}

function parseOperations(patch: unknown): Operation[] {
  if (!Array.isArray(patch)) throw badRequest('json patch must be an array of operations');
  return patch.map((operation) => {
    if (!isJsonObject(operation) || typeof operation.op !== 'string' || typeof operation.path !== 'string') {
      throw badRequest('json patch operations need "op" and "path"');
    }
    return operation as unknown as Operation;
  });
}

/** RFC 6902 (add, remove, replace, move, copy, test) on a copy of `document`. */
export function applyJsonPatch(document: unknown, patch: unknown): unknown {
  let result: unknown = structuredClone(document);
  for (const operation of parseOperations(patch)) {
    const { op, path } = operation;
    switch (op) {
      case 'add':
        result = add(result, path, structuredClone(operation.value));
        break;
      case 'remove':
        result = remove(result, path);
        break;
      case 'replace':
        if (path === '') {
          result = structuredClone(operation.value);
          break;
        }
        read(result, path);
        result = add(remove(result, path), path, structuredClone(operation.value));
        break;
      case 'move': {
        const from = operation.from ?? '';
        const value = read(result, from);
        result = add(remove(result, from), path, value);
        break;
      }
      case 'copy':
        result = add(result, path, structuredClone(read(result, operation.from ?? '')));
        break;
      case 'test':
        if (!jsonEqual(read(result, path), operation.value)) {
          throw cannotApply(`testing value ${path} failed: test failed`);
        }
        break;
      default:
        throw badRequest(`Unexpected kind: ${op}`);
    }
  }
  return result;
}
