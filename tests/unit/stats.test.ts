// Statistics: Wilson intervals against Newcombe (1998) and the closed form, normal quantiles against
// published values, bootstrap determinism and coverage, paired tests on constructed cases.
import { describe, expect, it } from 'vitest';
import {
  bootstrapCi,
  estimateCi,
  normalQuantile,
  pairedApproxRandomization,
  pairedBootstrap,
  pValue,
  wilsonInterval,
} from '../../src/lib/metrics/stats';
import { mulberry32 } from '../../src/lib/core/random';

/** Mean score from stats rows [value, 1]. */
const mean = (s: number[]): number => (s[0] ?? 0) / (s[1] ?? 1);

describe('normal quantile (AS 241)', () => {
  it('matches published quantiles', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489004, 14);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959963984540054, 14);
    expect(normalQuantile(0.8413447460685429)).toBeCloseTo(1, 14); // Φ(1)
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 12);
  });
});

describe('Wilson score interval', () => {
  it('reproduces Newcombe (1998) Table I, method 3', () => {
    const table: [number, number, number, number][] = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ];
    for (const [k, n, lo, hi] of table) {
      const w = wilsonInterval(k, n);
      expect(w?.low).toBeCloseTo(lo, 4);
      expect(w?.high).toBeCloseTo(hi, 4);
      expect(w?.method).toBe('wilson');
    }
  });

  it('equals the closed form at 90%', () => {
    const z = 1.6448536269514722; // Φ⁻¹(0.95)
    const [k, n] = [7, 19];
    const p = k / n;
    const c = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
    const h = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
    const w = wilsonInterval(k, n, 0.9);
    expect(w?.low).toBeCloseTo(c - h, 14);
    expect(w?.high).toBeCloseTo(c + h, 14);
  });

  it('handles the edges', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(wilsonInterval(5, 5)?.high).toBe(1);
    expect(() => wilsonInterval(6, 5)).toThrow(/0 ≤ k ≤ n/);
  });
});

describe('bootstrap confidence intervals', () => {
  const rand = mulberry32(7);
  const values = Array.from({ length: 400 }, () => rand() * 10);
  const rows = values.map((v) => [v, 1]);

  it('is deterministic per seed and changes with the seed', () => {
    const a = bootstrapCi(rows, mean, { seed: 1 });
    const b = bootstrapCi(rows, mean, { seed: 1 });
    const c = bootstrapCi(rows, mean, { seed: 2 });
    expect(b).toEqual(a);
    expect(c.interval.low).not.toBe(a.interval.low);
    expect(a.interval.method).toBe('bootstrap(n=1000,seed=1)');
  });

  it('recomputes the corpus score from resampled statistics (mean: close to the normal interval)', () => {
    const n = values.length;
    const m = values.reduce((s, v) => s + v, 0) / n;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / n);
    const r = bootstrapCi(rows, mean, { nSamples: 4000, seed: 3 });
    expect(r.score).toBeCloseTo(m, 12);
    expect(r.mean).toBeCloseTo(m, 1);
    const half = (1.96 * sd) / Math.sqrt(n);
    expect(r.ci / half).toBeGreaterThan(0.9);
    expect(r.ci / half).toBeLessThan(1.1);
    expect(r.interval.low).toBeLessThan(m);
    expect(r.interval.high).toBeGreaterThan(m);
  });

  it('collapses when every row is the same', () => {
    const r = bootstrapCi(
      [
        [2, 1],
        [2, 1],
        [2, 1],
      ],
      mean,
      { nSamples: 50 },
    );
    expect([r.interval.low, r.interval.high, r.ci]).toEqual([2, 2, 0]);
  });

  it("estimateCi takes n//40 from each end, like sacreBLEU's estimate_ci", () => {
    const scores = Array.from({ length: 80 }, (_, i) => i); // 0..79; n//40 = 2
    expect(estimateCi(scores)).toEqual({ mean: 39.5, ci: 0.5 * (77 - 2), low: 2, high: 77 });
  });
});

describe('paired tests', () => {
  // A corpus where the system beats the baseline on every row by a clear margin.
  const rand = mulberry32(11);
  const base = Array.from({ length: 200 }, () => [rand(), 1]);
  const better = base.map(([v]) => [(v ?? 0) + 0.3, 1]);
  const noisy = base.map(([v]) => [(v ?? 0) + (rand() - 0.5) * 0.01, 1]);

  it('p-value rule: (#{stat > observed} + 1) / (n + 1)', () => {
    expect(pValue([0.1, 0.5, 0.9, 0.2], 0.3)).toBe(3 / 5);
    expect(pValue([0, 0, 0], 0)).toBe(1 / 4); // strict '>': ties do not count
  });

  it('a clear improvement is significant under both tests', () => {
    const bs = pairedBootstrap(base, better, mean, { nSamples: 500 });
    const ar = pairedApproxRandomization(base, better, mean, { nSamples: 2000 });
    expect(bs.difference).toBeCloseTo(0.3, 12);
    expect(bs.pValue).toBe(1 / 501);
    expect(ar.pValue).toBe(1 / 2001);
    expect(bs.systemCi?.mean).toBeCloseTo(bs.system, 1);
  });

  it('a difference far below the noise is not significant', () => {
    const ar = pairedApproxRandomization(base, noisy, mean, { nSamples: 2000 });
    const bs = pairedBootstrap(base, noisy, mean, { nSamples: 1000 });
    expect(ar.pValue).toBeGreaterThan(0.05);
    expect(bs.pValue).toBeGreaterThan(0.05);
  });

  it('AR is symmetric: swapping the systems gives the same p-value', () => {
    const a = pairedApproxRandomization(base, noisy, mean, { nSamples: 1000, seed: 5 });
    const b = pairedApproxRandomization(noisy, base, mean, { nSamples: 1000, seed: 5 });
    expect(b.pValue).toBe(a.pValue);
    expect(b.difference).toBeCloseTo(-a.difference, 15);
  });

  it('rejects rows that do not pair up', () => {
    expect(() => pairedBootstrap(base, better.slice(1), mean)).toThrow(/same rows/);
  });
});
