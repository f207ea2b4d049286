import { methodNotAllowed, routeNotFound } from '../api-error.js';
import { handlePatch } from './patch-handler.js';
import { handleGet, handleList, handleLog } from './read-handlers.js';
import type { HandlerServices, ResourceRequest } from './resource-request.js';
import { handleWatch } from './watch-handler.js';
import { handleCreate, handleDelete, handleDeleteCollection, handleUpdate } from './write-handlers.js';

/** Runs the handler for a request's verb and subresource. */
export async function dispatchResourceRequest(
  request: ResourceRequest,
  services: HandlerServices,
): Promise<void> {
  const { subresource, verb } = request;
  if (
    subresource !== undefined &&
    !request.type.subresources.some((candidate) => candidate === subresource)
  ) {
    throw routeNotFound();
  }
  if (subresource === 'log') {
    if (verb !== 'get') throw methodNotAllowed();
    handleLog(request);
    return;
  }
  switch (verb) {
    case 'get':
      handleGet(request);
      return;
    case 'list':
      if (subresource !== undefined) throw methodNotAllowed();
      handleList(request);
      return;
    case 'watch':
      if (subresource !== undefined) throw methodNotAllowed();
      handleWatch(request, services);
      return;
    case 'create':
      await handleCreate(request);
      return;
    case 'update':
      await handleUpdate(request);
      return;
    case 'patch':
      await handlePatch(request);
      return;
    case 'delete':
      await handleDelete(request);
      return;
    case 'deletecollection':
      if (subresource !== undefined) throw methodNotAllowed();
      await handleDeleteCollection(request);
      return;
    default:
      throw methodNotAllowed();
  }
}
