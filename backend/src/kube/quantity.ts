/**
 * Kubernetes resource quantities (`128Mi`, `500m`, `1.5Gi`, `2`, `1e3`) held exactly, never as
 * floating-point numbers: a fix that doubles `1536Mi` must write `3072Mi`, and comparing a request
 * with a node's allocatable must not round.
 */

/** A decimal number held exactly: `scaled × 10^-scale`, with `scale ≥ 0`. */
export interface Multiplier {
  readonly scaled: bigint;
  readonly scale: number;
}

/** A quantity's value in base units (bytes, cores, devices), and the suffix it was written with. */
export interface Quantity extends Multiplier {
  /** `Mi`, `m`, `k`, `e3`, or '' for none: arithmetic results are written in this unit. */
  readonly suffix: string;
}

/** A unit is `radix^power` base units: Mi is 2^20, m is 10^-3, e3 is 10^3. */
interface Unit {
  suffix: string;
  radix: 2n | 10n;
  power: number;
}

const BINARY_UNITS: readonly Unit[] = [
  { suffix: 'Ei', radix: 2n, power: 60 },
  { suffix: 'Pi', radix: 2n, power: 50 },
  { suffix: 'Ti', radix: 2n, power: 40 },
  { suffix: 'Gi', radix: 2n, power: 30 },
  { suffix: 'Mi', radix: 2n, power: 20 },
  { suffix: 'Ki', radix: 2n, power: 10 },
];

const DECIMAL_UNITS: readonly Unit[] = [
  { suffix: 'E', radix: 10n, power: 18 },
  { suffix: 'P', radix: 10n, power: 15 },
  { suffix: 'T', radix: 10n, power: 12 },
  { suffix: 'G', radix: 10n, power: 9 },
  { suffix: 'M', radix: 10n, power: 6 },
  { suffix: 'k', radix: 10n, power: 3 },
];

/** Base units and below: every family ends here, down to the nano-units Kubernetes stops at. */
const SMALL_UNITS: readonly Unit[] = [
  { suffix: '', radix: 10n, power: 0 },
  { suffix: 'm', radix: 10n, power: -3 },
  { suffix: 'u', radix: 10n, power: -6 },
  { suffix: 'n', radix: 10n, power: -9 },
];

const NAMED_UNITS = new Map(
  [...BINARY_UNITS, ...DECIMAL_UNITS, ...SMALL_UNITS].map((unit) => [unit.suffix, unit]),
);
const SMALLEST_POWER = -9;
/** Beyond this no resource exists, and a longer exponent would only make a huge BigInt. */
const LARGEST_EXPONENT = 30;

