import type { Remediation } from './record.js';

/** An approved fix whose commit failed this often, each time for a reason that may pass, fails for good. */
export const MAX_COMMIT_ATTEMPTS = 6;

/** The record after one more commit attempt failed for a passing reason; it stays approved. */
export function withFailedAttempt(record: Remediation, reason: string, at: Date): Remediation {
  return {
    ...record,
    retry: { attempts: (record.retry?.attempts ?? 0) + 1, lastError: reason, lastAt: at.toISOString() },
  };
}

/** Whether an approved remediation may be tried again: at once the first time, then with a doubling wait. */
export function retryDue(record: Remediation, now: Date, baseDelayMs: number): boolean {
  if (!record.retry) return true;
  const wait = baseDelayMs * 2 ** (record.retry.attempts - 1);
  return now.getTime() >= new Date(record.retry.lastAt).getTime() + wait;
}
