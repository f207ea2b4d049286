import { ApiError, badRequest } from '../api-error.js';
import { mediaTypeOf, readBody } from '../http/request-body.js';
import { applyMergePatch } from '../patch/json-merge-patch.js';
import { applyJsonPatch } from '../patch/json-patch.js';
import type { JsonObject } from '../patch/json-value.js';
import { applyStrategicMergePatch } from '../patch/strategic-merge-patch.js';
import { requireObject } from './read-handlers.js';
import type { ResourceRequest } from './resource-request.js';
import { storeUpdate } from './write-handlers.js';

function unsupportedPatchType(strategicMerge: boolean): ApiError {
  const accepted = ['application/json-patch+json', 'application/merge-patch+json'];
  if (strategicMerge) accepted.push('application/strategic-merge-patch+json');
  return new ApiError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
  );
}

function parsePatch(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw badRequest(`error decoding patch: ${(error as Error).message}`);
  }
}

/**
 * PATCH with a JSON patch, a JSON merge patch, or (built-in kinds only, as on the real server) a strategic
 * merge patch. A patch that sets metadata.resourceVersion makes the write conditional on it.
 */
export async function handlePatch(request: ResourceRequest): Promise<void> {
  const { exchange, type } = request;
  const mediaType = mediaTypeOf(exchange.request.headers['content-type']);
  const existing = requireObject(request);
  const patch = parsePatch(await readBody(exchange.request));
  let patched: unknown;
  switch (mediaType) {
    case 'application/json-patch+json':
      patched = applyJsonPatch(existing, patch);
      break;
    case 'application/merge-patch+json':
      patched = applyMergePatch(existing, patch);
      break;
    case 'application/strategic-merge-patch+json':
      if (!type.builtin) throw unsupportedPatchType(false);
      patched = applyStrategicMergePatch(existing as JsonObject, patch, type.kind);
      break;
    default:
      throw unsupportedPatchType(type.builtin);
  }
  storeUpdate(request, existing, patched);
}
