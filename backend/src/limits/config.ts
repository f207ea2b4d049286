import { type Environment, envInteger } from '../support/env.js';

/** What the API accepts before it refuses: body size, request rates, process pressure, diagnosis reuse. */
export interface LimitsConfig {
  /** Largest request body, in bytes; a larger one gets a 413. */
  bodyLimitBytes: number;
  /** Requests to /api/v1 per user (or per app, when Argo CD names no user) per minute; 0 turns the limit off. */
  requestsPerMinute: number;
  /** Writes (POST, PUT, PATCH, DELETE) per user or app per minute, counted apart from the above; 0 turns it off. */
  writesPerMinute: number;
  /** Mean event-loop delay above which requests get a 503; 0 turns the check off. */
  maxEventLoopDelayMs: number;
  /** Share of V8's heap limit in use above which requests get a 503; 0 turns the check off. */
  maxHeapUsedPercent: number;
  /** Seconds a client is told to wait (Retry-After) when the process is under pressure. */
  pressureRetryAfterSeconds: number;
  /** How long a diagnosis of the same app and target is reused; 0 turns the cache off. */
  diagnosisCacheMs: number;
  /** Diagnoses kept at most. */
  diagnosisCacheEntries: number;
}

export const DEFAULT_LIMITS: LimitsConfig = {
  bodyLimitBytes: 64 * 1024,
  // The UI polls a few times a second per user at most; ten a second on average leaves room for bursts.
  requestsPerMinute: 600,
  writesPerMinute: 30,
  maxEventLoopDelayMs: 1000,
  maxHeapUsedPercent: 90,
  pressureRetryAfterSeconds: 10,
  diagnosisCacheMs: 5000,
  diagnosisCacheEntries: 100,
};

/** Reads AI_SRE_BODY_LIMIT_BYTES, AI_SRE_RATE_LIMIT_*, AI_SRE_MAX_*, AI_SRE_DIAGNOSIS_CACHE_*. */
export function loadLimitsConfig(env: Environment): LimitsConfig {
  const d = DEFAULT_LIMITS;
  return {
    bodyLimitBytes: envInteger(env, 'AI_SRE_BODY_LIMIT_BYTES', d.bodyLimitBytes, 1024),
    requestsPerMinute: envInteger(env, 'AI_SRE_RATE_LIMIT_PER_MINUTE', d.requestsPerMinute, 0),
    writesPerMinute: envInteger(env, 'AI_SRE_WRITE_RATE_LIMIT_PER_MINUTE', d.writesPerMinute, 0),
    maxEventLoopDelayMs: envInteger(env, 'AI_SRE_MAX_EVENT_LOOP_DELAY_MS', d.maxEventLoopDelayMs, 0),
    maxHeapUsedPercent: envInteger(env, 'AI_SRE_MAX_HEAP_USED_PERCENT', d.maxHeapUsedPercent, 0, 100),
    pressureRetryAfterSeconds: envInteger(env, 'AI_SRE_PRESSURE_RETRY_AFTER', d.pressureRetryAfterSeconds, 1),
    diagnosisCacheMs: envInteger(env, 'AI_SRE_DIAGNOSIS_CACHE_MS', d.diagnosisCacheMs, 0),
    diagnosisCacheEntries: envInteger(env, 'AI_SRE_DIAGNOSIS_CACHE_SIZE', d.diagnosisCacheEntries, 1),
  };
}
