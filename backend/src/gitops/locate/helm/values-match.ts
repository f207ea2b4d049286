import { isDeepStrictEqual } from 'node:util';
import { compareQuantities, parseQuantity } from '../../../kube/quantity.js';
import type { PathSegment } from '../../../runbooks/plan/index.js';
import type { ValueFile } from './value-files.js';

/**
 * Whether a value in a values file renders as the live value: the same text (`5` and 5), or the
 * same quantity as the API server normalises it (`0.5` and `500m`, `1024Mi` and `1Gi`).
 */
export function rendersAs(valuesValue: unknown, live: unknown): boolean {
  if (valuesValue === undefined || live === undefined) return false;
  if (isDeepStrictEqual(valuesValue, live)) return true;
  const scalar = (value: unknown) => ['string', 'number', 'boolean'].includes(typeof value);
  if (!scalar(valuesValue) || !scalar(live)) return false;
  if (String(valuesValue) === String(live)) return true;
  const a = parseQuantity(String(valuesValue));
  const b = parseQuantity(String(live));
  return a !== undefined && b !== undefined && compareQuantities(a, b) === 0;
}

/** Every scalar of a values tree with its path. */
function leaves(value: unknown, path: PathSegment[] = []): { path: PathSegment[]; value: unknown }[] {
  if (Array.isArray(value))
    return value.flatMap((item, index) => leaves(item, [...path, { kind: 'index', index }]));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => leaves(item, [...path, { kind: 'key', key }]));
  }
  return [{ path, value }];
}

function keysOf(path: readonly PathSegment[]): string[] {
  return path.flatMap((segment) => (segment.kind === 'key' ? [segment.key.toLowerCase()] : []));
}

/**
 * How plausibly a values key produces a field: the number of trailing keys they share
 * (`resources.limits.memory` for `...resources.limits.memory` scores 3), or a half point when the
 * key's name contains the field's (`replicaCount` for `spec.replicas`).
 */
function plausibility(candidate: readonly PathSegment[], field: readonly PathSegment[]): number {
  const a = keysOf(candidate).reverse();
  const b = keysOf(field).reverse();
  let shared = 0;
  while (shared < a.length && shared < b.length && a[shared] === b[shared]) shared++;
  if (shared > 0) return shared;
  const leaf = b[0]?.replace(/s$/, '') ?? '';
  return leaf !== '' && (a[0] ?? '').includes(leaf) ? 0.5 : 0;
}

/**
 * The values keys that could produce a field when the chart's templates cannot say: keys holding
 * the live value whose names fit the field best. The caller decides what one, several or none mean.
 */
export function candidateKeys(
  files: readonly ValueFile[],
  field: readonly PathSegment[],
  live: unknown,
): PathSegment[][] {
  const scored = new Map<string, { path: PathSegment[]; score: number }>();
  for (const file of files) {
    for (const leaf of leaves(file.values)) {
      if (!rendersAs(leaf.value, live)) continue;
      const score = plausibility(leaf.path, field);
      if (score > 0) scored.set(JSON.stringify(leaf.path), { path: leaf.path, score });
    }
  }
  const best = Math.max(0, ...[...scored.values()].map((candidate) => candidate.score));
  return [...scored.values()]
    .filter((candidate) => candidate.score === best)
    .map((candidate) => candidate.path);
}
