import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { DiagnosisSchema, errorResponses, ResourceRefSchema } from './schemas.js';

const DiagnosisRequestSchema = Type.Object(
  { target: Type.Optional(ResourceRefSchema) },
  { additionalProperties: false },
);

/** POST /api/v1/diagnoses: the deterministic diagnosis of the app Argo CD names, or of one of its resources. */
export const diagnosesRoute: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post(
    '/diagnoses',
    {
      schema: {
        body: Type.Optional(DiagnosisRequestSchema),
        response: { 200: DiagnosisSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { application, project } = request.argocd;
      const target = request.body?.target;
      const { diagnosis } = await fastify.diagnosis.run({
        application,
        project,
        ...(target ? { target } : {}),
      });
      return diagnosis;
    },
  );
};
