import { routeNotFound } from './api-error.js';

/** The parts of a resource URL: `/apis/<group>/<version>[/namespaces/<ns>]/<resource>[/<name>[/<subresource>]]`. */
export interface ResourcePath {
  group: string;
  version: string;
  resource: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

/** Subresources of a namespace object itself, which a path `/namespaces/<ns>/<segment>` may name. */
const namespaceSubresources = new Set(['status', 'finalize']);

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw routeNotFound();
  }
}

/** Parses a resource URL the way kube-apiserver's RequestInfoFactory does; undefined for non-resource paths. */
export function parseResourcePath(pathname: string): ResourcePath | undefined {
  const segments = pathname
    .split('/')
    .filter((segment) => segment !== '')
    .map(decode);
  let group: string;
  let version: string;
  let rest: string[];
  if (segments[0] === 'api' && segments.length > 2) {
    group = '';
    version = segments[1] ?? '';
    rest = segments.slice(2);
  } else if (segments[0] === 'apis' && segments.length > 3) {
    group = segments[1] ?? '';
    version = segments[2] ?? '';
    rest = segments.slice(3);
  } else {
    return undefined;
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length > 1) {
    namespace = rest[1];
    const next = rest[2];
    if (next !== undefined && !namespaceSubresources.has(next)) rest = rest.slice(2);
  }
  if (rest.length > 3) throw routeNotFound();
  const [resource, name, subresource] = rest;
  if (resource === undefined) return undefined;
  const path: ResourcePath = { group, version, resource };
  if (namespace !== undefined) path.namespace = namespace;
  if (name !== undefined) path.name = name;
  if (subresource !== undefined) path.subresource = subresource;
  return path;
}

/** The Kubernetes verb of a request. */
export function verbOf(method: string, path: ResourcePath, query: URLSearchParams): string | undefined {
  const watch = query.get('watch');
  switch (method) {
    case 'GET':
      if (watch === 'true' || watch === '1') return 'watch';
      return path.name === undefined ? 'list' : 'get';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return path.name === undefined ? 'deletecollection' : 'delete';
    default:
      return undefined;
  }
}
