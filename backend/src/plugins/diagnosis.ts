import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import type { Detector } from '../detectors/detector.js';
import { diagnose, type Stopwatch } from '../diagnosis/diagnose.js';
import type { Diagnosis } from '../diagnosis/diagnosis.js';
import { isPartOfApp } from '../diagnosis/target.js';
import { HttpError } from '../http-error.js';
import { describeApiError } from '../kube/api-error.js';
import type { Application } from '../kube/application.js';
import { DestinationError } from '../kube/destination.js';
import {
  ApplicationNotFoundError,
  type GatherRequest,
  gatherSnapshot,
  readApplication,
} from '../kube/gather/index.js';
import type { ResourceRef } from '../kube/objects.js';
import type { ClusterSnapshot } from '../kube/snapshot.js';
import type { RunbookCatalog } from '../runbooks/catalog.js';
import { RecentResults } from '../support/recent-results.js';

export interface DiagnosisRequest {
  application: { namespace: string; name: string };
  project: string;
  target?: ResourceRef;
  /**
   * `reuse`: accept a diagnosis of the same app and target made moments ago (limits.diagnosisCacheMs),
   * or join one under way, so several people opening the tab at once cost one reading of the
   * cluster. `replace`: read afresh and leave the result for the next `reuse`. Absent: read afresh
   * and keep nothing, as fixes and their verification do.
   */
  recent?: 'reuse' | 'replace';
}

interface DiagnosisResult {
  diagnosis: Diagnosis;
  snapshot: ClusterSnapshot;
}

export interface DiagnosisService {
  /** Diagnoses the app; refuses a target that is not part of it, or an app of another project. */
  run(request: DiagnosisRequest): Promise<DiagnosisResult>;
  /** The Application the request names, refused when it is not in the request's project. */
  application(request: Omit<DiagnosisRequest, 'target'>): Promise<Application>;
}

declare module 'fastify' {
  interface FastifyInstance {
    diagnosis: DiagnosisService;
  }
}

export interface DiagnosisPluginOptions {
  config: Pick<Config, 'argocdNamespace' | 'kube' | 'readSecretKeys' | 'limits'>;
  detectors: readonly Detector[];
  now: () => Date;
  stopwatch: Stopwatch;
}

/** Why the cluster could not be read, in words for the user. */
function asHttpError(error: unknown): HttpError {
  if (error instanceof ApplicationNotFoundError) return new HttpError(404, error.message);
  if (error instanceof DestinationError) return new HttpError(502, error.message);
  return new HttpError(502, `cannot read the Application: ${describeApiError(error)}`);
}

// Argo CD checked the project header against the app; checking again costs nothing and catches a misrouted call.
function checkProject(application: Application, project: string): void {
  if (application.spec.project !== project) {
    throw new HttpError(403, `the Application is not in project ${project}`);
  }
}

async function diagnosisPlugin(fastify: FastifyInstance, options: DiagnosisPluginOptions): Promise<void> {
  const gatherRequest = (request: Omit<DiagnosisRequest, 'project'>): GatherRequest => ({
    control: fastify.kube,
    argocdNamespace: options.config.argocdNamespace,
    application: request.application,
    ...(request.target ? { target: request.target } : {}),
    limits: options.config.kube,
    readSecretKeys: options.config.readSecretKeys,
    now: options.now,
  });
  const recent = new RecentResults<DiagnosisResult>(
    options.config.limits.diagnosisCacheMs,
    options.config.limits.diagnosisCacheEntries,
    // Monotonic: a clock set back must not make a diagnosis live longer.
    options.stopwatch,
  );
  // A diagnosis depends on the runbooks too: an edited runbook gives a new catalog, and a new key.
  const catalogIds = new WeakMap<RunbookCatalog, number>();
  let catalogsSeen = 0;
  const catalogId = (catalog: RunbookCatalog): number => {
    let id = catalogIds.get(catalog);
    if (id === undefined) {
      id = catalogsSeen++;
      catalogIds.set(catalog, id);
    }
    return id;
  };
  const diagnoseAfresh = (request: DiagnosisRequest, runbooks: RunbookCatalog) =>
    diagnose(() => gatherSnapshot(gatherRequest(request)), {
      detectors: options.detectors,
      runbooks,
      stopwatch: options.stopwatch,
    }).catch((error: unknown) => {
      throw asHttpError(error);
    });
  const service: DiagnosisService = {
    async application(request) {
      const application = await readApplication(gatherRequest(request)).catch((error: unknown) => {
        throw asHttpError(error);
      });
      checkProject(application, request.project);
      return application;
    },
    async run(request) {
      // The project and target are checked on every request below, so a shared result is keyed on what was read.
      const { application, target } = request;
      const runbooks = fastify.runbooks.catalog();
      const key = JSON.stringify([
        catalogId(runbooks),
        application.namespace,
        application.name,
        target ? [target.group, target.kind, target.namespace ?? '', target.name] : null,
      ]);
      const produce = () => diagnoseAfresh(request, runbooks);
      const result =
        request.recent === 'reuse'
          ? await recent.get(key, produce)
          : request.recent === 'replace'
            ? await recent.replace(key, produce)
            : await produce();
      const { snapshot } = result;
      checkProject(snapshot.application, request.project);
      if (request.target && !isPartOfApp(snapshot, request.target)) {
        throw new HttpError(
          403,
          `${request.target.kind} ${request.target.name} is not part of this application`,
        );
      }
      return result;
    },
  };
  fastify.decorate('diagnosis', service);
}

export default fp(diagnosisPlugin, { name: 'diagnosis', dependencies: ['kube', 'runbooks'] });
