import type { Wire } from './objects.js';

/** The API server writes RFC 3339 without fractions when there are none; so do recorded fixtures. */
function timestamp(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}

/**
 * client-node turns timestamps into Dates; a snapshot keeps them as the strings the API server sent,
 * so that a gathered snapshot and a recorded one are the same thing.
 */
export function toWire<T>(value: T): Wire<T> {
  if (value instanceof Date) return timestamp(value) as Wire<T>;
  if (Array.isArray(value)) return value.map(toWire) as Wire<T>;
  if (value === null || typeof value !== 'object') return value as Wire<T>;
  const result: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) if (field !== undefined) result[key] = toWire(field);
  return result as Wire<T>;
}
