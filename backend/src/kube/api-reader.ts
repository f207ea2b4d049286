import http from 'node:http';
import https from 'node:https';
import { ApiException, type KubeConfig } from '@kubernetes/client-node';
import { DEFAULT_KUBE_LIMITS } from '../config.js';
import { DeadlineError } from '../support/deadline-error.js';

/** Reads the Kubernetes API as plain JSON or text. */
export interface ApiReader {
  getJson<T>(path: string, signal?: AbortSignal): Promise<T>;
  getText(path: string, signal?: AbortSignal): Promise<string>;
}

/** Credentials are applied afresh this often: in-cluster tokens and exec plugins rotate them. */
const CREDENTIALS_TTL_MS = 60_000;

interface Connection {
  options: https.RequestOptions;
  expires: number;
}

/**
 * client-node's agents do not keep connections alive, so every call would pay a TLS handshake. When no
 * proxy is configured, the same TLS settings go into an agent that does.
 */
function keepAliveAgent(kubeConfig: KubeConfig, options: https.RequestOptions): http.Agent | undefined {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster || cluster.proxyUrl) return options.agent instanceof http.Agent ? options.agent : undefined;
  if (cluster.server.startsWith('http:')) return new http.Agent({ keepAlive: true });
  return new https.Agent({
    keepAlive: true,
    ...(options.ca ? { ca: options.ca } : {}),
    ...(options.cert ? { cert: options.cert } : {}),
    ...(options.key ? { key: options.key } : {}),
    ...(options.pfx ? { pfx: options.pfx } : {}),
    ...(options.passphrase ? { passphrase: options.passphrase } : {}),
    ...(options.rejectUnauthorized !== undefined ? { rejectUnauthorized: options.rejectUnauthorized } : {}),
    ...(options.servername ? { servername: options.servername } : {}),
  });
}

/** Connection settings (credentials, keep-alive agent) per KubeConfig, shared by all readers of it. */
const connections = new WeakMap<KubeConfig, () => Promise<Connection>>();

function connectionsOf(kubeConfig: KubeConfig): () => Promise<Connection> {
  const existing = connections.get(kubeConfig);
  if (existing) return existing;
  let connection: Promise<Connection> | undefined;
  const connect = async (): Promise<Connection> => {
    const options: https.RequestOptions = {};
    await kubeConfig.applyToHTTPSOptions(options);
    const agent = keepAliveAgent(kubeConfig, options);
    return { options: { ...options, ...(agent ? { agent } : {}) }, expires: Date.now() + CREDENTIALS_TTL_MS };
  };
  const current = async (): Promise<Connection> => {
    const previous = connection ? await connection : undefined;
    if (!previous || previous.expires <= Date.now()) {
      connection = connect();
      const retired = previous?.options.agent;
      // Calls still under way on the old agent have their own timeouts; after those it can go.
      if (retired instanceof http.Agent) setTimeout(() => retired.destroy(), 2 * CREDENTIALS_TTL_MS).unref();
    }
    return connection ?? connect();
  };
  connections.set(kubeConfig, current);
  return current;
}

/**
 * A reader GETs through client-node's KubeConfig (its authentication, TLS and proxy settings), the way
 * client-node's own Log, Watch and Metrics clients do, but keeps the JSON as the API server sent it.
 * The typed clients turn every timestamp into a Date and every object into a model instance; a
 * snapshot wants the wire form, and converting 3,000 events there and back costs more than fetching them.
 * Connections are shared per KubeConfig, so they are reused from one diagnosis to the next. Every
 * call has a deadline of `timeoutMs` (besides any signal the caller passes): a stalled API server
 * is answered with a DeadlineError and the connection closed.
 */
export function apiReader(
  kubeConfig: KubeConfig,
  timeoutMs: number = DEFAULT_KUBE_LIMITS.callTimeoutMs,
): ApiReader {
  const current = connectionsOf(kubeConfig);
  const get = async (path: string, accept: string, callerSignal?: AbortSignal): Promise<string> => {
    const server = kubeConfig.getCurrentCluster()?.server;
    if (!server) throw new Error('the kubeconfig names no current cluster');
    const { options } = await current();
    const url = new URL(path, server);
    const transport = url.protocol === 'http:' ? http : https;
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = callerSignal ? AbortSignal.any([callerSignal, deadline]) : deadline;
    return new Promise<string>((resolve, reject) => {
      const request = transport.request(
        url,
        {
          ...options,
          method: 'GET',
          headers: { ...options.headers, Accept: accept },
          signal,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const body = Buffer.concat(chunks).toString('utf8');
            const status = response.statusCode ?? 0;
            if (status >= 200 && status < 300) {
              resolve(body);
              return;
            }
            let parsed: unknown = body;
            try {
              parsed = JSON.parse(body);
            } catch {
              // A proxy's HTML error page: keep the text.
            }
            const headers = Object.fromEntries(
              Object.entries(response.headers).map(([name, value]) => [name, String(value)]),
            );
            reject(new ApiException(status, `GET ${url.pathname} failed`, parsed, headers));
          });
        },
      );
      request.on('error', reject);
      request.end();
    }).catch((error: unknown) => {
      // A caller that cancelled gets its own reason; only our deadline speaks of the API not answering.
      if (callerSignal?.aborted) throw callerSignal.reason ?? error;
      if (deadline.aborted) throw new DeadlineError(`the Kubernetes API (GET ${url.pathname})`, timeoutMs);
      throw error;
    });
  };
  return {
    getJson: async <T>(path: string, signal?: AbortSignal) =>
      JSON.parse(await get(path, 'application/json', signal)) as T,
    getText: (path, signal) => get(path, 'text/plain', signal),
  };
}
