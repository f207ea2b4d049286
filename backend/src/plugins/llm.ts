import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { LlmConfig } from '../llm/config.js';
import { createLlmService, type LlmService } from '../llm/service.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The model that explains diagnoses, or why there is none. */
    llm: LlmService;
  }
}

export interface LlmPluginOptions {
  config: LlmConfig;
}

/**
 * Decorates the LLM service. At start it asks the server, without holding up readiness, whether
 * it answers and has the model, so a misconfiguration shows in the log before the first
 * diagnosis; at close it aborts the calls in flight so open event streams end.
 */
async function llmPlugin(fastify: FastifyInstance, options: LlmPluginOptions): Promise<void> {
  const service = createLlmService(options.config);
  fastify.decorate<LlmService>('llm', service);
  if (!service.enabled) {
    fastify.log.info({ llm: 'off' }, service.reason);
    return;
  }
  const { assistant } = service;
  fastify.addHook('onReady', async () => {
    assistant.probe().then(
      (probe) => {
        const listed = probe.models.some(
          (name) => name === assistant.model || name === `${assistant.model}:latest`,
        );
        const details = { provider: assistant.provider, model: assistant.model, version: probe.version };
        if (listed) fastify.log.info(details, `LLM ready at ${assistant.endpoint}`);
        else
          fastify.log.warn(
            { ...details, models: probe.models },
            `${assistant.endpoint} does not list the model ${assistant.model}`,
          );
      },
      (error: unknown) => {
        fastify.log.warn(
          { provider: assistant.provider, model: assistant.model },
          `LLM at ${assistant.endpoint} does not answer (${(error as Error).message}); diagnoses go on without explanations`,
        );
      },
    );
  });
  fastify.addHook('onClose', async () => assistant.close());
}

export default fp(llmPlugin, { name: 'llm' });
