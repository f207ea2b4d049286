import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import type { Detector } from '../detectors/detector.js';
import { diagnose, type Stopwatch } from '../diagnosis/diagnose.js';
import type { Diagnosis } from '../diagnosis/diagnosis.js';
import { isPartOfApp } from '../diagnosis/target.js';
import { HttpError } from '../http-error.js';
import { describeApiError } from '../kube/api-error.js';
import { DestinationError } from '../kube/destination.js';
import { ApplicationNotFoundError, gatherSnapshot } from '../kube/gather/index.js';
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
}

declare module 'fastify' {
  interface FastifyInstance {
    diagnosis: DiagnosisService;
  }
}

export interface DiagnosisPluginOptions {
  config: Pick<Config, 'argocdNamespace' | 'kube'>;
  detectors: readonly Detector[];
  now: () => Date;
  stopwatch: Stopwatch;
}

async function diagnosisPlugin(fastify: FastifyInstance, options: DiagnosisPluginOptions): Promise<void> {
  const service: DiagnosisService = {
    async run(request) {
      let result: { diagnosis: Diagnosis; snapshot: ClusterSnapshot };
      try {
        result = await diagnose(
          () =>
            gatherSnapshot({
              control: fastify.kube,
              argocdNamespace: options.config.argocdNamespace,
              application: request.application,
              ...(request.target ? { target: request.target } : {}),
              limits: options.config.kube,
              now: options.now,
            }),
          options.detectors,
          options.stopwatch,
        );
      } catch (error) {
        if (error instanceof ApplicationNotFoundError) throw new HttpError(404, error.message);
        if (error instanceof DestinationError) throw new HttpError(502, error.message);
        throw new HttpError(502, `cannot read the Application: ${describeApiError(error)}`);
      }
      const { snapshot } = result;
      if (snapshot.application.spec.project !== request.project) {
        throw new HttpError(403, `the Application is not in project ${request.project}`);
      }
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

export default fp(diagnosisPlugin, { name: 'diagnosis', dependencies: ['kube'] });
