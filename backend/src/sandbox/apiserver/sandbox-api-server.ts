import { randomBytes } from 'node:crypto';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { isIP, type Socket } from 'node:net';
import type { KubeObject } from '../../kube/objects.js';
import { AccessControl } from './access-control.js';
import { ClusterState } from './cluster-state.js';
import { FaultInjector } from './fault-injector.js';
import { Exchange } from './http/exchange.js';
import { kubeconfigYaml } from './kubeconfig.js';
import { handleRequest, type RouterParts } from './request-router.js';
import type { ResourceType } from './resource-type.js';
import { type ServingCertificate, selfSignedCertificate } from './tls/self-signed-certificate.js';
import type { ApiRequestRecord, Fault, SandboxUser } from './types.js';
import type { WatchStream } from './watch/watch-stream.js';

export interface SandboxApiServerOptions {
  /** Default: one user `admin` with a random token and no rules. */
  users?: SandboxUser[];
  /** Changes retained per resource type for watches to resume from (default 1000); older ones get 410 Gone. */
  watchHistoryLimit?: number;
  /** The server's clock: creationTimestamp of created objects, AGE columns, log sinceSeconds. */
  now?: () => Date;
  /**
   * Serve HTTPS with a fresh self-signed certificate (default true). kubectl, like every client-go program,
   * sends a kubeconfig's bearer token only over TLS. With plain http the kubeconfig marks the cluster
   * insecure-skip-tls-verify, without which client-node refuses an http:// server.
   */
  tls?: boolean;
  /**
   * How long a watch without timeoutSeconds stays open (default 1800 s, kube-apiserver's
   * --min-request-timeout; the real server randomizes up to twice that).
   */
  watchTimeoutSeconds?: number;
}

function urlHost(host: string): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return isIP(reachable) === 6 ? `[${reachable}]` : reachable;
}

/**
 * An in-memory Kubernetes API server over real HTTP(S), for tests, the demo, the scenario runner and the
 * benchmark: client-node and kubectl talk to it through an ordinary kubeconfig.
 */
export class SandboxApiServer {
  private readonly cluster: ClusterState;
  private readonly access = new AccessControl();
  private readonly faults = new FaultInjector();
  private readonly watches = new Set<WatchStream>();
  private readonly sockets = new Set<Socket>();
  private readonly requests: ApiRequestRecord[] = [];
  private readonly useTls: boolean;
  private readonly parts: RouterParts;
  private server: Server | undefined;
  private baseUrl: string | undefined;
  private address = '';
  private certificate: ServingCertificate | undefined;

  constructor(options: SandboxApiServerOptions = {}) {
    this.cluster = new ClusterState(options.watchHistoryLimit ?? 1000, options.now ?? (() => new Date()));
    this.useTls = options.tls ?? true;
    const users = options.users ?? [{ name: 'admin', token: randomBytes(24).toString('hex') }];
    for (const user of users) this.access.addUser(user);
    this.parts = {
      cluster: this.cluster,
      access: this.access,
      faults: this.faults,
      services: { watches: this.watches, watchTimeoutMs: (options.watchTimeoutSeconds ?? 1800) * 1000 },
      serverAddress: () => this.address,
    };
  }

  /** Starts serving; resolves to the base URL, e.g. https://127.0.0.1:41234. */
  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    if (this.server) throw new Error('the sandbox API server is already listening');
    const handler = (request: IncomingMessage, response: ServerResponse) => {
      const exchange = new Exchange(request, response, (record) => this.requests.push(record));
      void handleRequest(exchange, this.parts);
    };
    if (this.useTls) {
      const hosts = [...new Set([host, '127.0.0.1', '::1', 'localhost'])].filter(
        (name) => name !== '0.0.0.0' && name !== '::',
      );
      this.certificate = selfSignedCertificate(hosts);
    }
    const server = this.certificate
      ? createHttpsServer({ cert: this.certificate.certificate, key: this.certificate.privateKey }, handler)
      : createHttpServer(handler);
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const bound = server.address();
    if (bound === null || typeof bound === 'string')
      throw new Error('the sandbox API server has no TCP address');
    this.server = server;
    this.address = `${urlHost(host)}:${bound.port}`;
    this.baseUrl = `${this.useTls ? 'https' : 'http'}://${this.address}`;
    return this.baseUrl;
  }

  /** Stops serving and ends open watches. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    for (const watch of [...this.watches]) watch.close();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Every socket, not only the HTTP connections closeAllConnections knows: one still in its TLS
    // handshake would otherwise become a watch that holds the server open.
    for (const socket of this.sockets) socket.destroy();
    await closed;
    this.server = undefined;
    this.baseUrl = undefined;
  }

  get url(): string {
    if (!this.baseUrl) throw new Error('the sandbox API server is not listening');
    return this.baseUrl;
  }

  addUser(user: SandboxUser): void {
    this.access.addUser(user);
  }

  /**
   * Create or replace without a concurrency check, as a fixture loader needs; assigns a fresh resourceVersion
   * (fixture RVs are ignored), keeps a given uid/creationTimestamp, auto-creates the namespace object,
   * registers unknown kinds, notifies watches. Returns the stored object.
   */
  apply(object: KubeObject): KubeObject {
    return structuredClone(this.cluster.load(object));
  }

  private typeOf(apiVersion: string, kind: string): ResourceType | undefined {
    return this.cluster.registry.forKind(apiVersion, kind);
  }

  remove(apiVersion: string, kind: string, namespace: string | undefined, name: string): boolean {
    const type = this.typeOf(apiVersion, kind);
    return type !== undefined && this.cluster.remove(type, namespace, name) !== undefined;
  }

  read(
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    const type = this.typeOf(apiVersion, kind);
    const object = type && this.cluster.store.get(type, namespace, name);
    return object && structuredClone(object);
  }

  list(apiVersion: string, kind: string, namespace?: string): KubeObject[] {
    const type = this.typeOf(apiVersion, kind);
    if (!type) return [];
    return [...this.cluster.store.scan(type, namespace)].map(({ object }) => structuredClone(object));
  }

  setLog(
    namespace: string,
    pod: string,
    container: string,
    text: string,
    options: { previous?: boolean } = {},
  ): void {
    this.cluster.logs.set(namespace, pod, container, text, options.previous ?? false);
  }

  /** Makes matching requests fail with the fault's code as a proper Status; returns a function that removes it. */
  injectFault(fault: Fault): () => void {
    return this.faults.add(fault);
  }

  /**
   * Ends every open watch: `end` closes each response as kube-apiserver does at a watch's timeout,
   * `reset` destroys the connections, as a network failure or a restarting server would.
   */
  dropWatches(how: 'end' | 'reset' = 'end'): number {
    const open = [...this.watches];
    for (const watch of open) {
      if (how === 'reset') watch.reset();
      else watch.close();
    }
    return open.length;
  }

  /** Every request served, for counting API calls in benchmarks; clearRequestLog() empties it. */
  get requestLog(): readonly ApiRequestRecord[] {
    return this.requests;
  }

  clearRequestLog(): void {
    this.requests.length = 0;
  }

  /** A kubeconfig YAML (cluster `sandbox`, user = the named user, default the first user) for this server. */
  kubeconfig(userName?: string): string {
    const users = this.access.users();
    const user = userName === undefined ? users[0] : users.find((candidate) => candidate.name === userName);
    if (!user) throw new Error(`the sandbox API server has no user ${userName ?? ''}`.trim());
    const options = { server: this.url, userName: user.name, token: user.token };
    return kubeconfigYaml(
      this.certificate ? { ...options, certificateAuthority: this.certificate.certificate } : options,
    );
  }
}
