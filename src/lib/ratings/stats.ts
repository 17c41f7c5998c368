// Small statistics kernel of the ratings modules: exact sign test, mean and SD, and the seeded percentile
// bootstrap over items. The normal quantile, Wilson interval, type-7 quantile and the resampling itself live in
// metrics/stats (one home for every statistic) and are re-exported here under the names ratings has always used.
// Pure: runs unchanged in Node, workers and the page.
import type { Interval } from '../core/types';
import { mulberry32 } from '../core/random';
import { DEFAULT_BOOTSTRAP_SAMPLES, DEFAULT_SEED, drawResample, estimateCi } from '../metrics/stats';

export { normalQuantile, quantileSorted, wilsonInterval, zForLevel } from '../metrics/stats';
/** Default bootstrap seed (sacreBLEU's 12345), recorded in every interval's `method`. */
export { DEFAULT_SEED };

/** Default confidence level for every interval in this module. */
export const DEFAULT_LEVEL = 0.95;
/** Default number of bootstrap rounds (JUDGE-NOTES §3.8 recommends 1,000–10,000). */
export const DEFAULT_ROUNDS = DEFAULT_BOOTSTRAP_SAMPLES;

/** log C(n, k) via log-gamma-free summation (exact enough for n up to millions). */
function logChoose(n: number, k: number): number {
  const m = Math.min(k, n - k);
  let s = 0;
  for (let i = 1; i <= m; i++) s += Math.log(n - m + i) - Math.log(i);
  return s;
}

/**
 * Exact two-sided sign test (binomial test of H0: p = 0.5) for k successes in n trials:
 * p = min(1, 2·P(X ≤ min(k, n−k))), the symmetric case of scipy.stats.binomtest. Null when n = 0.
 */
export function signTest(k: number, n: number): number | null {
  if (n <= 0) return null;
  const m = Math.min(k, n - k);
  // Sum the lower tail in log space so large n does not underflow term by term.
  let tail = 0;
  for (let i = 0; i <= m; i++) tail += Math.exp(logChoose(n, i) - n * Math.LN2);
  return Math.min(1, 2 * tail);
}

/** Arithmetic mean; NaN for an empty list. */
export function mean(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Sample standard deviation (n − 1); NaN below two values. */
export function sampleSd(xs: readonly number[]): number {
  if (xs.length < 2) return NaN;
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) * (x - m);
  return Math.sqrt(s / (xs.length - 1));
}

/** Options of a seeded percentile bootstrap. */
export interface BootstrapOptions {
  rounds?: number;
  seed?: number;
  level?: number;
}

/**
 * Percentile bootstrap over units: resample `n` unit indices with replacement `rounds` times (mulberry32(seed)),
 * apply `stat` to each resample, and take the (1−level)/2 and 1−(1−level)/2 quantiles (α/2 on each side,
 * unlike LLM Comparator's 90% "95%"). Rounds whose statistic is not finite are dropped. Null when n = 0.
 */
export function bootstrapInterval(
  n: number,
  stat: (indices: Uint32Array) => number,
  options: BootstrapOptions = {},
): Interval | null {
  const rounds = options.rounds ?? DEFAULT_ROUNDS;
  const seed = options.seed ?? DEFAULT_SEED;
  const level = options.level ?? DEFAULT_LEVEL;
  if (n <= 0 || rounds <= 0) return null;
  const rand = mulberry32(seed);
  const values: number[] = [];
  const idx = new Uint32Array(n);
  for (let r = 0; r < rounds; r++) {
    drawResample(rand, idx);
    const v = stat(idx);
    if (Number.isFinite(v)) values.push(v);
  }
  if (values.length === 0) return null;
  return percentileInterval(values, level, rounds, seed);
}

/** The interval of resampled values: type-7 quantiles at α/2 and 1 − α/2 (estimateCi's 'linear' ends). */
function percentileInterval(
  values: ArrayLike<number>,
  level: number,
  rounds: number,
  seed: number,
): Interval {
  const { low, high } = estimateCi(values, level, 'linear');
  return { low, high, level, method: `bootstrap(n=${rounds},seed=${seed})` };
}

/**
 * Bootstrap interval of the mean of per-unit values. Same resampling as `bootstrapInterval` (identical draws for
 * the same seed), specialised so the hot loop touches a Float64Array only.
 */
export function bootstrapMean(values: readonly number[], options: BootstrapOptions = {}): Interval | null {
  const rounds = options.rounds ?? DEFAULT_ROUNDS;
  const seed = options.seed ?? DEFAULT_SEED;
  const level = options.level ?? DEFAULT_LEVEL;
  const n = values.length;
  if (n <= 0 || rounds <= 0) return null;
  const xs = Float64Array.from(values);
  const rand = mulberry32(seed);
  const means = new Float64Array(rounds);
  for (let r = 0; r < rounds; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += xs[Math.floor(rand() * n)] as number; // drawResample's randomInt, inlined
    means[r] = sum / n;
  }
  return percentileInterval(means, level, rounds, seed);
}
