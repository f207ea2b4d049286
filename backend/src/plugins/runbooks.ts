import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { RunbookStore } from '../runbooks/store.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The runbooks in force, kept current by a watch on their ConfigMaps. */
    runbooks: RunbookStore;
  }
}

/** Starts watching runbooks before the API answers, so the first diagnosis already has them. */
async function runbooks(fastify: FastifyInstance, options: { store: RunbookStore }): Promise<void> {
  fastify.decorate('runbooks', options.store);
  fastify.addHook('onReady', () => options.store.start());
  fastify.addHook('onClose', () => options.store.stop());
}

export default fp(runbooks, { name: 'runbooks' });
