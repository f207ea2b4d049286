import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from '../http-error.js';

/** What Argo CD's proxy vouches for about a request. */
export interface ArgoCdRequest {
  application: { namespace: string; name: string };
  project: string;
  /** Set by argocd-server only when the user has a name; never taken from anywhere else. */
  username?: string;
  /**
   * Argocd-User-Groups as received. argocd-server sets it only when the user has groups and passes a
   * browser's own value on otherwise, so it is a claim: authz/ trusts it only for users who are not
   * local accounts (which never have groups).
   */
  claimedGroups: string[];
}

declare module 'fastify' {
  interface FastifyRequest {
    argocd: ArgoCdRequest;
  }
}

export interface ArgoCdRequestOptions {
  sharedSecretHeader: string;
  sharedSecret: string;
}

// Argo CD's own rules for these names (argo.IsValidNamespaceName, IsValidAppName, IsValidProjectName).
const dnsLabel = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const appName = /^[a-z0-9]([-.a-z0-9]{0,251}[a-z0-9])?$/;

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** argocd-server joins the groups with commas (server/extension/extension.go). */
function groupsOf(value: string | undefined): string[] {
  const groups = (value ?? '').split(',').map((group) => group.trim());
  return [...new Set(groups.filter(Boolean))];
}

function secretMatches(given: string | undefined, expected: Buffer): boolean {
  if (given === undefined) return false;
  const candidate = Buffer.from(given);
  // Compare equal lengths only, and always do the comparison, so timing says nothing about the secret.
  const same = timingSafeEqual(candidate.length === expected.length ? candidate : expected, expected);
  return same && candidate.length === expected.length;
}

/**
 * The trust layer of every /api/v1 route: the request must carry the shared secret that Argo CD's
 * proxy adds, and the app and project Argo CD authorised. Anything else is refused before a handler runs.
 */
async function argocdRequest(fastify: FastifyInstance, options: ArgoCdRequestOptions): Promise<void> {
  const expected = Buffer.from(options.sharedSecret);
  fastify.decorateRequest('argocd', null as unknown as ArgoCdRequest);
  fastify.addHook('onRequest', async (request) => {
    if (!secretMatches(header(request, options.sharedSecretHeader), expected)) {
      throw new HttpError(401, 'this API is served only through Argo CD’s proxy extension');
    }
    const applicationHeader = header(request, 'Argocd-Application-Name');
    if (!applicationHeader) throw new HttpError(400, 'header Argocd-Application-Name must be provided');
    const [namespace, name, ...rest] = applicationHeader.split(':');
    if (!namespace || !name || rest.length > 0 || !dnsLabel.test(namespace) || !appName.test(name)) {
      throw new HttpError(400, 'header Argocd-Application-Name must be <namespace>:<app-name>');
    }
    const project = header(request, 'Argocd-Project-Name');
    if (!project) throw new HttpError(400, 'header Argocd-Project-Name must be provided');
    if (!appName.test(project))
      throw new HttpError(400, 'header Argocd-Project-Name is not a valid project name');
    const argocd: ArgoCdRequest = {
      application: { namespace, name },
      project,
      claimedGroups: groupsOf(header(request, 'Argocd-User-Groups')),
    };
    const username = header(request, 'Argocd-Username');
    if (username) argocd.username = username;
    request.argocd = argocd;
  });
}

export default fp(argocdRequest, { name: 'argocd-request' });
