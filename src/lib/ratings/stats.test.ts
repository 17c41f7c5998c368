import { describe, expect, it } from 'vitest';
import {
  bootstrapInterval,
  bootstrapMean,
  mean,
  normalQuantile,
  quantileSorted,
  sampleSd,
  signTest,
  wilsonInterval,
  zForLevel,
} from './stats';

describe('normalQuantile', () => {
  // Reference values: scipy.stats.norm.ppf.
  it.each([
    [0.975, 1.959963984540054],
    [0.95, 1.6448536269514722],
    [0.995, 2.5758293035489004],
    [0.5, 0],
    [0.01, -2.3263478740408408],
  ])('Φ⁻¹(%f) = %f', (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 8);
  });
  it('z for a 95% level is 1.96', () => expect(zForLevel(0.95)).toBeCloseTo(1.959964, 6));
});

describe('wilsonInterval', () => {
  // Newcombe (1998), Statistics in Medicine 17:857, Table I, method 3 (score interval without continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i/%i → [%f, %f]', (k, n, low, high) => {
    const ci = wilsonInterval(k, n);
    expect(ci?.low).toBeCloseTo(low, 4);
    expect(ci?.high).toBeCloseTo(high, 4);
    expect(ci?.method).toBe('wilson');
  });
  it('closed form at k = n: lower bound n/(n + z²)', () => {
    const z = zForLevel(0.95);
    expect(wilsonInterval(10, 10)?.low).toBeCloseTo(10 / (10 + z * z), 12);
    expect(wilsonInterval(10, 10)?.high).toBe(1);
  });
  it('is null without trials', () => expect(wilsonInterval(0, 0)).toBeNull());
});

describe('signTest', () => {
  // Exact two-sided binomial p-values: hand sums of C(n, i)/2^n, matching scipy.stats.binomtest.
  it.each([
    [9, 10, 22 / 1024],
    [5, 5, 2 / 32],
    [0, 5, 2 / 32],
    [6, 8, (2 * (1 + 8 + 28)) / 256],
    [7, 20, 0.26317596435546875],
    [5, 10, 1],
    [1, 1, 1],
  ])('k=%i of n=%i → p=%f', (k, n, p) => {
    expect(signTest(k, n)).toBeCloseTo(p, 12);
  });
  it('stays accurate for large n (no underflow)', () => {
    // P(X ≤ 400 | n = 1000, ½) is about 1.36e-10 per side (normal tail with continuity correction ≈ 1.3e-10).
    const p = signTest(400, 1000) ?? 1;
    expect(p).toBeGreaterThan(1e-10);
    expect(p).toBeLessThan(5e-10);
  });
  it('is null without decided items', () => expect(signTest(0, 0)).toBeNull());
});

describe('descriptive helpers', () => {
  it('mean, sd and type-7 quantiles', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(sampleSd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.138089935, 8);
    // numpy.quantile([1,2,3,4], 0.25) = 1.75
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(Number.isNaN(mean([]))).toBe(true);
  });
});

describe('bootstrapMean', () => {
  it('is reproducible from its seed and records it', () => {
    const xs = Array.from({ length: 50 }, (_, i) => (i % 3 === 0 ? 1 : i % 3 === 1 ? 0.5 : 0));
    const a = bootstrapMean(xs, { seed: 7, rounds: 500 });
    const b = bootstrapMean(xs, { seed: 7, rounds: 500 });
    const c = bootstrapMean(xs, { seed: 8, rounds: 500 });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a?.method).toBe('bootstrap(n=500,seed=7)');
  });
  it('collapses to a point when every value is equal', () => {
    expect(bootstrapMean([1, 1, 1])).toMatchObject({ low: 1, high: 1 });
  });
  it('agrees with the normal approximation mean ± z·sd/√n for a large sample', () => {
    const xs = Array.from({ length: 400 }, (_, i) => (i % 5 < 3 ? 1 : 0)); // p = 0.6
    const ci = bootstrapMean(xs, { rounds: 4000, seed: 1 });
    const se = sampleSd(xs) / Math.sqrt(xs.length);
    expect(ci?.low).toBeCloseTo(0.6 - 1.96 * se, 2);
    expect(ci?.high).toBeCloseTo(0.6 + 1.96 * se, 2);
  });
  it('is null for no data', () => expect(bootstrapMean([])).toBeNull());
});

describe('bootstrapMean against the generic bootstrap', () => {
  it('draws the same resamples for the same seed', () => {
    const xs = Array.from({ length: 37 }, (_, i) => (i * 7919) % 11);
    const generic = bootstrapInterval(
      xs.length,
      (idx) => {
        let s = 0;
        for (const i of idx) s += xs[i] ?? NaN;
        return s / idx.length;
      },
      { seed: 5, rounds: 300 },
    );
    const fast = bootstrapMean(xs, { seed: 5, rounds: 300 });
    expect(fast?.low).toBeCloseTo(generic?.low ?? NaN, 12);
    expect(fast?.high).toBeCloseTo(generic?.high ?? NaN, 12);
  });
});
