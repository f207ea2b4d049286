import { ApiError, hostPageError, networkError, responseError, timeoutError } from './api-error.js';
import { type DiagnosisEvent, readDiagnosisStream } from './diagnosis-stream.js';
import { announceAppChange } from './support/app-changes.js';
import { applicationHeader } from './support/resource-target.js';
import type {
  AppSettings,
  HostApplication,
  Mode,
  Permissions,
  Remediation,
  ResourceRef,
  RunbookList,
} from './types.js';

/** Argo CD's proxy strips `/extensions/ai-sre` and forwards the rest to the backend. */
const BASE = '/extensions/ai-sre/api/v1';

export interface ApiOptions {
  fetch?: typeof fetch;
  /** How long a JSON request may wait for its response. */
  timeoutMs?: number;
  /** How long a diagnosis may take to start streaming: the backend first reads the cluster. */
  streamTimeoutMs?: number;
  /** Pauses before each further try of a request that failed for a reason that may pass. */
  retryDelaysMs?: readonly number[];
  /** Longest silence a diagnosis stream may keep (it sends a heartbeat every 15 s). */
  streamIdleMs?: number;
}

/** A try that failed and is about to be made again, for the UI to say so. */
export interface Retry {
  /** The try about to start, counting from 1. */
  attempt: number;
  of: number;
  reason: string;
}

export interface RequestOptions {
  signal?: AbortSignal;
  onRetry?: (retry: Retry) => void;
}

export interface DiagnoseOptions extends RequestOptions {
  /** Diagnose anew instead of answering from the backend's short cache (the Refresh button). */
  refresh?: boolean;
}

/** The backend's API for one app: every call carries the headers Argo CD authorises it by. */
export interface AppApi {
  /** Streams the diagnosis; resolves when it is complete. */
  diagnose(
    target: ResourceRef | undefined,
    onEvent: (event: DiagnosisEvent) => void,
    options?: DiagnoseOptions,
  ): Promise<void>;
  /** What the user may do in this app. */
  permissions(options?: RequestOptions): Promise<Permissions>;
  remediations(options?: RequestOptions): Promise<Remediation[]>;
  propose(target: ResourceRef | undefined, options?: RequestOptions): Promise<Remediation>;
  approve(id: string, options?: RequestOptions): Promise<Remediation>;
  reject(id: string, reason?: string, options?: RequestOptions): Promise<Remediation>;
  settings(options?: RequestOptions): Promise<AppSettings>;
  setMode(mode: Mode, options?: RequestOptions): Promise<AppSettings>;
  runbooks(options?: RequestOptions): Promise<RunbookList>;
}

export type Api = (application: HostApplication) => AppApi;

const DEFAULTS = {
  timeoutMs: 30_000,
  streamTimeoutMs: 90_000,
  retryDelaysMs: [1000, 3000],
  streamIdleMs: 45_000,
};

function aborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/**
 * The client of the AI SRE backend. Reads (the GETs, and a diagnosis, which changes nothing) are
 * tried again after failures that may pass: the network, a backend that is down or busy. Writes
 * are tried once: the user sees the failure and decides.
 */
export function createApi(options: ApiOptions = {}): Api {
  const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const streamTimeoutMs = options.streamTimeoutMs ?? DEFAULTS.streamTimeoutMs;
  const retryDelaysMs = options.retryDelaysMs ?? DEFAULTS.retryDelaysMs;
  const streamIdleMs = options.streamIdleMs ?? DEFAULTS.streamIdleMs;

  /** One try: the response, once its status is known to be a success. */
  async function attempt(
    url: string,
    init: RequestInit,
    signal: AbortSignal | undefined,
    deadlineMs: number,
  ): Promise<Response> {
    const controller = new AbortController();
    const cancel = () => controller.abort();
    if (aborted(signal)) cancel();
    signal?.addEventListener('abort', cancel);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, deadlineMs);
    try {
      const response = await fetchImpl(url, { ...init, signal: controller.signal });
      if (!response.ok)
        throw responseError(response.status, await response.text(), response.headers.get('retry-after'));
      if ((response.headers.get('content-type') ?? '').includes('text/html')) throw hostPageError();
      return response;
    } catch (error) {
      if (error instanceof ApiError) throw error;
      if (timedOut) throw timeoutError(deadlineMs);
      if (aborted(signal)) throw error;
      throw networkError();
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', cancel);
    }
  }

  async function withRetries<T>(run: () => Promise<T>, request: RequestOptions, reads: boolean): Promise<T> {
    const delays = reads ? retryDelaysMs : [];
    const tries = delays.length + 1;
    for (let tried = 1; ; tried++) {
      try {
        return await run();
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        const delay = delays[tried - 1];
        if (!error.retryable || delay === undefined || aborted(request.signal))
          throw error.withAttempts(tried);
        request.onRetry?.({ attempt: tried + 1, of: tries, reason: error.message });
        await wait(delay, request.signal);
        // Whoever asked has gone during the pause: no further try.
        if (aborted(request.signal)) throw error.withAttempts(tried);
      }
    }
  }

  return (application) => {
    const appKey = applicationHeader(application);
    const headers = {
      'Content-Type': 'application/json',
      'Argocd-Application-Name': appKey,
      'Argocd-Project-Name': application.spec.project,
    };
    const init = (method: string, body: unknown, accept = 'application/json'): RequestInit => ({
      method,
      credentials: 'same-origin',
      headers: { ...headers, Accept: accept },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = <T>(method: string, path: string, body: unknown, request: RequestOptions = {}) =>
      withRetries(
        async () => {
          const response = await attempt(`${BASE}${path}`, init(method, body), request.signal, timeoutMs);
          try {
            return (await response.json()) as T;
          } catch (error) {
            if (aborted(request.signal)) throw error;
            throw new ApiError(
              'unavailable',
              'The AI SRE backend sent an answer that is not JSON.',
              response.status,
            );
          }
        },
        request,
        method === 'GET',
      ).then((answer) => {
        if (method !== 'GET') announceAppChange(appKey);
        return answer;
      });
    const targetBody = (target: ResourceRef | undefined) => (target ? { target } : {});

    return {
      async diagnose(target, onEvent, request = {}) {
        const body = { ...targetBody(target), ...(request.refresh ? { refresh: true } : {}) };
        // Only the request is retried: once events arrive, a break is reported, not replayed.
        const response = await withRetries(
          () =>
            attempt(
              `${BASE}/diagnoses`,
              init('POST', body, 'text/event-stream'),
              request.signal,
              streamTimeoutMs,
            ),
          request,
          true,
        );
        await readDiagnosisStream(response, {
          onEvent,
          idleMs: streamIdleMs,
          ...(request.signal ? { signal: request.signal } : {}),
        });
      },
      permissions: (request) => json<Permissions>('GET', '/me', undefined, request),
      remediations: async (request) =>
        (await json<{ remediations: Remediation[] }>('GET', '/remediations', undefined, request))
          .remediations,
      propose: (target, request) => json<Remediation>('POST', '/remediations', targetBody(target), request),
      approve: (id, request) =>
        json<Remediation>('POST', `/remediations/${encodeURIComponent(id)}/approve`, {}, request),
      reject: (id, reason, request) =>
        json<Remediation>(
          'POST',
          `/remediations/${encodeURIComponent(id)}/reject`,
          reason ? { reason } : {},
          request,
        ),
      settings: (request) => json<AppSettings>('GET', '/settings', undefined, request),
      setMode: (mode, request) => json<AppSettings>('PUT', '/settings', { mode }, request),
      runbooks: (request) => json<RunbookList>('GET', '/runbooks', undefined, request),
    };
  };
}
