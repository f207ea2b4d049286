import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import type { Diagnosis } from '../diagnosis/diagnosis.js';
import { explainDiagnosis } from '../diagnosis/llm-step.js';
import { readApplication } from '../kube/gather/index.js';
import type { ClusterSnapshot } from '../kube/snapshot.js';
import { ApplicationEvents } from '../remediation/app-events.js';
import { RemediationController } from '../remediation/controller.js';
import { RemediationExecutor } from '../remediation/executor.js';
import type { RemediationGit } from '../remediation/git-port.js';
import { LeaderElection } from '../remediation/leader.js';
import { RemediationStore } from '../remediation/record-store.js';
import { SettingsStore } from '../remediation/settings.js';
import { RemediationWorkflow } from '../remediation/workflow.js';
import type { DiagnosisRequest } from './diagnosis.js';

export interface FixDiagnosis {
  diagnosis: Diagnosis;
  snapshot: ClusterSnapshot;
  /** The plan is a model's draft: a person must approve it, whatever the app's mode. */
  drafted: boolean;
}

export interface Remediation {
  workflow: RemediationWorkflow;
  executor: RemediationExecutor;
  settings: SettingsStore;
  /**
   * The diagnosis a fix is proposed from: the runbooks' plan, or, when a runbook matched without
   * actions (or only a free-text runbook fits), the edit the model drafts.
   */
  diagnose(request: DiagnosisRequest): Promise<FixDiagnosis>;
}

declare module 'fastify' {
  interface FastifyInstance {
    remediation: Remediation;
  }
}

export interface RemediationPluginOptions {
  config: Pick<Config, 'namespace' | 'argocdNamespace' | 'kube' | 'readSecretKeys' | 'remediation'>;
  git: RemediationGit;
  /** Whether this replica runs the controller (watch, leader election, commits, verification). */
  controller: boolean;
  now: () => Date;
}

/** Record ids sort by creation time: base-36 milliseconds, then a random tail. */
function newRemediationId(now: () => Date): string {
  return `${now().getTime().toString(36)}${randomBytes(3).toString('hex')}`;
}

/** Proposals, approvals and the controller that acts on apps in auto mode, wired to the cluster and Git. */
async function remediation(fastify: FastifyInstance, options: RemediationPluginOptions): Promise<void> {
  const { config, now } = options;
  const { core, coordination } = fastify.kube;
  const log = (message: string, error?: unknown) =>
    error === undefined ? fastify.log.info(message) : fastify.log.warn({ err: error }, message);
  const readApp = (application: { namespace: string; name: string }) =>
    readApplication({
      control: fastify.kube,
      argocdNamespace: config.argocdNamespace,
      application,
      limits: config.kube,
      readSecretKeys: config.readSecretKeys,
      now,
    });
  const store = new RemediationStore(core, config.namespace);
  const settings = new SettingsStore(core, config.namespace);
  const workflow = new RemediationWorkflow({
    store,
    events: new ApplicationEvents(core, 'argocd-ai-sre', now),
    git: options.git,
    readApplication: readApp,
    argocdNamespace: config.argocdNamespace,
    now,
    newId: () => newRemediationId(now),
    log,
  });
  const leader = new LeaderElection({
    coordination,
    namespace: config.namespace,
    name: 'argocd-ai-sre-controller',
    identity: config.remediation.identity,
    leaseSeconds: config.remediation.leaseSeconds,
    now,
  });
  const executor = new RemediationExecutor({
    workflow,
    store,
    readApplication: readApp,
    isLeader: () => options.controller && leader.isLeader,
    now,
    retryBaseMs: config.remediation.intervalMs,
    log,
  });
  const diagnose = async (request: DiagnosisRequest): Promise<FixDiagnosis> => {
    const found = await fastify.diagnosis.run(request);
    if (found.diagnosis.plan || !fastify.llm.enabled) return { ...found, drafted: false };
    const context = { snapshot: found.snapshot, runbooks: fastify.runbooks.catalog() };
    const diagnosis = await explainDiagnosis(found.diagnosis, context, fastify.llm).catch(
      (error: unknown) => {
        log('the model could not draft a fix', error);
        return found.diagnosis;
      },
    );
    return {
      diagnosis,
      snapshot: found.snapshot,
      drafted: diagnosis.plan !== null && 'drafted' in diagnosis.plan,
    };
  };
  fastify.decorate('remediation', { workflow, executor, settings, diagnose });
  if (!options.controller) return;
  const controller = new RemediationController({
    ...config.remediation,
    kube: fastify.kube,
    namespaces: config.remediation.applicationNamespaces,
    settings,
    store,
    workflow,
    executor,
    leader,
    diagnose: (application) =>
      diagnose({
        application: {
          namespace: application.metadata.namespace ?? '',
          name: application.metadata.name ?? '',
        },
        project: application.spec.project,
      }),
    now,
    log,
  });
  fastify.addHook('onReady', () => controller.start());
  fastify.addHook('onClose', () => controller.stop());
}

export default fp(remediation, {
  name: 'remediation',
  dependencies: ['kube', 'diagnosis', 'llm', 'runbooks'],
});
