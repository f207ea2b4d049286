import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from './config.js';
import type { Detector } from './detectors/detector.js';
import { detectors as allDetectors } from './detectors/index.js';
import type { Stopwatch } from './diagnosis/diagnose.js';
import { createGitWriter } from './gitops/index.js';
import type { KubeClients } from './kube/clients.js';
import argocdRequest from './plugins/argocd-request.js';
import authz from './plugins/authz.js';
import diagnosis from './plugins/diagnosis.js';
import errorHandler from './plugins/error-handler.js';
import kube from './plugins/kube.js';
import limits from './plugins/limits.js';
import llm from './plugins/llm.js';
import remediation from './plugins/remediation.js';
import runbooks from './plugins/runbooks.js';
import type { RemediationGit } from './remediation/git-port.js';
import { diagnosesRoute } from './routes/diagnoses.js';
import { meRoute } from './routes/me.js';
import { remediationsRoute } from './routes/remediations.js';
import { runbooksRoute } from './routes/runbooks.js';
import { settingsRoute } from './routes/settings.js';
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
  /** The Git writer; by default one built from `config.git`, with `gitEnv` for every git process. */
  git?: RemediationGit;
  /** Extra environment for git (the sandbox's URL rewrites). */
  gitEnv?: Record<string, string>;
  /** Whether this process runs the remediation controller; on unless turned off. */
  controller?: boolean;
}

/** Assembles the API that Argo CD's proxy extension reaches: services, then the /api/v1 routes behind the trust layer. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? { level: options.config.logLevel },
    bodyLimit: options.config.limits.bodyLimitBytes,
  });
  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  // A POST such as an approval carries no body, yet a browser's fetch may still label it JSON:
  // an empty JSON body reads as an empty object.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    if (body === '') {
      done(null, {});
      return;
    }
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(Object.assign(new Error('the body is not valid JSON'), { statusCode: 400 }), undefined);
    }
  });
  await app.register(errorHandler);
  await app.register(limits, { limits: options.config.limits });
  await app.register(kube, { clients: options.kube });
  await app.register(authz, { config: options.config });
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
  await app.register(llm, { config: options.config.llm });
  await app.register(diagnosis, {
    config: options.config,
    detectors: options.detectors ?? allDetectors,
    now,
    stopwatch: options.stopwatch ?? (() => performance.now()),
  });
  await app.register(remediation, {
    config: options.config,
    git:
      options.git ??
      createGitWriter({
        kube: options.kube,
        ...options.config.git,
        ...(options.gitEnv ? { gitEnv: options.gitEnv } : {}),
        now,
      }),
    controller: options.controller ?? true,
    now,
  });
  await app.register(
    async (api) => {
      await api.register(argocdRequest, {
        sharedSecretHeader: options.config.sharedSecretHeader,
        sharedSecret: options.config.sharedSecret,
      });
      await api.register(diagnosesRoute);
      await api.register(runbooksRoute);
      await api.register(remediationsRoute);
      await api.register(settingsRoute);
      await api.register(meRoute);
    },
    { prefix: '/api/v1' },
  );
  return app;
}
