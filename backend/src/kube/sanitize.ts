import type { KubeObject } from './objects.js';
import { MASK, redactText, secretEnvName } from './redact.js';

/** Fields whose free text comes from programs (kubelet, controllers, Argo CD) and may quote credentials. */
const freeTextFields = new Set(['message', 'note']);
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function maskSecretEnv(entry: unknown): unknown {
  if (entry === null || typeof entry !== 'object') return entry;
  const variable = entry as { name?: unknown; value?: unknown };
  if (
    typeof variable.value === 'string' &&
    typeof variable.name === 'string' &&
    secretEnvName.test(variable.name)
  ) {
    return { ...variable, value: MASK };
  }
  return entry;
}

/**
 * Copy-on-write: returns `value` itself when nothing in it needs masking or dropping, so that
 * sanitizing thousands of healthy objects allocates almost nothing.
 */
function sanitizeValue(value: unknown, key: string): unknown {
  if (typeof value === 'string') return freeTextFields.has(key) ? redactText(value) : value;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let index = 0; index < value.length; index++) {
      const item = value[index];
      const sanitized = sanitizeValue(key === 'env' ? maskSecretEnv(item) : item, key === 'env' ? '' : key);
      if (sanitized !== item) {
        copy ??= value.slice();
        copy[index] = sanitized;
      }
    }
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  const record = value as Record<string, unknown>;
  for (const field in record) {
    const nested = record[field];
    if (field === 'managedFields' || (field === LAST_APPLIED && key === 'annotations')) {
      copy ??= { ...record };
      delete copy[field];
      continue;
    }
    const sanitized = sanitizeValue(nested, field);
    if (sanitized !== nested) {
      copy ??= { ...record };
      copy[field] = sanitized;
    }
  }
  return copy ?? value;
}

/**
 * The object as a snapshot may keep it: no managedFields or last-applied annotation (large, and the
 * latter may quote a whole manifest, Secrets included), credentials masked in messages, and literal
 * env values of secret-looking variables masked. The input is never modified.
 */
export function sanitizeObject<T extends object>(object: T): T {
  return sanitizeValue(object, '') as T & KubeObject;
}
