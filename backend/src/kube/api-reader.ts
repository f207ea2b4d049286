import http from 'node:http';
import https from 'node:https';
import { ApiException, type KubeConfig } from '@kubernetes/client-node';

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

const readers = new WeakMap<KubeConfig, ApiReader>();

/**
 * A reader GETs through client-node's KubeConfig (its authentication, TLS and proxy settings), the way
 * client-node's own Log, Watch and Metrics clients do, but keeps the JSON as the API server sent it.
 * The typed clients turn every timestamp into a Date and every object into a model instance; a
 * snapshot wants the wire form, and converting 3,000 events there and back costs more than fetching them.
 * One reader per KubeConfig, so connections are reused from one diagnosis to the next.
 */
export function apiReader(kubeConfig: KubeConfig): ApiReader {
  const existing = readers.get(kubeConfig);
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
  const get = async (path: string, accept: string, signal?: AbortSignal): Promise<string> => {
    const server = kubeConfig.getCurrentCluster()?.server;
    if (!server) throw new Error('the kubeconfig names no current cluster');
    const { options } = await current();
    const url = new URL(path, server);
    const transport = url.protocol === 'http:' ? http : https;
    return new Promise((resolve, reject) => {
      const request = transport.request(
        url,
        {
          ...options,
          method: 'GET',
          headers: { ...options.headers, Accept: accept },
          ...(signal ? { signal } : {}),
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
    });
  };
  const reader: ApiReader = {
    getJson: async <T>(path: string, signal?: AbortSignal) =>
      JSON.parse(await get(path, 'application/json', signal)) as T,
    getText: (path, signal) => get(path, 'text/plain', signal),
  };
  readers.set(kubeConfig, reader);
  return reader;
}
