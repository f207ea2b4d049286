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

export interface DiagnosisRequest {
  application: { namespace: string; name: string };
  project: string;
  target?: ResourceRef;
}

export interface DiagnosisService {
  /** Diagnoses the app; refuses a target that is not part of it, or an app of another project. */
  run(request: DiagnosisRequest): Promise<{ diagnosis: Diagnosis; snapshot: ClusterSnapshot }>;
  /** The Application the request names, refused when it is not in the request's project. */
  application(request: Omit<DiagnosisRequest, 'target'>): Promise<Application>;
}

declare module 'fastify' {
  interface FastifyInstance {
    diagnosis: DiagnosisService;
  }
}

export interface DiagnosisPluginOptions {
  config: Pick<Config, 'argocdNamespace' | 'kube' | 'readSecretKeys'>;
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
  const service: DiagnosisService = {
    async application(request) {
      const application = await readApplication(gatherRequest(request)).catch((error: unknown) => {
        throw asHttpError(error);
      });
      checkProject(application, request.project);
      return application;
    },
    async run(request) {
      const result = await diagnose(() => gatherSnapshot(gatherRequest(request)), {
        detectors: options.detectors,
        runbooks: fastify.runbooks.catalog(),
        stopwatch: options.stopwatch,
      }).catch((error: unknown) => {
        throw asHttpError(error);
      });
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
