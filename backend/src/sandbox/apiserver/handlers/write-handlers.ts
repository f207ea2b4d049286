import type { KubeObject } from '../../../kube/objects.js';
import { alreadyExists, conflict, methodNotAllowed, notFound } from '../api-error.js';
import { parseObjectBody, readBody } from '../http/request-body.js';
import { objectForCreate, objectForUpdate } from '../object-lifecycle.js';
import { isJsonObject, jsonEqual } from '../patch/json-value.js';
import { apiVersionOf } from '../resource-type.js';
import { objectFilter } from './object-filter.js';
import { requireObject } from './read-handlers.js';
import { type ResourceRequest, resourceName } from './resource-request.js';

function isDryRun(request: ResourceRequest): boolean {
  return request.exchange.query.getAll('dryRun').includes('All');
}

async function requestBody(request: ResourceRequest): Promise<unknown> {
  const { exchange } = request;
  return parseObjectBody(await readBody(exchange.request), exchange.request.headers['content-type']);
}

export async function handleCreate(request: ResourceRequest): Promise<void> {
  const { type, cluster, exchange } = request;
  if (request.subresource !== undefined || (type.namespaced && request.namespace === undefined)) {
    throw methodNotAllowed();
  }
  const object = objectForCreate(type, await requestBody(request), request.namespace, cluster.now());
  const namespace = object.metadata?.namespace;
  if (namespace !== undefined && !cluster.namespaceExists(namespace)) {
    throw notFound({ group: '', resource: 'namespaces', name: namespace });
  }
  const name = object.metadata?.name ?? '';
  if (cluster.store.get(type, namespace, name))
    throw alreadyExists({ group: type.group, resource: type.plural, name });
  if (isDryRun(request)) {
    exchange.json(201, object);
    return;
  }
  exchange.json(201, cluster.store.put(type, object).object);
}

function withoutResourceVersion(object: KubeObject): KubeObject {
  const { resourceVersion: _resourceVersion, ...metadata } = object.metadata ?? {};
  return { ...object, metadata };
}

/**
 * Stores the result of an update or a patch. A write that changes nothing keeps the object and its
 * resourceVersion, and no watch hears of it, as on the real server.
 */
export function storeUpdate(request: ResourceRequest, existing: KubeObject, desired: unknown): void {
  const { type, cluster, exchange } = request;
  const updated = objectForUpdate(type, existing, desired, {
    namespace: request.namespace,
    name: request.name ?? '',
    statusOnly: request.subresource === 'status',
  });
  if (jsonEqual(withoutResourceVersion(updated), withoutResourceVersion(existing))) {
    exchange.json(200, existing);
    return;
  }
  if (isDryRun(request)) {
    exchange.json(200, updated);
    return;
  }
  exchange.json(200, cluster.store.put(type, updated).object);
}

export async function handleUpdate(request: ResourceRequest): Promise<void> {
  const existing = requireObject(request);
  storeUpdate(request, existing, await requestBody(request));
}

/** DeleteOptions.preconditions: delete only the object with this uid / resourceVersion. */
function checkPreconditions(request: ResourceRequest, existing: KubeObject, options: unknown): void {
  const preconditions = isJsonObject(options) ? options.preconditions : undefined;
  if (!isJsonObject(preconditions)) return;
  const metadata = existing.metadata ?? {};
  const { uid, resourceVersion } = preconditions;
  if (typeof uid === 'string' && uid !== metadata.uid) {
    throw conflict(
      resourceName(request),
      `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${metadata.uid ?? ''}`,
    );
  }
  if (typeof resourceVersion === 'string' && resourceVersion !== metadata.resourceVersion) {
    throw conflict(
      resourceName(request),
      `Precondition failed: ResourceVersion in precondition: ${resourceVersion}, ResourceVersion in object meta: ${metadata.resourceVersion ?? ''}`,
    );
  }
}

export async function handleDelete(request: ResourceRequest): Promise<void> {
  const { type, cluster, exchange } = request;
  if (request.subresource !== undefined) throw methodNotAllowed();
  const existing = requireObject(request);
  const text = await readBody(exchange.request);
  if (text.trim() !== '') checkPreconditions(request, existing, parseObjectBody(text, 'application/json'));
  if (!isDryRun(request)) cluster.remove(type, request.namespace, request.name ?? '');
  const details: Record<string, string> = { name: request.name ?? '' };
  if (type.group) details.group = type.group;
  details.kind = type.plural;
  details.uid = existing.metadata?.uid ?? '';
  exchange.json(200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details });
}

export async function handleDeleteCollection(request: ResourceRequest): Promise<void> {
  const { type, cluster, exchange } = request;
  await readBody(exchange.request);
  const filter = objectFilter(type, exchange.query);
  const doomed = [...cluster.store.scan(type, request.namespace)]
    .map(({ object }) => object)
    .filter((object) => filter.matches(object));
  const deleted = isDryRun(request)
    ? doomed
    : doomed.flatMap(
        (object) =>
          cluster.remove(type, object.metadata?.namespace, object.metadata?.name ?? '')?.object ?? [],
      );
  exchange.json(200, {
    kind: `${type.kind}List`,
    apiVersion: apiVersionOf(type),
    metadata: { resourceVersion: String(cluster.store.revision) },
    items: deleted,
  });
}
