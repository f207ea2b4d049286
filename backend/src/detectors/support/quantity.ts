/** Kubernetes resource quantities (`128Mi`, `500m`, `4`, `1e3`) as numbers, and back to text. */

const BINARY_UNITS: readonly (readonly [string, number])[] = [
  ['Ei', 2 ** 60],
  ['Pi', 2 ** 50],
  ['Ti', 2 ** 40],
  ['Gi', 2 ** 30],
  ['Mi', 2 ** 20],
  ['Ki', 2 ** 10],
];

const DECIMAL_UNITS: readonly (readonly [string, number])[] = [
  ['E', 1e18],
  ['P', 1e15],
  ['T', 1e12],
  ['G', 1e9],
  ['M', 1e6],
  ['k', 1e3],
];

const MULTIPLIERS: Readonly<Record<string, number>> = {
  ...Object.fromEntries(BINARY_UNITS),
  ...Object.fromEntries(DECIMAL_UNITS),
  m: 1e-3,
  u: 1e-6,
  n: 1e-9,
};

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

/** The quantity's value in base units (bytes, cores, devices), or undefined when it is not one. */
export function parseQuantity(text: string): number | undefined {
  const match = QUANTITY.exec(text.trim());
  if (!match) return undefined;
  const number = Number(match[1]);
  const suffix = match[2] ?? '';
  if (suffix === '') return number;
  if (/^[eE]/.test(suffix)) return number * 10 ** Number(suffix.slice(1));
  const multiplier = MULTIPLIERS[suffix];
  return multiplier === undefined ? undefined : number * multiplier;
}

function isBinary(text: string): boolean {
  return /(?:Ki|Mi|Gi|Ti|Pi|Ei)$/.test(text.trim());
}

function isDecimalScaled(text: string): boolean {
  return /[kMGTPE]$/.test(text.trim());
}

/** The exact text of a value in the largest unit of the family that divides it. */
function exactIn(value: number, units: readonly (readonly [string, number])[]): string | undefined {
  for (const [suffix, size] of units) {
    if (value >= size && Number.isInteger(value / size)) return `${value / size}${suffix}`;
  }
  return undefined;
}

/**
 * The sum of quantities, written in the unit family the largest of them uses: 3Gi + 512Mi is
 * 3584Mi, 250m + 1 is 1250m. One quantity comes back exactly as it was written.
 */
export function sumQuantities(quantities: readonly string[]): string | undefined {
  const values = quantities.map(parseQuantity);
  if (values.length === 0 || values.some((value) => value === undefined)) return undefined;
  if (quantities.length === 1) return quantities[0];
  const total = (values as number[]).reduce((sum, value) => sum + value, 0);
  const largest = quantities[(values as number[]).indexOf(Math.max(...(values as number[])))] ?? '';
  if (Number.isInteger(total)) {
    const exact = isBinary(largest)
      ? exactIn(total, BINARY_UNITS)
      : isDecimalScaled(largest)
        ? exactIn(total, DECIMAL_UNITS)
        : undefined;
    return exact ?? String(total);
  }
  return `${Math.round(total * 1000)}m`;
}

/** Resources counted in bytes, which people read in Ki/Mi/Gi. */
function isByteResource(resource: string): boolean {
  return (
    resource === 'memory' ||
    resource === 'storage' ||
    resource === 'ephemeral-storage' ||
    resource.startsWith('hugepages-')
  );
}

/**
 * A value as a person reads it in a sentence, not as a manifest would write it: `7.3Gi` for
 * 7621360Ki of memory, `3.5` cores, `1500m`, `2` GPUs.
 */
export function describeQuantity(value: number, resource: string): string {
  if (resource === 'cpu') return Number.isInteger(value) ? String(value) : `${Math.round(value * 1000)}m`;
  if (!isByteResource(resource)) return String(value);
  for (const [suffix, size] of BINARY_UNITS) {
    if (value >= size) return `${Number((value / size).toFixed(1))}${suffix}`;
  }
  return String(value);
}
