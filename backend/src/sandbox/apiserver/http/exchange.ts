import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiError } from '../api-error.js';
import type { ApiRequestRecord } from '../types.js';

/** One request and its response; every answer goes through here so that the request log sees each one. */
export class Exchange {
  readonly url: URL;
  /** Filled in as the request is understood; the request log records what is known when the answer starts. */
  verb = 'get';
  resource = '';
  namespace: string | undefined;
  private answered = false;

  constructor(
    readonly request: IncomingMessage,
    readonly response: ServerResponse,
    private readonly log: (record: ApiRequestRecord) => void,
  ) {
    this.url = new URL(request.url ?? '/', 'http://sandbox');
  }

  get query(): URLSearchParams {
    return this.url.searchParams;
  }

  get isAnswered(): boolean {
    return this.answered;
  }

  private start(code: number, headers: Record<string, string>): void {
    this.answered = true;
    const record: ApiRequestRecord = {
      method: this.request.method ?? 'GET',
      path: `${this.url.pathname}${this.url.search}`,
      verb: this.verb,
      resource: this.resource,
      code,
    };
    if (this.namespace !== undefined) record.namespace = this.namespace;
    this.log(record);
    this.response.writeHead(code, headers);
  }

  json(code: number, body: unknown, contentType = 'application/json'): void {
    this.jsonText(code, JSON.stringify(body), contentType);
  }

  /** A body already serialised, such as a list assembled from cached items. */
  jsonText(code: number, text: string, contentType = 'application/json'): void {
    this.start(code, { 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(text)) });
    this.response.end(text);
  }

  text(code: number, text: string): void {
    this.start(code, { 'Content-Type': 'text/plain', 'Content-Length': String(Buffer.byteLength(text)) });
    this.response.end(text);
  }

  fail(error: ApiError): void {
    const headers: Record<string, string> = {};
    const retryAfter = error.details?.retryAfterSeconds;
    if (retryAfter !== undefined) headers['Retry-After'] = String(retryAfter);
    const text = JSON.stringify(error.toStatus());
    this.start(error.code, {
      ...headers,
      'Content-Type': 'application/json',
      'Content-Length': String(Buffer.byteLength(text)),
    });
    this.response.end(text);
  }

  /** Starts a chunked 200 response (a watch) and sends its headers at once, so the client sees it open. */
  openStream(contentType: string): void {
    this.start(200, { 'Content-Type': contentType, 'Cache-Control': 'no-cache, private' });
    this.response.flushHeaders();
  }
}
