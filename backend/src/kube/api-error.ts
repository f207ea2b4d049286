import { ApiException } from '@kubernetes/client-node';
import { TimeoutError } from '../support/limiter.js';

interface StatusBody {
  reason?: string;
  message?: string;
}

function statusOf(body: unknown): StatusBody {
  if (typeof body === 'string') {
    try {
      return statusOf(JSON.parse(body));
    } catch {
      return { message: body };
    }
  }
  return body !== null && typeof body === 'object' ? (body as StatusBody) : {};
}

export function apiErrorCode(error: unknown): number | undefined {
  return error instanceof ApiException ? error.code : undefined;
}

/**
 * Says in a few words why an API call failed: `403 Forbidden`, `500 InternalError: etcd timeout`,
 * `timed out after 5000 ms`, `connect ECONNREFUSED 10.0.0.1:443`. Never the request's credentials.
 */
export function describeApiError(error: unknown): string {
  if (error instanceof ApiException) {
    const status = statusOf(error.body);
    const reason = status.reason ?? '';
    const detail = status.message && status.message !== reason ? `: ${status.message}` : '';
    return `${error.code}${reason ? ` ${reason}` : ''}${detail}`.slice(0, 300);
  }
  if (error instanceof TimeoutError) return error.message;
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return `${typeof code === 'string' ? `${code}: ` : ''}${error.message.split('\n')[0]}`.slice(0, 300);
  }
  return String(error).slice(0, 300);
}
