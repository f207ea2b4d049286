import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { errorResponses } from './schemas.js';

export const MeSchema = Type.Object({
  /** Absent for an anonymous user. */
  username: Type.Optional(Type.String()),
  /** The groups taken into account: none for a local account, whatever the headers said. */
  groups: Type.Array(Type.String()),
  local: Type.Boolean(),
  can: Type.Object({
    propose: Type.Boolean(),
    approve: Type.Boolean(),
    reject: Type.Boolean(),
    changeMode: Type.Boolean(),
  }),
  /** Why some action is not allowed, a sentence each. */
  reasons: Type.Optional(Type.Array(Type.String())),
});

/**
 * GET /api/v1/me: who Argo CD says the user is and what they may do with the app in the headers, so
 * the UI shows proposals without buttons to someone who may not act. A read: it answers even while
 * Argo CD's RBAC is unknown (then nothing is allowed, and the reason says why).
 */
export const meRoute: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/me', { schema: { response: { 200: MeSchema, ...errorResponses } } }, async (request) => {
    const { identity, can, reasons } = await fastify.authz.capabilities(request.argocd);
    return {
      ...(identity.username === undefined ? {} : { username: identity.username }),
      groups: identity.groups,
      local: identity.local,
      can,
      ...(reasons.length > 0 ? { reasons } : {}),
    };
  });
};
