import { GitOpsError } from '../gitops/gitops-error.js';
import { apiErrorCode } from '../kube/api-error.js';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND']);

/**
 * A failure that may pass if the same step runs again later: git's network trouble or timeout, the
 * Kubernetes API answering 429 or 5xx, a connection refused or reset, a call that timed out.
 * Refusals, bad credentials, conflicts and edits that do not apply are not: retrying changes nothing.
 */
export function isTransient(error: unknown): boolean {
  if (error instanceof GitOpsError) return error.problem === 'git';
  const status = apiErrorCode(error);
  if (status !== undefined) return status === 429 || status >= 500;
  if (!(error instanceof Error)) return false;
  // Our own deadlines (support/limiter) and aborted fetches alike.
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return true;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
  return error.cause !== undefined && isTransient(error.cause);
}
