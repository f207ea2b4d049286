import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One chat request as a fake model server received it. */
export interface FakeChat {
  body: Record<string, unknown>;
  system: string;
  user: string;
  /** The JSON schema the answer was asked to follow. */
  schema: Record<string, unknown>;
  stream: boolean;
  headers: IncomingMessage['headers'];
}

/** What the fake answers to one chat. */
export type FakeReply =
  | {
      /** The model's text: a JSON answer, or anything a weak model might write. */
      answer: string;
      /** Before the first byte: a slow model. */
      delayMs?: number;
      /** Streamed answers come in this many pieces (default: a piece per 8 characters). */
      pieces?: number;
      promptTokens?: number;
      evalTokens?: number;
      /** The answer ran into the token limit. */
      cut?: boolean;
    }
  /** An HTTP error, or a body that is not the API's at all. */
  | { status: number; body: string; contentType?: string }
  /** Never answers: only the client's timeout or abort ends the request. */
  | { hang: true };

export type Responder = (chat: FakeChat) => FakeReply;

export interface FakeLlmServer {
  /** Ollama: the host (http://127.0.0.1:port). OpenAI: the base URL ending in /v1. */
  url: string;
  /** Every chat received, prompts included, in order. */
  chats: FakeChat[];
  /** Requests whose client went away before the answer was complete. */
  readonly aborted: number;
  /** Resolves when the next request is abandoned by its client (or at once if one was). */
  whenAborted(): Promise<void>;
  /** Resolves once `count` chats in all have arrived. */
  whenChats(count: number): Promise<void>;
  respond(responder: Responder): void;
  close(): Promise<void>;
}

/** How each API writes an answer, whole or as a stream. */
export interface ApiDialect {
  chatPath: string;
  /** Other GET paths and their JSON bodies. */
  gets: Record<string, unknown>;
  chatOf(body: Record<string, unknown>, headers: IncomingMessage['headers']): FakeChat;
  /** The whole answer as a JSON body. */
  whole(reply: Extract<FakeReply, { answer: string }>, model: string): unknown;
  /** The streamed answer: content type and the text of each piece, then the end. */
  streamed(
    reply: Extract<FakeReply, { answer: string }>,
    model: string,
  ): { contentType: string; parts: string[] };
}

export function splitAnswer(answer: string, pieces: number | undefined): string[] {
  const count = Math.max(1, pieces ?? Math.ceil(answer.length / 8));
  const size = Math.ceil(answer.length / count);
  const parts: string[] = [];
  for (let start = 0; start < answer.length; start += size) parts.push(answer.slice(start, start + size));
  return parts.length > 0 ? parts : [''];
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A local HTTP server speaking a model API with scripted replies; the fakes of both APIs share it. */
export async function startFakeServer(
  dialect: ApiDialect,
  prefix: string,
  responder: Responder,
): Promise<FakeLlmServer> {
  let respond = responder;
  let aborted = 0;
  let abortWaiters: (() => void)[] = [];
  let chatWaiters: { count: number; resolve: () => void }[] = [];
  const chats: FakeChat[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, task: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      task();
    }, ms);
    timers.add(timer);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    response.on('close', () => {
      if (response.writableFinished) return;
      aborted++;
      for (const waiter of abortWaiters) waiter();
      abortWaiters = [];
    });
    const path = (request.url ?? '').replace(prefix, '');
    if (request.method === 'GET' && path in dialect.gets) {
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(dialect.gets[path]));
      return;
    }
    if (request.method !== 'POST' || path !== dialect.chatPath) {
      response.writeHead(404, { 'Content-Type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    const body = JSON.parse(await bodyOf(request)) as Record<string, unknown>;
    const chat = dialect.chatOf(body, request.headers);
    chats.push(chat);
    for (const waiter of chatWaiters.filter((candidate) => chats.length >= candidate.count)) waiter.resolve();
    chatWaiters = chatWaiters.filter((candidate) => chats.length < candidate.count);
    const reply = respond(chat);
    if ('hang' in reply) return;
    if ('status' in reply) {
      response
        .writeHead(reply.status, { 'Content-Type': reply.contentType ?? 'application/json' })
        .end(reply.body);
      return;
    }
    const model = String(body.model);
    const write = () => {
      if (response.destroyed) return;
      if (!chat.stream) {
        response
          .writeHead(200, { 'Content-Type': 'application/json' })
          .end(JSON.stringify(dialect.whole(reply, model)));
        return;
      }
      const { contentType, parts } = dialect.streamed(reply, model);
      response.writeHead(200, { 'Content-Type': contentType });
      // A piece per turn of the event loop, so the client sees them arrive one by one.
      const next = (index: number) => {
        if (response.destroyed) return;
        const part = parts[index];
        if (part === undefined) {
          response.end();
          return;
        }
        response.write(part);
        later(1, () => next(index + 1));
      };
      next(0);
    };
    if (reply.delayMs) later(reply.delayMs, write);
    else write();
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    chats,
    get aborted() {
      return aborted;
    },
    whenAborted() {
      if (aborted > 0) return Promise.resolve();
      return new Promise((resolve) => abortWaiters.push(resolve));
    },
    whenChats(count) {
      if (chats.length >= count) return Promise.resolve();
      return new Promise((resolve) => chatWaiters.push({ count, resolve }));
    },
    respond(next) {
      respond = next;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function messageText(body: Record<string, unknown>, role: string): string {
  const messages = (body.messages ?? []) as { role?: string; content?: string }[];
  return messages.find((message) => message.role === role)?.content ?? '';
}

const ollamaDialect: ApiDialect = {
  chatPath: '/api/chat',
  gets: {
    '/api/version': { version: '0.12.6' },
    '/api/tags': {
      models: [
        { name: 'llama3.1:8b', model: 'llama3.1:8b', size: 4920753328, digest: '46e0c10c039e' },
        { name: 'qwen2.5:7b', model: 'qwen2.5:7b', size: 4683087332, digest: '845dbda0ea48' },
      ],
    },
  },
  chatOf: (body, headers) => ({
    body,
    system: messageText(body, 'system'),
    user: messageText(body, 'user'),
    schema: (body.format ?? {}) as Record<string, unknown>,
    // Ollama streams unless told not to.
    stream: body.stream !== false,
    headers,
  }),
  whole: (reply, model) => ({
    model,
    created_at: '2026-11-24T14:40:00Z',
    message: { role: 'assistant', content: reply.answer },
    done: true,
    done_reason: reply.cut ? 'length' : 'stop',
    total_duration: 1,
    prompt_eval_count: reply.promptTokens ?? 100,
    eval_count: reply.evalTokens ?? 20,
  }),
  streamed: (reply, model) => ({
    contentType: 'application/x-ndjson',
    parts: [
      ...splitAnswer(reply.answer, reply.pieces).map(
        (piece) =>
          `${JSON.stringify({ model, created_at: '2026-11-24T14:40:00Z', message: { role: 'assistant', content: piece }, done: false })}\n`,
      ),
      `${JSON.stringify({
        model,
        created_at: '2026-11-24T14:40:01Z',
        message: { role: 'assistant', content: '' },
        done: true,
        done_reason: reply.cut ? 'length' : 'stop',
        prompt_eval_count: reply.promptTokens ?? 100,
        eval_count: reply.evalTokens ?? 20,
      })}\n`,
    ],
  }),
};

/** A local server speaking Ollama's API: /api/chat (streamed and not), /api/tags, /api/version. */
export function startFakeOllama(responder: Responder): Promise<FakeLlmServer> {
  return startFakeServer(ollamaDialect, '', responder);
}
