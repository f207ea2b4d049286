import { describe, expect, it } from 'vitest';
import {
  describeQuantity,
  parseQuantity,
  sumQuantities,
} from '../../../backend/src/detectors/support/quantity.js';

describe('parseQuantity', () => {
  it.each([
    ['128Mi', 128 * 2 ** 20],
    ['7179776Ki', 7179776 * 1024],
    ['1.5Gi', 1.5 * 2 ** 30],
    ['500m', 0.5],
    ['2', 2],
    ['1k', 1000],
    ['128M', 128e6],
    ['1e3', 1000],
    ['4281126156', 4281126156],
  ])('reads %s', (text, value) => {
    expect(parseQuantity(text)).toBeCloseTo(value);
  });

  it.each(['', 'Gi', '12 Gi', 'x2', '1.2.3'])('rejects %j', (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });
});

describe('sumQuantities', () => {
  it.each([
    [['4Gi'], '4Gi'],
    [['3Gi', '512Mi'], '3584Mi'],
    [['6Gi', '64Mi'], '6208Mi'],
    [['1Gi', '1Gi'], '2Gi'],
    [['1', '50m'], '1050m'],
    [['1', '2'], '3'],
    [['500M', '500M'], '1G'],
    [['100Mi', '1'], '104857601'],
  ])('adds %j up to %s', (quantities, sum) => {
    expect(sumQuantities(quantities)).toBe(sum);
  });

  it('gives up on text that is not a quantity', () => {
    expect(sumQuantities(['1Gi', 'lots'])).toBeUndefined();
    expect(sumQuantities([])).toBeUndefined();
  });
});

describe('describeQuantity', () => {
  it.each([
    [7179776 * 1024, 'memory', '6.8Gi'],
    [6318252 * 1024, 'ephemeral-storage', '6Gi'],
    [600 * 2 ** 20, 'memory', '600Mi'],
    [512, 'memory', '512'],
    [1.5, 'cpu', '1500m'],
    [4, 'cpu', '4'],
    [2, 'nvidia.com/gpu', '2'],
  ])('writes %d of %s as %s', (value, resource, text) => {
    expect(describeQuantity(value, resource)).toBe(text);
  });
});
