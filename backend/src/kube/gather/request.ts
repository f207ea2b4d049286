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
  /**
   * Whether Secrets may be listed, for their keys only. Off in the backend by default: RBAC cannot
   * grant keys without values (docs/security.md).
   */
  readSecretKeys: boolean;
  now: () => Date;
}

export class ApplicationNotFoundError extends Error {
  override name = 'ApplicationNotFoundError';
}
