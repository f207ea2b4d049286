/** One request the UI made, as the backend would see it. */
export interface RecordedRequest {
  method: string;
  /** The path under /extensions/ai-sre/api/v1, e.g. `/remediations/r7k2m9qx/approve`. */
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

export type Answer =
  | Response
  | Promise<Response>
  | ((request: RecordedRequest, signal: AbortSignal) => Response | Promise<Response>);

const PREFIX = '/extensions/ai-sre/api/v1';

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/** An error as the backend's error handler writes it. */
export function failure(
  status: number,
  error: string,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return json({ statusCode: status, error, message }, status, headers);
}

/** A fetch that never answers until the request is aborted, as a hung backend behaves. */
export function hang(_request: RecordedRequest, signal: AbortSignal): Promise<Response> {
  return new Promise((_resolve, reject) => {
    signal.addEventListener('abort', () =>
      reject(new DOMException('The operation was aborted.', 'AbortError')),
    );
  });
}

/** A Server-Sent Events response whose events the test writes one by one. */
export class EventStream {
  private controller!: ReadableStreamDefaultController<Uint8Array>;
  readonly response: Response;

  constructor() {
    const stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.controller = controller;
      },
    });
    this.response = new Response(stream, {
      status: 200,
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
      },
    });
  }

  send(event: string, data: unknown): void {
    this.controller.enqueue(new TextEncoder().encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
  }

  heartbeat(): void {
    this.controller.enqueue(new TextEncoder().encode(': keep-alive\n\n'));
  }

  end(): void {
    this.controller.close();
  }
}

/**
 * A stand-in for Argo CD's proxy and the backend: answers by `METHOD /path`, each answer used once
 * in order (the last one repeats), and records every request with its headers and body.
 */
export class FakeBackend {
  readonly requests: RecordedRequest[] = [];
  private readonly answers = new Map<string, Answer[]>();

  on(route: string, ...answers: Answer[]): this {
    this.answers.set(route, answers);
    return this;
  }

  requestsTo(route: string): RecordedRequest[] {
    return this.requests.filter((request) => `${request.method} ${request.path}` === route);
  }

  readonly fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = String(input);
    if (!url.startsWith(PREFIX)) throw new Error(`the extension called ${url}, outside its proxy path`);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries((init.headers ?? {}) as Record<string, string>))
      headers[name.toLowerCase()] = value;
    const request: RecordedRequest = {
      method: init.method ?? 'GET',
      path: url.slice(PREFIX.length),
      headers,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    this.requests.push(request);
    const route = `${request.method} ${request.path}`;
    const queue = this.answers.get(route);
    if (!queue || queue.length === 0) throw new Error(`no answer for ${route}`);
    const answer = queue.length > 1 ? queue.shift() : queue[0];
    const signal = init.signal ?? new AbortController().signal;
    if (signal.aborted) throw new DOMException('The operation was aborted.', 'AbortError');
    if (typeof answer === 'function') return answer(request, signal);
    // A body reads once; the stored answer stays unread so it can be given again.
    const response = await (answer as Response | Promise<Response>);
    return response.clone();
  };
}

/** The network is down: fetch itself rejects, as browsers do. */
export function networkDown(): Promise<Response> {
  return Promise.reject(new TypeError('Failed to fetch'));
}
