import { createdAt, enteredAt, IN_FLIGHT, type Remediation } from './record.js';

export interface GuardrailLimits {
  /** Fixes the controller may commit per app in 24 hours. */
  maxPerDay: number;
  /** Quiet time after each of the controller's attempts ends. */
  cooldownMs: number;
}

const DAY_MS = 86_400_000;

function approvedByController(record: Remediation): boolean {
  return record.history.some((step) => step.state === 'approved' && step.by === 'controller');
}

/** Why the controller must leave the app alone now, or undefined when it may act. Pure. */
export function blockedBy(
  records: readonly Remediation[],
  limits: GuardrailLimits,
  now: Date,
): string | undefined {
  const inFlight = records.find((record) => IN_FLIGHT.includes(record.state));
  if (inFlight) return `remediation ${inFlight.id} is ${inFlight.state}`;
  const attempts = records.filter(approvedByController);
  const today = attempts.filter((record) => now.getTime() - new Date(createdAt(record)).getTime() < DAY_MS);
  if (today.length >= limits.maxPerDay)
    return `${today.length} automatic fixes in the last 24 hours (limit ${limits.maxPerDay})`;
  const last = attempts[0];
  if (last && now.getTime() - new Date(enteredAt(last)).getTime() < limits.cooldownMs) {
    return `cooling down after remediation ${last.id}`;
  }
  return undefined;
}

/** A fingerprint whose fix failed verification is never committed automatically again. */
export function failedBefore(records: readonly Remediation[], fingerprint: string): boolean {
  return records.some(
    (record) =>
      record.fingerprint === fingerprint && (record.state === 'failed' || record.state === 'reverted'),
  );
}
