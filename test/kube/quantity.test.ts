import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareQuantities,
  describeQuantity,
  formatQuantity,
  type Multiplier,
  minQuantity,
  multiplyQuantity,
  parseMultiplier,
  parseQuantity,
  type Quantity,
  totalQuantity,
} from '../../backend/src/kube/quantity.js';

function quantity(text: string): Quantity {
  const parsed = parseQuantity(text);
  if (!parsed) throw new Error(`test quantity ${text} does not parse`);
  return parsed;
}

function multiplier(text: string): Multiplier {
  const parsed = parseMultiplier(text);
  if (!parsed) throw new Error(`test multiplier ${text} does not parse`);
  return parsed;
}

const NAMED_SUFFIXES = ['', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const EXPONENT_SUFFIXES = ['e3', 'e0', 'e-3', 'E6', 'e+2', 'e-9', 'e-12', 'e18'];
const SUFFIXES = [...NAMED_SUFFIXES, ...EXPONENT_SUFFIXES];

/** How many decimal places a value written with the suffix may have and still be whole nano-units. */
const NANO_DECIMALS: Readonly<Record<string, number>> = { n: 0, u: 3, m: 6, '': 9 };

describe('parseQuantity', () => {
  it.each([
    ['128Mi', '134217728'],
    ['7179776Ki', '7352090624'],
    ['1.5Gi', '1610612736'],
    ['0.1Ki', '102.4'],
    ['500m', '0.5'],
    ['2', '2'],
    ['1k', '1000'],
    ['100k', '100000'],
    ['128M', '128000000'],
    ['1e3', '1000'],
    ['1E3', '1000'],
    ['1.5e-3', '0.0015'],
    ['1n', '0.000000001'],
    ['.5', '0.5'],
    ['5.', '5'],
    ['+5', '5'],
    ['-1.5', '-1.5'],
    [' 2Gi ', '2147483648'],
    ['4281126156', '4281126156'],
  ])('reads %j as exactly %s base units', (text, value) => {
    expect(compareQuantities(quantity(text), quantity(value))).toBe(0);
  });

  it('keeps values apart that floating point would merge', () => {
    expect(compareQuantities(quantity('9007199254740993'), quantity('9007199254740992'))).toBe(1);
    expect(compareQuantities(quantity('1.0000000000000001'), quantity('1'))).toBe(1);
  });

  it.each(['', 'Gi', '12 Gi', 'x2', '1.2.3', '.', '1Gb', '1ki', '1e', '1e31', 'Mi1'])(
    'rejects %j',
    (text) => {
      expect(parseQuantity(text)).toBeUndefined();
    },
  );
});

describe('parseMultiplier', () => {
  it.each(['x0', 'x', '2', 'x-1', 'x1.', 'x.5', '*2', 'x2Mi'])('rejects %j', (text) => {
    expect(parseMultiplier(text)).toBeUndefined();
  });

  it('reads decimals exactly', () => {
    expect(formatQuantity(multiplyQuantity(quantity('10'), multiplier('x0.3')))).toBe('3');
  });
});

describe('formatQuantity', () => {
  it.each([
    ['256Mi', 'x2', '512Mi'],
    ['500m', 'x2', '1000m'],
    ['1536Mi', 'x2', '3072Mi'],
    ['3Mi', 'x1.5', '4608Ki'],
    ['1.5Gi', 'x1.5', '2304Mi'],
    ['1Ki', 'x1.5', '1536'],
    ['1', 'x1.5', '1500m'],
    ['2', 'x1.5', '3'],
    ['250m', 'x1.5', '375m'],
    ['100k', 'x2', '200k'],
    ['1M', 'x1.5', '1500k'],
    ['1e3', 'x1.5', '15e2'],
    ['1E6', 'x2', '2E6'],
    ['1e-9', 'x1.5', '2e-9'],
    ['1', 'x1.0000000001', '1000000001n'],
    ['1n', 'x1.5', '2n'],
    ['3u', 'x0.5', '1500n'],
  ])('writes %s %s as %s, in the unit of the current value', (text, factor, result) => {
    expect(formatQuantity(multiplyQuantity(quantity(text), multiplier(factor)))).toBe(result);
  });

  it.each([
    ['1.5Gi', '1536Mi'],
    ['0.5', '500m'],
    ['1.25k', '1250'],
    ['2.0Mi', '2Mi'],
    ['007', '7'],
  ])('writes %s without a fraction: %s', (text, result) => {
    expect(formatQuantity(quantity(text))).toBe(result);
  });

  it('round-trips a whole number of every unit exactly', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.constantFrom(...SUFFIXES), (count, suffix) => {
        const text = `${count}${suffix}`;
        expect(formatQuantity(quantity(text))).toBe(text);
      }),
    );
  });

  it('keeps the value of any quantity of whole nano-units, and writes no fraction', () => {
    const arbitraryText = fc
      .tuple(
        fc.constantFrom(...NAMED_SUFFIXES, 'e3', 'e-3'),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.nat({ max: 999_999_999 }),
      )
      .map(([suffix, whole, fraction]) => {
        const decimals = suffix === 'e-3' ? 6 : (NANO_DECIMALS[suffix] ?? 9);
        const digits = String(fraction).padStart(9, '0').slice(0, decimals);
        return `${whole}${digits ? `.${digits}` : ''}${suffix}`;
      });
    fc.assert(
      fc.property(arbitraryText, (text) => {
        const written = formatQuantity(quantity(text));
        expect(written).toMatch(/^\d+([a-zA-Z]*|[eE][+-]?\d+)$/);
        expect(compareQuantities(quantity(written), quantity(text))).toBe(0);
      }),
    );
  });
});

