/**
 * Why a request failed, in the terms a user can act on:
 * - `not-forwarded`: Argo CD did not pass the request on, or the backend did not recognise it as Argo CD's (401, 404);
 * - `forbidden`: Argo CD or the backend refused this user (403);
 * - `unavailable`: the backend is down or could not read the cluster (502, 503, 504);
 * - `network`: the browser could not reach Argo CD at all;
 * - `timeout`: no answer in time;
 * - `stream`: the diagnosis stream broke off or sent something unreadable;
 * - `refused`: the backend answered that this cannot be done (400, 409 and the like).
 */
export type FailureKind =
  | 'not-forwarded'
  | 'forbidden'
  | 'unavailable'
  | 'network'
  | 'timeout'
  | 'stream'
  | 'refused';

export class ApiError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    /** The HTTP status, when there was a response. */
    readonly status?: number,
    /** How many times the request was tried. */
    readonly attempts = 1,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /**
   * Worth trying again at once: the network, or a backend that is down or busy (502, 503), may be
   * back in a moment. A timeout is not: the next try would most likely wait as long again.
   */
  get retryable(): boolean {
    return this.kind === 'network' || this.status === 502 || this.status === 503;
  }

  withAttempts(attempts: number): ApiError {
    return new ApiError(this.kind, this.message, this.status, attempts);
  }
}

/** The backend's errors are JSON `{statusCode, error, message}`; Argo CD's own refusals are plain text. */
function backendMessage(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    return typeof parsed.message === 'string' && parsed.message !== '' ? parsed.message : undefined;
  } catch {
    return undefined;
  }
}

function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** An error response as the user should read it; `retryAfter` is the Retry-After header of a 429. */
export function responseError(status: number, body: string, retryAfter?: string | null): ApiError {
  const message = backendMessage(body);
  if (status === 429) {
    const seconds = Number(retryAfter);
    const wait = Number.isFinite(seconds) && seconds > 0 ? ` Try again in ${Math.ceil(seconds)} s.` : '';
    return new ApiError(
      'refused',
      `${message ? sentence(message) : 'Too many requests to the AI SRE backend.'}${wait}`,
      status,
    );
  }
  if (status === 401) {
    return new ApiError(
      'not-forwarded',
      message
        ? 'The AI SRE backend did not recognise this request as coming through Argo CD: the secret header ' +
            'Argo CD adds (extension.config.ai-sre in argocd-cm) is missing or differs from the backend’s.'
        : 'Argo CD refused to forward this request to the AI SRE backend: your role needs the permission ' +
            '"extensions, invoke, ai-sre" (argocd-rbac-cm) and read access to this application.',
      status,
    );
  }
  if (status === 403) {
    return new ApiError(
      'forbidden',
      `Not allowed: ${message ? sentence(message) : 'your Argo CD role does not permit this.'}`,
      status,
    );
  }
  if (status === 404 && !message) {
    return new ApiError(
      'not-forwarded',
      'Argo CD has no proxy extension "ai-sre": extension.config.ai-sre in argocd-cm is missing, or ' +
        'server.enable.proxy.extension is off in argocd-cmd-params-cm.',
      status,
    );
  }
  if (status === 502 || status === 503 || status === 504) {
    return new ApiError(
      'unavailable',
      message
        ? `The AI SRE backend could not do this: ${sentence(message)}`
        : `The AI SRE backend is not reachable through Argo CD (HTTP ${status}): is its Deployment running?`,
      status,
    );
  }
  if (status >= 500) {
    return new ApiError(
      'unavailable',
      message ? sentence(message) : `The AI SRE backend failed (HTTP ${status}).`,
      status,
    );
  }
  return new ApiError(
    'refused',
    message ? sentence(message) : `The request was refused (HTTP ${status}).`,
    status,
  );
}

export function networkError(): ApiError {
  return new ApiError(
    'network',
    'Cannot reach Argo CD’s API server (network error): check your connection, then try again.',
  );
}

export function timeoutError(ms: number): ApiError {
  return new ApiError('timeout', `The AI SRE backend did not answer within ${Math.round(ms / 1000)} s.`);
}

/** Argo CD serves its UI for paths it does not route: with proxy extensions off, the API answers HTML. */
export function hostPageError(): ApiError {
  return new ApiError(
    'not-forwarded',
    'Argo CD answered with its web page instead of the AI SRE backend: proxy extensions are off ' +
      '(server.enable.proxy.extension in argocd-cmd-params-cm).',
  );
}
