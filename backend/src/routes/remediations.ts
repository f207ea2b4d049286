import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import { HttpError } from '../http-error.js';
import { RemediationSchema } from './remediation-schemas.js';
import { errorResponses, optionalBody, ResourceRefSchema } from './schemas.js';

const IdParams = Type.Object({ id: Type.String({ pattern: '^[a-z0-9]{4,40}$' }) });
const writeErrors = { ...errorResponses, 409: errorResponses[400] };

/**
 * Writes record who did them, so they need the user Argo CD names: anonymous users (who have no
 * name) may look but not act.
 */
export function actingUser(request: FastifyRequest): string {
  const user = request.argocd.username;
  if (!user)
    throw new HttpError(403, 'Argo CD did not name a user for this request; sign in to act on remediations');
  return user;
}

/** Proposals, approvals and rejections of the app Argo CD names. */
export const remediationsRoute: FastifyPluginAsyncTypebox = async (fastify) => {
  const { workflow, executor } = fastify.remediation;

  fastify.get(
    '/remediations',
    {
      schema: {
        response: { 200: Type.Object({ remediations: Type.Array(RemediationSchema) }), ...errorResponses },
      },
    },
    async (request) => {
      await fastify.diagnosis.application(request.argocd);
      return { remediations: await workflow.list(request.argocd.application) };
    },
  );

  fastify.post(
    '/remediations',
    {
      schema: {
        body: optionalBody(
          Type.Object({ target: Type.Optional(ResourceRefSchema) }, { additionalProperties: false }),
        ),
        response: { 200: RemediationSchema, 201: RemediationSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const user = actingUser(request);
      const { application, project } = request.argocd;
      const target = request.body?.target;
      const { diagnosis, snapshot, drafted } = await fastify.remediation.diagnose({
        application,
        project,
        ...(target ? { target } : {}),
      });
      const { record, created } = await workflow.propose(diagnosis, snapshot.application, user, drafted);
      return reply.code(created ? 201 : 200).send(record);
    },
  );

  fastify.post(
    '/remediations/:id/approve',
    { schema: { params: IdParams, response: { 200: RemediationSchema, ...writeErrors } } },
    async (request) => {
      const user = actingUser(request);
      await fastify.diagnosis.application(request.argocd);
      const record = await workflow.approve(request.argocd.application, request.params.id, user);
      void executor.wake();
      return record;
    },
  );

  fastify.post(
    '/remediations/:id/reject',
    {
      schema: {
        params: IdParams,
        body: optionalBody(
          Type.Object(
            { reason: Type.Optional(Type.String({ maxLength: 500 })) },
            { additionalProperties: false },
          ),
        ),
        response: { 200: RemediationSchema, ...writeErrors },
      },
    },
    async (request) => {
      const user = actingUser(request);
      await fastify.diagnosis.application(request.argocd);
      return workflow.reject(request.argocd.application, request.params.id, user, request.body?.reason);
    },
  );
};
