import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from './config.js';
import type { Detector } from './detectors/detector.js';
import { detectors as allDetectors } from './detectors/index.js';
import type { Stopwatch } from './diagnosis/diagnose.js';
import type { KubeClients } from './kube/clients.js';
import argocdRequest from './plugins/argocd-request.js';
import diagnosis from './plugins/diagnosis.js';
import errorHandler from './plugins/error-handler.js';
import kube from './plugins/kube.js';
import { diagnosesRoute } from './routes/diagnoses.js';

export interface AppOptions {
  config: Config;
  kube: KubeClients;
  detectors?: readonly Detector[];
  now?: () => Date;
  stopwatch?: Stopwatch;
  logger?: FastifyServerOptions['logger'];
}

/** Assembles the API that Argo CD's proxy extension reaches: services, then the /api/v1 routes behind the trust layer. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? { level: options.config.logLevel },
    bodyLimit: 64 * 1024,
  });
  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  await app.register(errorHandler);
  await app.register(kube, { clients: options.kube });
  await app.register(diagnosis, {
    config: options.config,
    detectors: options.detectors ?? allDetectors,
    now: options.now ?? (() => new Date()),
    stopwatch: options.stopwatch ?? (() => performance.now()),
  });
  await app.register(
    async (api) => {
      await api.register(argocdRequest, {
        sharedSecretHeader: options.config.sharedSecretHeader,
        sharedSecret: options.config.sharedSecret,
      });
      await api.register(diagnosesRoute);
    },
    { prefix: '/api/v1' },
  );
  return app;
}
