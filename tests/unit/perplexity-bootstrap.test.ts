// Bootstrap intervals of the Perplexity view (summarizeModel, compareModels) against closed forms and against
// values recomputed independently in Python: mulberry32 written out again, rows drawn as floor(u·n), the
// statistics summed per resample, numpy.percentile (method 'linear') for the ends, and sacreBLEU's paired-bs rule
// p = (#{|B−A|_s − mean > |observed|} + 1) / (n + 1) for the p-value.
import { describe, expect, it } from 'vitest';
import { compareModels } from '../../src/lib/metrics/perplexity/compare';
import {
  corpusPerplexity,
  statsVector,
  vectorStats,
  type PerplexityStats,
} from '../../src/lib/metrics/perplexity/corpus';
import { summarizeModel } from '../../src/lib/metrics/perplexity/summary';
import { bootstrapInterval } from '../../src/lib/ratings/stats';

const stats = (rows: number[][]): PerplexityStats[] =>
  rows.map(([nllSum = 0, tokens = 0, words = 0, bytes = 0]) => ({ nllSum, tokens, words, bytes }));
// [nll_sum (nats), tokens, words, bytes]
const A = stats([
  [6.2, 4, 2, 9],
  [11.5, 7, 3, 15],
  [3.1, 2, 1, 4],
  [9.8, 5, 3, 12],
  [14.0, 9, 4, 20],
  [5.5, 3, 2, 7],
  [8.4, 6, 3, 13],
  [2.2, 2, 1, 5],
  [12.9, 8, 4, 17],
  [7.7, 4, 2, 10],
]);
const B = stats([
  [5.9, 5, 2, 9],
  [12.2, 8, 3, 15],
  [3.0, 2, 1, 4],
  [10.1, 6, 3, 12],
  [13.6, 9, 4, 20],
  [5.9, 3, 2, 7],
  [8.0, 7, 3, 13],
  [2.5, 3, 1, 5],
  [13.1, 8, 4, 17],
  [7.2, 5, 2, 10],
]);
const opts = { nSamples: 400, seed: 7 };
const summary = (rows: PerplexityStats[], o = {}) =>
  summarizeModel(
    rows.map((s) => ({ stats: s })),
    o,
  );

describe('statistics vectors', () => {
  it('lay a row out as [nll_sum, tokens, words, bytes] and read it back at an offset', () => {
    const s = { nllSum: 1.5, tokens: 2, words: 3, bytes: 4 };
    expect(statsVector(s)).toEqual([1.5, 2, 3, 4]);
    expect(vectorStats([9, 9, 9, 9, ...statsVector(s)], 4)).toEqual(s);
  });
});

