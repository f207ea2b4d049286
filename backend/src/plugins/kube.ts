import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { KubeClients } from '../kube/clients.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Clients of the cluster Argo CD runs in. */
    kube: KubeClients;
  }
}

async function kube(fastify: FastifyInstance, options: { clients: KubeClients }): Promise<void> {
  fastify.decorate('kube', options.clients);
}

export default fp(kube, { name: 'kube' });
