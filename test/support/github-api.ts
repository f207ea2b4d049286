import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A pull request as the server received it. */
export interface ReceivedPullRequest {
  owner: string;
  repo: string;
  authorization: string | undefined;
  apiVersion: string | undefined;
  body: { title?: unknown; head?: unknown; base?: unknown; body?: unknown };
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

/**
 * A loopback server shaped like GitHub's REST API for what the Git writer calls:
 * POST /repos/{owner}/{repo}/pulls answers 201 with `number` and `html_url` for the expected token,
 * 401 for any other, and 422 for a head or base that is missing, as GitHub does.
 */
export class GitHubApiServer {
  readonly pulls: ReceivedPullRequest[] = [];
  private readonly server: Server;
  private address = '';

  constructor(private readonly token: string) {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        response.writeHead(500).end(String(error));
      });
    });
  }

  get url(): string {
    return this.address;
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.address = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.address;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const match = /^\/repos\/([^/]+)\/([^/]+)\/pulls$/.exec(request.url ?? '');
    const json = (status: number, body: unknown): void => {
      response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    };
    if (request.method !== 'POST' || !match) return json(404, { message: 'Not Found' });
    if (request.headers.authorization !== `Bearer ${this.token}`)
      return json(401, { message: 'Bad credentials' });
    const body = (await readJson(request)) as ReceivedPullRequest['body'];
    if (typeof body.head !== 'string' || typeof body.base !== 'string' || typeof body.title !== 'string') {
      return json(422, {
        message: 'Validation Failed',
        errors: [{ resource: 'PullRequest', code: 'missing_field' }],
      });
    }
    const [, owner = '', repo = ''] = match;
    this.pulls.push({
      owner,
      repo,
      authorization: request.headers.authorization,
      apiVersion: request.headers['x-github-api-version'] as string | undefined,
      body,
    });
    const number = this.pulls.length;
    return json(201, { number, html_url: `https://github.example/${owner}/${repo}/pull/${number}` });
  }
}
