import { createHash } from 'node:crypto';
import type { Symptom } from '../detectors/symptom.js';

/**
 * Params that change from one occurrence of the same incident to the next (counts, the pod a group
 * happened to pick, free text): they stay out of the fingerprint.
 */
const volatileParams = new Set([
  'restartCount',
  'logExcerpt',
  'detail',
  'message',
  'healthMessage',
  'matchingPods',
  'readyPods',
  'failed',
  'unavailableReplicas',
  'nodes',
  'usage',
  'revision',
]);

/**
 * What makes two incidents the same: the app, the object in Git the fix targets, the symptom type and
 * its key params. A fix that failed verification is never retried automatically for the same fingerprint.
 */
export function fingerprintOf(
  application: { namespace: string; name: string },
  target: string,
  symptom: Symptom,
): string {
  const params = Object.entries(symptom.params)
    .filter(([key]) => !volatileParams.has(key))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}=${String(value)}`);
  const text = [`${application.namespace}/${application.name}`, target, symptom.type, ...params].join('\n');
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}
