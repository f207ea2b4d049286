import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../backend/src/config.js';
import { DEFAULT_LIMITS, loadLimitsConfig } from '../../backend/src/limits/config.js';

describe('limits configuration', () => {
  it('has defaults that leave the UI room and writes tighter', () => {
    expect(loadLimitsConfig({})).toEqual(DEFAULT_LIMITS);
    expect(DEFAULT_LIMITS.writesPerMinute).toBeLessThan(DEFAULT_LIMITS.requestsPerMinute);
    expect(loadConfig({ AI_SRE_SHARED_SECRET: 'a-shared-secret-of-16+' }).limits).toEqual(DEFAULT_LIMITS);
  });

  it('reads every variable', () => {
    expect(
      loadLimitsConfig({
        AI_SRE_BODY_LIMIT_BYTES: '2048',
        AI_SRE_RATE_LIMIT_PER_MINUTE: '0',
        AI_SRE_WRITE_RATE_LIMIT_PER_MINUTE: '5',
        AI_SRE_MAX_EVENT_LOOP_DELAY_MS: '250',
        AI_SRE_MAX_HEAP_USED_PERCENT: '100',
        AI_SRE_PRESSURE_RETRY_AFTER: '3',
        AI_SRE_DIAGNOSIS_CACHE_MS: '0',
        AI_SRE_DIAGNOSIS_CACHE_SIZE: '7',
      }),
    ).toEqual({
      bodyLimitBytes: 2048,
      requestsPerMinute: 0,
      writesPerMinute: 5,
      maxEventLoopDelayMs: 250,
      maxHeapUsedPercent: 100,
      pressureRetryAfterSeconds: 3,
      diagnosisCacheMs: 0,
      diagnosisCacheEntries: 7,
    });
  });

  it.each([
    ['AI_SRE_BODY_LIMIT_BYTES', '64k', 'AI_SRE_BODY_LIMIT_BYTES must be an integer ≥ 1024, got "64k"'],
    ['AI_SRE_BODY_LIMIT_BYTES', '100', 'AI_SRE_BODY_LIMIT_BYTES must be an integer ≥ 1024, got "100"'],
    ['AI_SRE_RATE_LIMIT_PER_MINUTE', '-1', 'AI_SRE_RATE_LIMIT_PER_MINUTE must be an integer ≥ 0, got "-1"'],
    [
      'AI_SRE_WRITE_RATE_LIMIT_PER_MINUTE',
      '1.5',
      'AI_SRE_WRITE_RATE_LIMIT_PER_MINUTE must be an integer ≥ 0, got "1.5"',
    ],
    [
      'AI_SRE_MAX_HEAP_USED_PERCENT',
      '150',
      'AI_SRE_MAX_HEAP_USED_PERCENT must be an integer from 0 to 100, got "150"',
    ],
    ['AI_SRE_PRESSURE_RETRY_AFTER', '0', 'AI_SRE_PRESSURE_RETRY_AFTER must be an integer ≥ 1, got "0"'],
    ['AI_SRE_DIAGNOSIS_CACHE_MS', '5s', 'AI_SRE_DIAGNOSIS_CACHE_MS must be an integer ≥ 0, got "5s"'],
    ['AI_SRE_DIAGNOSIS_CACHE_SIZE', '0', 'AI_SRE_DIAGNOSIS_CACHE_SIZE must be an integer ≥ 1, got "0"'],
  ])('refuses %s=%s by name', (name, value, message) => {
    expect(() => loadLimitsConfig({ [name]: value })).toThrow(new ConfigError(message));
  });
});
