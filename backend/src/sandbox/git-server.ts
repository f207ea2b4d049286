import { spawn } from 'node:child_process';
import { timingSafeEqual } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';

export interface GitUser {
  username: string;
  password: string;
}

export interface PushEvent {
  /** The repository's path under the root, e.g. `git.example.com/shop/deploy.git`. */
  repository: string;
  user: string;
}

/**
 * Where an interrupted push breaks off: `before` the repository takes it (nothing lands), or `after`
 * it has (the branch moved) but before the client hears so.
 */
export type PushInterruption = 'before' | 'after';

/** Smart and dumb HTTP requests end in one of these; what precedes is the repository. */
const repositoryPath =
  /^\/(?<repository>.+)\/(?:info\/refs|git-upload-pack|git-receive-pack|HEAD|objects\/.+)$/;

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Bare repositories under `root`, served over smart HTTP by git's own http-backend, behind basic
 * authentication, as a Git forge would serve them. Emits `push` after every receive-pack.
 */
export class GitHttpServer extends EventEmitter<{ push: [PushEvent] }> {
  private readonly server: Server;
  private address = '';
  private readonly interruptions: PushInterruption[] = [];

  constructor(
    readonly root: string,
    private readonly users: readonly GitUser[],
  ) {
    super();
    this.server = createServer((request, response) => this.handle(request, response));
  }

  get url(): string {
    return this.address;
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(port, host, resolve));
    const { port: bound } = this.server.address() as AddressInfo;
    this.address = `http://${host}:${bound}`;
    return this.address;
  }

  /** The next pushes break off with the connection dropped, one per entry, as a server going down would. */
  interruptPushes(...where: PushInterruption[]): void {
    this.interruptions.push(...where);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private authenticate(request: IncomingMessage): string | undefined {
    const header = request.headers.authorization ?? '';
    if (!header.startsWith('Basic ')) return undefined;
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const username = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    const user = this.users.find((candidate) => candidate.username === username);
    return user && sameSecret(password, user.password) ? username : undefined;
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://git');
    const match = repositoryPath.exec(url.pathname);
    const repository = match?.groups?.repository;
    if (!repository || normalize(repository).startsWith('..') || repository.includes('/../')) {
      response.writeHead(404).end('not found\n');
      return;
    }
    const user = this.authenticate(request);
    if (!user) {
      response
        .writeHead(401, { 'WWW-Authenticate': 'Basic realm="sandbox git"' })
        .end('authentication required\n');
      return;
    }
    const pushing = url.pathname.endsWith('/git-receive-pack');
    const interruption = pushing ? this.interruptions.shift() : undefined;
    if (interruption === 'before') {
      request.socket.destroy();
      return;
    }
    this.runBackend(request, response, url, user, interruption === 'after', () => {
      if (pushing) this.emit('push', { repository, user });
    });
  }

  private runBackend(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    user: string,
    dropAnswer: boolean,
    onSuccess: () => void,
  ): void {
    const backend = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: this.root,
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: url.pathname,
        QUERY_STRING: url.search.slice(1),
        REQUEST_METHOD: request.method ?? 'GET',
        CONTENT_TYPE: request.headers['content-type'] ?? '',
        REMOTE_USER: user,
        REMOTE_ADDR: request.socket.remoteAddress ?? '127.0.0.1',
        HTTP_CONTENT_ENCODING: request.headers['content-encoding'] ?? '',
        GIT_PROTOCOL: String(request.headers['git-protocol'] ?? ''),
        HOME: join(this.root, '.home'),
      },
    });
    request.pipe(backend.stdin);
    let head = Buffer.alloc(0);
    let headersSent = false;
    backend.stdout.on('data', (chunk: Buffer) => {
      if (dropAnswer) return;
      if (headersSent) {
        response.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
        else headers[name] = value;
      }
      response.writeHead(status, headers);
      headersSent = true;
      response.write(head.subarray(end + 4));
    });
    backend.on('close', (code) => {
      if (dropAnswer) request.socket.destroy();
      else if (!headersSent) response.writeHead(500).end('git http-backend failed\n');
      else response.end();
      if (code === 0) onSuccess();
    });
  }
}
