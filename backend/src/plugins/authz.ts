import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { WriteAction } from '../authz/actions.js';
import { Authorizer, type Verdict } from '../authz/authorizer.js';
import { PolicySource } from '../authz/policy-source.js';
import { AuthzUnavailableError } from '../authz/unavailable.js';
import type { Config } from '../config.js';
import { HttpError } from '../http-error.js';
import { describeApiError } from '../kube/api-error.js';
import { SETTINGS_NAME, SettingsStore } from '../remediation/settings.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Decides on writes as Argo CD's RBAC does; kept current by watches on Argo CD's configuration. */
    authz: Authorizer;
  }
}

export interface AuthzPluginOptions {
  config: Pick<Config, 'namespace' | 'argocdNamespace'>;
  /** How long to wait first before watching again after a watch failed. */
  retryDelayMs?: number;
}

/** Starts watching Argo CD's RBAC before the API answers, so the first write is decided on what is in force. */
async function authz(fastify: FastifyInstance, options: AuthzPluginOptions): Promise<void> {
  const { namespace, argocdNamespace } = options.config;
  const source = new PolicySource({
    kube: fastify.kube,
    namespace: argocdNamespace,
    onError: (message, error) => fastify.log.warn({ err: error }, message),
    ...(options.retryDelayMs !== undefined ? { retryDelayMs: options.retryDelayMs } : {}),
  });
  const settings = new SettingsStore(fastify.kube.core, namespace);
  const readSettings = async () => {
    try {
      return await settings.data();
    } catch (error) {
      throw new Error(`cannot read ConfigMap ${SETTINGS_NAME} in ${namespace}: ${describeApiError(error)}`);
    }
  };
  fastify.decorate(
    'authz',
    new Authorizer({ policy: () => source.snapshot(), readSettings, argocdNamespace }),
  );
  fastify.addHook('onReady', () => source.start());
  fastify.addHook('onClose', () => source.stop());
}

export default fp(authz, { name: 'authz', dependencies: ['kube'] });

/** Who a write was allowed for: the name it records in the remediation's history (`by`), and the groups that counted. */
export interface Actor {
  user: string;
  groups: readonly string[];
}

/** The audit line of a write: who (and as which groups), on what, and what was decided. Never a secret. */
function auditFields(request: FastifyRequest, action: WriteAction, groups: readonly string[]) {
  const { application, project, username } = request.argocd;
  return {
    audit: 'write',
    user: username ?? null,
    groups,
    application: `${application.namespace}/${application.name}`,
    project,
    action,
  };
}

/**
 * Lets the write go on when the user may do it; otherwise refuses it with 403 (or 503 while Argo CD's
 * RBAC is unknown), logging the attempt at warn.
 */
export async function authorizeWrite(
  request: FastifyRequest,
  action: WriteAction,
  recordId?: string,
): Promise<Actor> {
  const id = recordId === undefined ? {} : { recordId };
  let verdict: Verdict;
  try {
    verdict = await request.server.authz.check(request.argocd, action);
  } catch (error) {
    if (!(error instanceof AuthzUnavailableError)) throw error;
    request.log.warn(
      { ...auditFields(request, action, []), ...id, decision: 'unavailable', reason: error.message },
      'write refused',
    );
    throw new HttpError(503, error.message);
  }
  const { identity, decision } = verdict;
  if (!decision.allowed || identity.username === undefined) {
    const reason = decision.reason ?? 'not allowed';
    request.log.warn(
      { ...auditFields(request, action, identity.groups), ...id, decision: 'denied', reason },
      'write denied',
    );
    throw new HttpError(403, reason);
  }
  return { user: identity.username, groups: identity.groups };
}

/** Logs a write that was allowed and done: the record it acted on, or the mode it set. */
export function auditWrite(
  request: FastifyRequest,
  action: WriteAction,
  actor: Actor,
  done: { recordId: string } | { mode: string },
): void {
  request.log.info(
    { ...auditFields(request, action, actor.groups), ...done, decision: 'allowed' },
    'write allowed',
  );
}
