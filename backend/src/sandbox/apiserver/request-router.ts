import type { AccessControl } from './access-control.js';
import { ApiError, internalError, methodNotAllowed, routeNotFound } from './api-error.js';
import type { ClusterState } from './cluster-state.js';
import { discoveryDocument, serverVersion } from './discovery.js';
import type { FaultInjector } from './fault-injector.js';
import { dispatchResourceRequest } from './handlers/dispatch.js';
import type { HandlerServices, ResourceRequest } from './handlers/resource-request.js';
import type { Exchange } from './http/exchange.js';
import type { RequestAttributes } from './request-attributes.js';
import { parseResourcePath, verbOf } from './request-path.js';

/** Paths kube-apiserver serves to anyone (system:public-info-viewer). */
const publicPaths = new Set(['/version', '/healthz', '/livez', '/readyz']);

export interface RouterParts {
  cluster: ClusterState;
  access: AccessControl;
  faults: FaultInjector;
  services: HandlerServices;
  /** host:port, as discovery reports the server's address. */
  serverAddress: () => string;
}

function serveNonResource(exchange: Exchange, parts: RouterParts): void {
  if (exchange.request.method !== 'GET') throw methodNotAllowed();
  const { pathname } = exchange.url;
  if (pathname === '/version') {
    exchange.json(200, serverVersion);
    return;
  }
  if (publicPaths.has(pathname)) {
    exchange.text(200, 'ok');
    return;
  }
  const document = discoveryDocument(pathname, parts.cluster.registry, parts.serverAddress());
  if (document === undefined) throw routeNotFound();
  exchange.json(200, document);
}

async function route(exchange: Exchange, parts: RouterParts): Promise<void> {
  const { cluster, access } = parts;
  const path = parseResourcePath(exchange.url.pathname);
  const verb = path ? verbOf(exchange.request.method ?? 'GET', path, exchange.query) : undefined;
  if (path) {
    exchange.verb = verb ?? (exchange.request.method ?? '').toLowerCase();
    exchange.resource = path.subresource ? `${path.resource}/${path.subresource}` : path.resource;
    if (path.namespace !== undefined) exchange.namespace = path.namespace;
  }
  if (publicPaths.has(exchange.url.pathname)) {
    serveNonResource(exchange, parts);
    return;
  }
  const user = access.authenticate(exchange.request.headers.authorization);
  if (!path) {
    serveNonResource(exchange, parts);
    return;
  }
  const type = cluster.registry.resolve(path.group, path.version, path.resource);
  if (!type) throw routeNotFound();
  if (!verb) throw methodNotAllowed();
  const isNamespaceObject = type === cluster.namespaceType;
  if (!type.namespaced && !isNamespaceObject && path.namespace !== undefined) throw routeNotFound();
  if (type.namespaced && path.namespace === undefined && path.name !== undefined) throw routeNotFound();
  const attributes: RequestAttributes = { verb, group: type.group, resource: type.plural };
  if (path.subresource !== undefined) attributes.subresource = path.subresource;
  if (path.namespace !== undefined) attributes.namespace = path.namespace;
  if (path.name !== undefined) attributes.name = path.name;
  access.authorize(user, attributes);
  const fault = parts.faults.take(attributes);
  if (fault === 'stall') return;
  if (fault) throw fault;
  const request: ResourceRequest = { exchange, cluster, type, verb };
  if (type.namespaced && path.namespace !== undefined) request.namespace = path.namespace;
  if (path.name !== undefined) request.name = path.name;
  if (path.subresource !== undefined) request.subresource = path.subresource;
  await dispatchResourceRequest(request, parts.services);
}

/** Serves one request; every failure becomes a Status (or, once a watch is streaming, ends it). */
export async function handleRequest(exchange: Exchange, parts: RouterParts): Promise<void> {
  try {
    await route(exchange, parts);
  } catch (error) {
    const failure = error instanceof ApiError ? error : internalError((error as Error).message);
    if (!exchange.isAnswered) exchange.fail(failure);
    else exchange.response.destroy();
  }
}