describe('multiplyQuantity', () => {
  const arbitraryQuantity = fc
    .tuple(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.constantFrom(...SUFFIXES))
    .map(([count, suffix]) => quantity(`${count}${suffix}`));
  /** `x0.1` to `x100.0`, in tenths. */
  const arbitraryTenths = fc.integer({ min: 1, max: 1000 });
  const factorOf = (tenths: number) => multiplier(`x${Math.floor(tenths / 10)}.${tenths % 10}`);

  it('x1 is the identity', () => {
    fc.assert(
      fc.property(arbitraryQuantity, (value) => {
        const product = multiplyQuantity(value, multiplier('x1'));
        expect(compareQuantities(product, value)).toBe(0);
        expect(formatQuantity(product)).toBe(formatQuantity(value));
      }),
    );
  });

  it('a larger factor never gives a smaller result', () => {
    fc.assert(
      fc.property(arbitraryQuantity, arbitraryTenths, arbitraryTenths, (value, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const smaller = quantity(formatQuantity(multiplyQuantity(value, factorOf(low))));
        const larger = quantity(formatQuantity(multiplyQuantity(value, factorOf(high))));
        expect(compareQuantities(smaller, larger)).toBeLessThanOrEqual(0);
      }),
    );
  });

  it('a larger quantity never gives a smaller result', () => {
    fc.assert(
      fc.property(arbitraryQuantity, arbitraryQuantity, arbitraryTenths, (a, b, tenths) => {
        const [low, high] = compareQuantities(a, b) <= 0 ? [a, b] : [b, a];
        const factor = factorOf(tenths);
        expect(
          compareQuantities(multiplyQuantity(low, factor), multiplyQuantity(high, factor)),
        ).toBeLessThanOrEqual(0);
      }),
    );
  });

  it('a whole factor keeps the unit as written', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.constantFrom(...SUFFIXES),
        fc.integer({ min: 1, max: 16 }),
        (count, suffix, factor) => {
          const product = multiplyQuantity(quantity(`${count}${suffix}`), multiplier(`x${factor}`));
          expect(formatQuantity(product)).toBe(`${count * BigInt(factor)}${suffix}`);
        },
      ),
    );
  });
});

describe('minQuantity', () => {
  it('is never above either quantity, and is one of them', () => {
    const arbitraryText = fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.constantFrom(...SUFFIXES))
      .map(([count, suffix]) => `${count}${suffix}`);
    fc.assert(
      fc.property(arbitraryText, arbitraryText, (a, b) => {
        const smaller = minQuantity(quantity(a), quantity(b));
        expect(compareQuantities(smaller, quantity(a))).toBeLessThanOrEqual(0);
        expect(compareQuantities(smaller, quantity(b))).toBeLessThanOrEqual(0);
        expect([a, b].map((text) => formatQuantity(quantity(text)))).toContain(formatQuantity(smaller));
      }),
    );
  });

  it('keeps the first of two equal quantities, as written', () => {
    expect(formatQuantity(minQuantity(quantity('1024Mi'), quantity('1Gi')))).toBe('1024Mi');
  });
});

describe('totalQuantity', () => {
  it.each([
    [['4Gi'], '4Gi'],
    [['3Gi', '512Mi'], '3584Mi'],
    [['6Gi', '64Mi'], '6208Mi'],
    [['1Gi', '1Gi'], '2Gi'],
    [['1', '50m'], '1050m'],
    [['250m', '1'], '1250m'],
    [['1', '2'], '3'],
    [['500M', '500M'], '1G'],
    [['100Mi', '1'], '104857601'],
    [['1e3', '1'], '1001'],
    [['1', '100u'], '1000100u'],
    [[], '0'],
  ])('adds %j up to %s', (texts, sum) => {
    expect(formatQuantity(totalQuantity(texts.map(quantity)))).toBe(sum);
  });
});

describe('describeQuantity', () => {
  it.each([
    ['7179776Ki', 'memory', '6.8Gi'],
    ['6318252Ki', 'ephemeral-storage', '6Gi'],
    ['600Mi', 'memory', '600Mi'],
    ['1023.96Mi', 'memory', '1024Mi'],
    ['512', 'memory', '512'],
    ['1.5', 'cpu', '1500m'],
    ['2000m', 'cpu', '2'],
    ['1.0005', 'cpu', '1001m'],
    ['4', 'cpu', '4'],
    ['2', 'nvidia.com/gpu', '2'],
    ['0.5', 'pids', '0.5'],
  ])('writes %s of %s as %s', (text, resource, described) => {
    expect(describeQuantity(quantity(text), resource)).toBe(described);
  });
});
