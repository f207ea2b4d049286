import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { Application } from '../kube/application.js';

/** The name of the extension in argocd-cm's extension.config, and so in every proxied URL. */
export const EXTENSION_NAME = 'ai-sre';
export const EXTENSION_PREFIX = `/extensions/${EXTENSION_NAME}`;

/** The Argo CD user the demo is logged in as: a local account, which has no groups. */
export interface ProxyUser {
  username: string;
  userId: string;
  groups: readonly string[];
}

/** What argocd-server's extension.config and argocd-secret hold for the backend. */
export interface ProxyBackend {
  sharedSecretHeader: string;
  sharedSecret: string;
  /** Where Argo CD runs; argocd-server sends it as Argocd-Namespace. */
  argocdNamespace: string;
}

export interface RequestedApplication {
  namespace: string;
  name: string;
  project: string;
}

export class ProxyRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ProxyRefusal';
  }
}

// Argo CD's rules for the names in these headers (argo.IsValidNamespaceName, IsValidAppName, IsValidProjectName).
const dnsLabel = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const resourceName = /^[a-z0-9]([-.a-z0-9]{0,251}[a-z0-9])?$/;

/** Headers Go's ReverseProxy never forwards: they describe one connection, not the request. */
const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
];

/** Headers only argocd-server may set: whatever the browser sent under these names is dropped. */
const SET_BY_ARGOCD = [
  'argocd-namespace',
  'argocd-username',
  'argocd-user-id',
  'argocd-user-groups',
  'argocd-target-cluster-url',
  'argocd-target-cluster-name',
];

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** ValidateHeaders of argocd-server's extension proxy: both headers present and well formed, else 400. */
export function requestedApplication(headers: IncomingHttpHeaders): RequestedApplication {
  const application = single(headers['argocd-application-name']);
  if (!application)
    throw new ProxyRefusal(400, 'Invalid headers: header "Argocd-Application-Name" must be provided');
  const parts = application.split(':');
  const [namespace, name] = parts;
  if (parts.length !== 2 || !namespace || !name)
    throw new ProxyRefusal(400, 'Invalid headers: invalid value for "Argocd-Application-Name" header');
  if (!dnsLabel.test(namespace)) throw new ProxyRefusal(400, 'Invalid headers: invalid value for namespace');
  if (!resourceName.test(name))
    throw new ProxyRefusal(400, 'Invalid headers: invalid value for application name');
  const project = single(headers['argocd-project-name']);
  if (!project) throw new ProxyRefusal(400, 'Invalid headers: header "Argocd-Project-Name" must be provided');
  if (!resourceName.test(project))
    throw new ProxyRefusal(400, 'Invalid headers: invalid value for project name');
  return { namespace, name, project };
}

/** Argo CD's authorize step: the app must exist and belong to the project the browser named, else 401. */
export function authorizedApplication(
  requested: RequestedApplication,
  application: Application | undefined,
): Application {
  if (!application || application.spec.project !== requested.project) {
    throw new ProxyRefusal(401, 'Unauthorized extension request');
  }
  return application;
}

/** The path the backend sees: the URL without `/extensions/ai-sre`, its query kept. */
export function backendPath(url: string): string {
  if (!url.startsWith(EXTENSION_PREFIX)) throw new ProxyRefusal(404, 'Extension not found');
  const rest = url.slice(EXTENSION_PREFIX.length);
  if (rest !== '' && !rest.startsWith('/') && !rest.startsWith('?'))
    throw new ProxyRefusal(404, 'Extension not found');
  return rest.startsWith('/') ? rest : `/${rest}`;
}

/**
 * The request headers the backend receives, as argocd-server's proxy writes them: the user's
 * Cookie and Authorization removed, the configured secret header set, and the user and the app's
 * destination in Argocd-* headers, each only when it has a value.
 */
export function forwardedHeaders(
  incoming: IncomingHttpHeaders,
  application: Application,
  user: ProxyUser,
  backend: ProxyBackend,
  backendHost: string,
): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  const dropped = new Set(['cookie', 'authorization', 'host', ...HOP_BY_HOP, ...SET_BY_ARGOCD]);
  for (const [name, value] of Object.entries(incoming)) {
    if (value !== undefined && !dropped.has(name)) headers[name] = value;
  }
  headers.host = backendHost;
  headers[backend.sharedSecretHeader.toLowerCase()] = backend.sharedSecret;
  headers['argocd-namespace'] = backend.argocdNamespace;
  if (user.userId) headers['argocd-user-id'] = user.userId;
  if (user.username) headers['argocd-username'] = user.username;
  if (user.groups.length > 0) headers['argocd-user-groups'] = user.groups.join(',');
  const destination = application.spec.destination;
  if (destination.name) headers['argocd-target-cluster-name'] = destination.name;
  if (destination.server) headers['argocd-target-cluster-url'] = destination.server;
  return headers;
}