const QUANTITY = /^([+-]?)(\d+)?(?:\.(\d*))?(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;
const EXPONENT = /^([eE])([+-]?\d+)$/;
const MULTIPLIER = /^x(\d+)(?:\.(\d+))?$/;

function exponentUnit(suffix: string): Unit | undefined {
  const match = EXPONENT.exec(suffix);
  if (!match) return undefined;
  const power = Number(match[2]);
  return Math.abs(power) > LARGEST_EXPONENT ? undefined : { suffix, radix: 10n, power };
}

function unitOf(suffix: string): Unit {
  const unit = NAMED_UNITS.get(suffix) ?? exponentUnit(suffix);
  if (!unit) throw new Error(`not a quantity suffix: ${suffix}`);
  return unit;
}

/**
 * The units a value written in `unit` may be rewritten in, largest first: the unit itself, then
 * the smaller ones of its family (Mi, Ki, bytes, m, u, n; e3, e2, ... e-9).
 */
function familyFrom(unit: Unit): Unit[] {
  if (EXPONENT.test(unit.suffix)) {
    const letter = unit.suffix[0];
    const smaller: Unit[] = [];
    for (let power = unit.power - 1; power >= SMALLEST_POWER; power--) {
      smaller.push({ suffix: `${letter}${power}`, radix: 10n, power });
    }
    return [unit, ...smaller];
  }
  const larger = unit.radix === 2n ? BINARY_UNITS : DECIMAL_UNITS;
  const all = [...larger, ...SMALL_UNITS];
  return all.slice(all.findIndex((candidate) => candidate.suffix === unit.suffix));
}

/** The value in the unit as a fraction `numerator / denominator`, denominator positive. */
function ratioIn(quantity: Multiplier, unit: Unit): { numerator: bigint; denominator: bigint } {
  if (unit.radix === 2n) {
    return {
      numerator: quantity.scaled,
      denominator: 10n ** BigInt(quantity.scale) * 2n ** BigInt(unit.power),
    };
  }
  const shift = quantity.scale + unit.power;
  return shift >= 0
    ? { numerator: quantity.scaled, denominator: 10n ** BigInt(shift) }
    : { numerator: quantity.scaled * 10n ** BigInt(-shift), denominator: 1n };
}

function isWholeIn(quantity: Multiplier, unit: Unit): boolean {
  const { numerator, denominator } = ratioIn(quantity, unit);
  return numerator % denominator === 0n;
}

/** Parses a quantity as Kubernetes writes it; undefined when it is not one. */
export function parseQuantity(text: string): Quantity | undefined {
  const match = QUANTITY.exec(text.trim());
  if (!match) return undefined;
  const [, sign = '', whole = '', fraction = '', suffix = ''] = match;
  if (whole === '' && fraction === '') return undefined;
  const unit = NAMED_UNITS.get(suffix) ?? exponentUnit(suffix);
  if (!unit) return undefined;
  let scaled = BigInt(`${sign}${whole}${fraction}` || '0');
  let scale = fraction.length;
  if (unit.radix === 2n) scaled *= 2n ** BigInt(unit.power);
  else if (unit.power >= 0) scaled *= 10n ** BigInt(unit.power);
  else scale -= unit.power;
  return { scaled, scale, suffix };
}

/** `x2`, `x1.5`: a positive factor of the current value, as runbooks write it. */
export function parseMultiplier(text: string): Multiplier | undefined {
  const match = MULTIPLIER.exec(text.trim());
  if (!match) return undefined;
  const fraction = match[2] ?? '';
  const scaled = BigInt(`${match[1]}${fraction}`);
  return scaled === 0n ? undefined : { scaled, scale: fraction.length };
}

/** The product, written in the quantity's unit. */
export function multiplyQuantity(quantity: Quantity, multiplier: Multiplier): Quantity {
  return {
    scaled: quantity.scaled * multiplier.scaled,
    scale: quantity.scale + multiplier.scale,
    suffix: quantity.suffix,
  };
}

function aligned(a: Multiplier, b: Multiplier): [bigint, bigint] {
  const scale = Math.max(a.scale, b.scale);
  return [a.scaled * 10n ** BigInt(scale - a.scale), b.scaled * 10n ** BigInt(scale - b.scale)];
}

/** Negative, zero or positive as a is less than, equal to or more than b, whatever their units. */
export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  const [left, right] = aligned(a, b);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** The smaller of two quantities; the first one when they are equal. */
export function minQuantity(a: Quantity, b: Quantity): Quantity {
  return compareQuantities(b, a) < 0 ? b : a;
}

/**
 * The quantity as Kubernetes text, in the unit it carries when the value is a whole number of it
 * (512Mi, 1000m), else in the next smaller unit of the same family that makes it whole
 * (4.5Mi is 4608Ki), so no fraction reaches a manifest. Kubernetes keeps nothing below nano-units:
 * a value finer than the family's smallest unit is rounded up there, as the API server would.
 */
export function formatQuantity(quantity: Quantity): string {
  let unit = unitOf(quantity.suffix);
  for (const candidate of familyFrom(unit)) {
    unit = candidate;
    if (isWholeIn(quantity, candidate)) break;
  }
  const { numerator, denominator } = ratioIn(quantity, unit);
  const count = numerator / denominator + (numerator % denominator > 0n ? 1n : 0n);
  return `${count}${unit.suffix}`;
}

function absolute(value: bigint): bigint {
  return value < 0n ? -value : value;
}

/**
 * The sum of quantities, exactly, carrying the largest unit of the largest addend's family that
 * writes it as a whole number: 3Gi + 512Mi is 3584Mi, 250m + 1 is 1250m, 500M + 500M is 1G.
 */
export function totalQuantity(quantities: readonly Quantity[]): Quantity {
  const [first, ...rest] = quantities;
  if (!first) return { scaled: 0n, scale: 0, suffix: '' };
  if (rest.length === 0) return first;
  let largest = first;
  let sum: Multiplier = first;
  for (const quantity of rest) {
    const [left, right] = aligned(sum, quantity);
    sum = { scaled: left + right, scale: Math.max(sum.scale, quantity.scale) };
    if (compareQuantities(quantity, largest) > 0) largest = quantity;
  }
  const start = unitOf(largest.suffix);
  const larger = start.radix === 2n ? BINARY_UNITS : EXPONENT.test(start.suffix) ? [] : DECIMAL_UNITS;
  let suffix = '';
  for (const unit of [...larger, ...SMALL_UNITS]) {
    suffix = unit.suffix;
    const { numerator, denominator } = ratioIn(sum, unit);
    // A larger unit only when the sum is at least one of it: 1Gi + 1Gi is 2Gi, not 0.002Ti.
    if (numerator % denominator === 0n && (unit.power <= 0 || absolute(numerator) >= denominator)) break;
  }
  return { ...sum, suffix };
}

/** The value as a decimal number: `0.5`, `1536`, `-2.25`. */
function decimalText(value: Multiplier): string {
  const digits = absolute(value.scaled)
    .toString()
    .padStart(value.scale + 1, '0');
  const whole = digits.slice(0, digits.length - value.scale);
  const fraction = digits.slice(digits.length - value.scale).replace(/0+$/, '');
  return `${value.scaled < 0n ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** numerator / denominator rounded to the nearest integer, halves away from zero. */
function rounded(numerator: bigint, denominator: bigint): bigint {
  const magnitude = (2n * absolute(numerator) + denominator) / (2n * denominator);
  return numerator < 0n ? -magnitude : magnitude;
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
 * 7621360Ki of memory, `3.5` cores written `3500m`, `2` GPUs.
 */
export function describeQuantity(quantity: Quantity, resource: string): string {
  if (resource === 'cpu') {
    if (isWholeIn(quantity, unitOf(''))) return decimalText(quantity);
    const { numerator, denominator } = ratioIn(quantity, unitOf('m'));
    return `${rounded(numerator, denominator)}m`;
  }
  if (!isByteResource(resource)) return decimalText(quantity);
  for (const unit of BINARY_UNITS) {
    const { numerator, denominator } = ratioIn(quantity, unit);
    if (absolute(numerator) < denominator) continue;
    return `${decimalText({ scaled: rounded(numerator * 10n, denominator), scale: 1 })}${unit.suffix}`;
  }
  return decimalText(quantity);
}
