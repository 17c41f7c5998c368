// Small statistics kernel shared by the ratings modules: normal quantile, Wilson interval, exact sign test,
// percentiles and a seeded percentile bootstrap. Pure: runs unchanged in Node, workers and the page.
import type { Interval } from '../core/types';
import { mulberry32, randomInt } from '../core/random';

/** Default confidence level for every interval in this module. */
export const DEFAULT_LEVEL = 0.95;
/** Default number of bootstrap rounds (JUDGE-NOTES §3.8 recommends 1,000–10,000). */
export const DEFAULT_ROUNDS = 1000;
/** Default bootstrap seed, recorded in every interval's `method`. */
export const DEFAULT_SEED = 12345;

/** Inverse standard normal CDF, Acklam's rational approximation (relative error < 1.15e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    return NaN;
  }
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) /
      ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) /
      (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x =
      -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) /
      ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  return x;
}

/** Two-sided z for a confidence level (1.96 for 0.95). */
export function zForLevel(level: number): number {
  return normalQuantile(1 - (1 - level) / 2);
}

/**
 * Wilson score interval for k successes in n trials (Wilson 1927; Newcombe 1998 method 3):
 * centre (p̂ + z²/2n)/(1 + z²/n), half-width z·√(p̂(1−p̂)/n + z²/4n²)/(1 + z²/n). Null when n = 0.
 */
export function wilsonInterval(k: number, n: number, level = DEFAULT_LEVEL): Interval | null {
  if (n <= 0) return null;
  const z = zForLevel(level);
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half), level, method: 'wilson' };
}

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

/** Quantile of sorted values with linear interpolation (Hyndman–Fan type 7, numpy's default). */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  const a = sorted[lo] ?? NaN;
  const b = sorted[hi] ?? NaN;
  return a + (h - lo) * (b - a);
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
    for (let i = 0; i < n; i++) idx[i] = randomInt(rand, n);
    const v = stat(idx);
    if (Number.isFinite(v)) values.push(v);
  }
  if (values.length === 0) return null;
  values.sort((x, y) => x - y);
  const alpha = 1 - level;
  return {
    low: quantileSorted(values, alpha / 2),
    high: quantileSorted(values, 1 - alpha / 2),
    level,
    method: `bootstrap(n=${rounds},seed=${seed})`,
  };
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
    for (let i = 0; i < n; i++) sum += xs[Math.floor(rand() * n)] as number;
    means[r] = sum / n;
  }
  means.sort();
  const sorted = Array.from(means);
  const alpha = 1 - level;
  return {
    low: quantileSorted(sorted, alpha / 2),
    high: quantileSorted(sorted, 1 - alpha / 2),
    level,
    method: `bootstrap(n=${rounds},seed=${seed})`,
  };
}
