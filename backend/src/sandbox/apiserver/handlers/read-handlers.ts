import type { KubeObject, Pod } from '../../../kube/objects.js';
import { notFound } from '../api-error.js';
import { parseLogQuery } from '../logs/log-query.js';
import { apiVersionOf } from '../resource-type.js';
import { buildTable } from '../tables/table.js';
import { negotiateTable, tableContentType } from '../tables/table-format.js';
import { listObjects } from './list-objects.js';
import { type ResourceRequest, resourceName } from './resource-request.js';

export function requireObject(request: ResourceRequest): KubeObject {
  const object = request.cluster.store.get(request.type, request.namespace, request.name ?? '');
  if (!object) throw notFound(resourceName(request));
  return object;
}

/** GET of one object (or its status), as JSON or as a Table when kubectl asks for one. */
export function handleGet(request: ResourceRequest): void {
  const object = requireObject(request);
  const { exchange } = request;
  const table = negotiateTable(exchange.request.headers.accept, exchange.query);
  if (!table) {
    exchange.json(200, object);
    return;
  }
  const metadata = { resourceVersion: object.metadata?.resourceVersion ?? '' };
  exchange.json(
    200,
    buildTable(request.type, [object], table, request.cluster.now(), metadata),
    tableContentType(table),
  );
}

/**
 * Stored objects are never mutated (a write stores a new one), so each is serialised once as a list
 * item: a list of thousands of events then costs a join, not a JSON.stringify of every object.
 */
const listItemJson = new WeakMap<KubeObject, string>();

/** Built-in list items carry no apiVersion/kind on the wire; custom resources' items do. */
function listItem(request: ResourceRequest, object: KubeObject): string {
  let json = listItemJson.get(object);
  if (json === undefined) {
    if (request.type.builtin) {
      const { apiVersion: _apiVersion, kind: _kind, ...item } = object;
      json = JSON.stringify(item);
    } else {
      json = JSON.stringify(object);
    }
    listItemJson.set(object, json);
  }
  return json;
}

export function handleList(request: ResourceRequest): void {
  const { exchange, type, cluster } = request;
  const page = listObjects(cluster.store, type, request.namespace, exchange.query);
  const table = negotiateTable(exchange.request.headers.accept, exchange.query);
  if (table) {
    exchange.json(
      200,
      buildTable(type, page.items, table, cluster.now(), page.metadata),
      tableContentType(table),
    );
    return;
  }
  const head = JSON.stringify({
    kind: `${type.kind}List`,
    apiVersion: apiVersionOf(type),
    metadata: page.metadata,
  });
  const items = page.items.map((object) => listItem(request, object)).join(',');
  exchange.jsonText(200, `${head.slice(0, -1)},"items":[${items}]}`);
}

/** GET .../pods/<name>/log: plain text. `follow` returns what exists and ends. */
export function handleLog(request: ResourceRequest): void {
  const pod = requireObject(request) as Pod;
  const text = request.cluster.logs.read(pod, parseLogQuery(request.exchange.query), request.cluster.now());
  request.exchange.text(200, text);
}
