import type { KubeClients } from '../clients.js';
import type { ResourceRef } from '../objects.js';

export interface GatherLimits {
  concurrency: number;
  callTimeoutMs: number;
  logTailLines: number;
  logLimitBytes: number;
  logsPerDiagnosis: number;
}

export interface GatherRequest {
  /** The cluster where Argo CD runs: Applications and Argo CD's Secrets. */
  control: KubeClients;
  argocdNamespace: string;
  application: { namespace: string; name: string };
  target?: ResourceRef;
  limits: GatherLimits;
  now: () => Date;
}

export class ApplicationNotFoundError extends Error {
  override name = 'ApplicationNotFoundError';
}
