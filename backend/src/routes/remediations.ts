import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { auditWrite, authorizeWrite } from '../plugins/authz.js';
import { RemediationSchema } from './remediation-schemas.js';
import { ErrorSchema, errorResponses, optionalBody, ResourceRefSchema } from './schemas.js';

const IdParams = Type.Object({ id: Type.String({ pattern: '^[a-z0-9]{4,40}$' }) });
/** A write may also meet a conflict (409) or Argo CD's RBAC being unknown (503: refused, fail closed). */
export const writeErrors = { ...errorResponses, 409: ErrorSchema, 503: ErrorSchema };

/**
 * Proposals, approvals and rejections of the app Argo CD names. Each needs `applications, sync` on
 * the app in Argo CD's RBAC (approving and rejecting also a place on the project's approvers list,
 * when it has one), and records who did it.
 */
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
      const actor = await authorizeWrite(request, 'propose');
      const { application, project } = request.argocd;
      const target = request.body?.target;
      const { diagnosis, snapshot, drafted } = await fastify.remediation.diagnose({
        application,
        project,
        ...(target ? { target } : {}),
      });
      const { record, created } = await workflow.propose(
        diagnosis,
        snapshot.application,
        actor.user,
        drafted,
      );
      auditWrite(request, 'propose', actor, { recordId: record.id });
      return reply.code(created ? 201 : 200).send(record);
    },
  );

  fastify.post(
    '/remediations/:id/approve',
    { schema: { params: IdParams, response: { 200: RemediationSchema, ...writeErrors } } },
    async (request) => {
      const actor = await authorizeWrite(request, 'approve', request.params.id);
      await fastify.diagnosis.application(request.argocd);
      const record = await workflow.approve(request.argocd.application, request.params.id, actor.user);
      auditWrite(request, 'approve', actor, { recordId: record.id });
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
      const actor = await authorizeWrite(request, 'reject', request.params.id);
      await fastify.diagnosis.application(request.argocd);
      const record = await workflow.reject(
        request.argocd.application,
        request.params.id,
        actor.user,
        request.body?.reason,
      );
      auditWrite(request, 'reject', actor, { recordId: record.id });
      return record;
    },
  );
};
