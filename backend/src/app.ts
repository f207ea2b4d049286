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
import runbooks from './plugins/runbooks.js';
import { diagnosesRoute } from './routes/diagnoses.js';
import { runbooksRoute } from './routes/runbooks.js';
import { ProblemEvents } from './runbooks/problem-events.js';
import { createRunbookStore, type RunbookStore } from './runbooks/store.js';

export interface AppOptions {
  config: Config;
  kube: KubeClients;
  detectors?: readonly Detector[];
  now?: () => Date;
  stopwatch?: Stopwatch;
  logger?: FastifyServerOptions['logger'];
  /** Replaces the watch on runbook ConfigMaps, for tests that hand runbooks in directly. */
  runbookStore?: RunbookStore;
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
  const now = options.now ?? (() => new Date());
  await app.register(runbooks, {
    store:
      options.runbookStore ??
      createRunbookStore({
        kube: options.kube,
        namespaces: options.config.runbookNamespaces,
        events: new ProblemEvents(options.kube.core, 'argocd-ai-sre', now),
        onError: (message, error) => app.log.warn({ err: error }, message),
      }),
  });
  await app.register(diagnosis, {
    config: options.config,
    detectors: options.detectors ?? allDetectors,
    now,
    stopwatch: options.stopwatch ?? (() => performance.now()),
  });
  await app.register(
    async (api) => {
      await api.register(argocdRequest, {
        sharedSecretHeader: options.config.sharedSecretHeader,
        sharedSecret: options.config.sharedSecret,
      });
      await api.register(diagnosesRoute);
      await api.register(runbooksRoute);
    },
    { prefix: '/api/v1' },
  );
  return app;
}
