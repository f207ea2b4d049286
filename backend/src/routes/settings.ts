import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { auditWrite, authorizeWrite } from '../plugins/authz.js';
import { modeOf } from '../remediation/settings.js';
import { AppSettingsSchema, ModeSchema } from './remediation-schemas.js';
import { writeErrors } from './remediations.js';
import { errorResponses } from './schemas.js';

/** GET and PUT /api/v1/settings: the mode of the app Argo CD names (off, approve, auto), and the global pause. */
export const settingsRoute: FastifyPluginAsyncTypebox = async (fastify) => {
  const { settings } = fastify.remediation;

  fastify.get(
    '/settings',
    { schema: { response: { 200: AppSettingsSchema, ...errorResponses } } },
    async (request) => {
      await fastify.diagnosis.application(request.argocd);
      const current = await settings.read();
      return {
        mode: modeOf(current, request.argocd.application),
        defaultMode: current.defaultMode,
        paused: current.paused,
      };
    },
  );

  fastify.put(
    '/settings',
    {
      schema: {
        body: Type.Object({ mode: ModeSchema }, { additionalProperties: false }),
        response: { 200: AppSettingsSchema, ...writeErrors },
      },
    },
    async (request) => {
      // `applications, update` in Argo CD's RBAC, and the approvers list: auto mode commits unapproved.
      const actor = await authorizeWrite(request, 'changeMode');
      await fastify.diagnosis.application(request.argocd);
      const updated = await settings.setMode(request.argocd.application, request.body.mode);
      auditWrite(request, 'changeMode', actor, { mode: request.body.mode });
      return {
        mode: modeOf(updated, request.argocd.application),
        defaultMode: updated.defaultMode,
        paused: updated.paused,
      };
    },
  );
};