describe('one model: intervals from resampled sufficient statistics', () => {
  it('matches the independent recomputation (numpy linear percentiles of 400 resamples, seed 7)', () => {
    const m = summary(A, opts);
    expect(m.tokenPerplexityInterval?.low).toBeCloseTo(4.566103409238489, 10);
    expect(m.tokenPerplexityInterval?.high).toBeCloseTo(5.74109990647181, 10);
    expect(m.bitsPerByteInterval?.low).toBeCloseTo(0.9694893080931871, 10);
    expect(m.bitsPerByteInterval?.high).toBeCloseTo(1.1065786640362063, 10);
    expect(m.tokenPerplexityInterval?.method).toBe('bootstrap(n=400,seed=7)');
    const ninety = summary(A, { ...opts, level: 0.9 }).tokenPerplexityInterval;
    expect(ninety?.low).toBeCloseTo(4.6462704088913815, 10);
    expect(ninety?.high).toBeCloseTo(5.655321235359206, 10);
    expect(ninety?.level).toBe(0.9);
  });
  it('brackets the corpus value, is reproducible, and is the interval the report computes for the same rows', () => {
    const m = summary(A);
    const point = corpusPerplexity(A).token_perplexity ?? NaN;
    expect(m.tokenPerplexityInterval?.low).toBeLessThan(point);
    expect(m.tokenPerplexityInterval?.high).toBeGreaterThan(point);
    expect(summary(A)).toEqual(m);
    // The report's slice statistic (ratings/stats, its own resampling loop) at the same defaults.
    const ratio = (idx: Iterable<number>) => {
      let nll = 0;
      let tok = 0;
      for (const i of idx) {
        nll += A[i]?.nllSum ?? 0;
        tok += A[i]?.tokens ?? 0;
      }
      return Math.exp(nll / tok);
    };
    const report = bootstrapInterval(A.length, ratio);
    expect(m.tokenPerplexityInterval?.low).toBeCloseTo(report?.low ?? NaN, 12);
    expect(m.tokenPerplexityInterval?.high).toBeCloseTo(report?.high ?? NaN, 12);
  });
  it('two rows: the 2.5% and 97.5% ends are the two rows themselves (each alone in a quarter of resamples)', () => {
    const two = stats([
      [2 * Math.log(4), 2, 1, 4],
      [3 * Math.log(2), 3, 2, 6],
    ]);
    const i = summary(two).tokenPerplexityInterval;
    expect(i?.low).toBeCloseTo(2, 12);
    expect(i?.high).toBeCloseTo(4, 12);
  });
  it('resamples with no scored token are left out instead of voiding the interval', () => {
    // Drawing only the empty row (a quarter of resamples) has no perplexity; every other draw has exactly 3.
    const rows = stats([
      [0, 0, 1, 1],
      [4 * Math.log(3), 4, 1, 4],
    ]);
    const i = summary(rows).tokenPerplexityInterval;
    expect(i?.low).toBeCloseTo(3, 12);
    expect(i?.high).toBeCloseTo(3, 12);
    expect(summary(stats([[0, 0, 1, 1]])).tokenPerplexityInterval).toBeNull();
    expect(summary([]).tokenPerplexityInterval).toBeNull();
    expect(() => summary(A, { level: 1 })).toThrow(/level/);
    expect(() => summary(A, { nSamples: 0 })).toThrow(/resample/);
  });
});

describe('two models: paired bootstrap of B − A', () => {
  it('bits per byte matches the independent recomputation, p-value included', () => {
    const c = compareModels(A, B, 'bits_per_byte', opts);
    expect(c.difference).toBeCloseTo(0.0025762411444443245, 12);
    expect(c.interval?.low).toBeCloseTo(-0.026805377215468627, 10);
    expect(c.interval?.high).toBeCloseTo(0.03724095684089967, 10);
    expect(c.interval?.method).toBe('paired-bootstrap(n=400,seed=7)');
    expect(c.pValue).toBeCloseTo(147 / 401, 12);
  });
  it('log token perplexity: a clear difference gets a small p-value', () => {
    const c = compareModels(A, B, 'log_token_perplexity', opts);
    expect(c.interval?.low).toBeCloseTo(-0.2793714285714289, 10);
    expect(c.interval?.high).toBeCloseTo(-0.07639297293385405, 10);
    expect(c.pValue).toBeCloseTo(2 / 401, 12);
  });
  it('rows are drawn jointly: a constant per-row shift is recovered exactly, and A/B swap negates the interval', () => {
    const a = stats([1, 5, 2, 8, 3].map((v) => [2 * v, 2, 1, 2]));
    const b = a.map((s) => ({ ...s, nllSum: s.nllSum + 2 * 0.25 }));
    const c = compareModels(a, b, 'log_token_perplexity', { nSamples: 200 });
    expect(c.interval?.low).toBeCloseTo(0.25, 12);
    expect(c.interval?.high).toBeCloseTo(0.25, 12);
    const ab = compareModels(A, B, 'bits_per_byte');
    const ba = compareModels(B, A, 'bits_per_byte');
    expect(ba.interval?.low).toBeCloseTo(-(ab.interval?.high ?? NaN), 12);
    expect(ba.interval?.high).toBeCloseTo(-(ab.interval?.low ?? NaN), 12);
    expect(ba.pValue).toBe(ab.pValue);
    expect(compareModels([], [], 'bits_per_byte')).toMatchObject({ interval: null, pValue: null });
  });
});
