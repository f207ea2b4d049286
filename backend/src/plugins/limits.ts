import { getHeapStatistics } from 'node:v8';
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from '../http-error.js';
import type { LimitsConfig } from '../limits/config.js';
import type { ArgoCdRequest } from './argocd-request.js';

export interface LimitsPluginOptions {
  limits: LimitsConfig;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Posted because they carry a body, yet change nothing: a diagnosis is the tab opening, not a write. */
const READING_POSTS = new Set(['/api/v1/diagnoses']);
const MINUTE_MS = 60_000;

/** Whom a request's rate is counted against: the user Argo CD names, else the app (a user without a name). */
export function rateLimitKey(argocd: ArgoCdRequest): string {
  return argocd.username
    ? `user ${argocd.username}`
    : `app ${argocd.application.namespace}/${argocd.application.name}`;
}

function kibibytes(bytes: number): string {
  return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
}

/** Why the process refuses work, in words; `type` is one of under-pressure's TYPE_* values. */
function pressureReason(type: string): string {
  if (type === underPressure.TYPE_EVENT_LOOP_DELAY) return 'its event loop is falling behind';
  if (type === underPressure.TYPE_HEAP_USED_BYTES) return 'its memory is nearly full';
  return 'it is overloaded';
}

/**
 * The API's limits, before any handler runs: the declared body size (Fastify enforces the real one
 * while reading), requests and writes per user or app on the routes behind the trust layer, and a
 * 503 when the process is too busy to answer in time. Every refusal says which limit and when to
 * come back (Retry-After).
 */
async function limitsPlugin(fastify: FastifyInstance, options: LimitsPluginOptions): Promise<void> {
  const { limits } = options;
  const retryAfter = limits.pressureRetryAfterSeconds;
  await fastify.register(underPressure, {
    ...(limits.maxEventLoopDelayMs > 0 ? { maxEventLoopDelay: limits.maxEventLoopDelayMs } : {}),
    ...(limits.maxHeapUsedPercent > 0
      ? {
          maxHeapUsedBytes: Math.floor(
            (getHeapStatistics().heap_size_limit * limits.maxHeapUsedPercent) / 100,
          ),
        }
      : {}),
    retryAfter,
    pressureHandler: async (_request: FastifyRequest, reply: FastifyReply, type: string) => {
      reply.header('Retry-After', String(retryAfter));
      throw new HttpError(
        503,
        `the backend is too busy to answer now (${pressureReason(type)}); try again in ${retryAfter} s`,
      );
    },
  });
  // global: false, so the plugin adds no hook of its own; the limiters below are applied by hand.
  await fastify.register(rateLimit, { global: false });
  // Both limiters share the plugin's store (an LRU of counters), so their keys must differ.
  const limiter = (max: number, what: string) =>
    max > 0
      ? fastify.createRateLimit({
          max,
          timeWindow: MINUTE_MS,
          keyGenerator: (request) => `${what} of ${rateLimitKey(request.argocd)}`,
        })
      : undefined;
  const counted = [
    {
      limit: limiter(limits.requestsPerMinute, 'requests'),
      max: limits.requestsPerMinute,
      what: 'requests',
      writes: false,
    },
    {
      limit: limiter(limits.writesPerMinute, 'writes'),
      max: limits.writesPerMinute,
      what: 'writes',
      writes: true,
    },
  ];

  fastify.addHook('onRequest', async (request) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > limits.bodyLimitBytes) {
      throw new HttpError(
        413,
        `the request body is ${kibibytes(declared)}; this API accepts at most ${kibibytes(limits.bodyLimitBytes)}`,
      );
    }
  });
  // preParsing runs after every onRequest hook, the trust layer's included, so request.argocd is known.
  fastify.addHook('preParsing', async (request, reply) => {
    const argocd = request.argocd as ArgoCdRequest | null | undefined;
    if (!argocd) return;
    const write = WRITE_METHODS.has(request.method) && !READING_POSTS.has(request.routeOptions.url ?? '');
    for (const { limit, max, what, writes } of counted) {
      if (!limit || (writes && !write)) continue;
      const outcome = await limit(request);
      if (outcome.isAllowed || !outcome.isExceeded) continue;
      reply.header('Retry-After', String(outcome.ttlInSeconds));
      throw new HttpError(
        429,
        `too many ${what} from ${rateLimitKey(argocd)}: at most ${max} a minute; try again in ${outcome.ttlInSeconds} s`,
      );
    }
  });
}

export default fp(limitsPlugin, { name: 'limits' });
