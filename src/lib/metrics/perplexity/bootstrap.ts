// Seeded percentile bootstrap over rows (Efron & Tibshirani 1993, ch. 13): resample rows with replacement,
// recompute the corpus statistic from the resampled sufficient statistics, take the empirical quantiles.
// The paired variant draws one set of row indices per replicate for both models (Koehn 2004's paired resampling).
import type { Interval } from '../../core/types';
import { mulberry32, randomInt } from '../../core/random';

/** Bootstrap settings; the defaults are recorded in the interval's `method`. */
export interface BootstrapOptions {
  resamples?: number;
  seed?: number;
  level?: number;
}

const DEFAULTS = { resamples: 1000, seed: 12345, level: 0.95 };

/** Quantile with linear interpolation between order statistics (numpy's default 'linear' method). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? NaN;
  const b = sorted[hi] ?? NaN;
  return a + (b - a) * (pos - lo);
}

function percentileInterval(values: number[], level: number, method: string): Interval | null {
  const finite = values.filter((v) => Number.isFinite(v)).sort((x, y) => x - y);
  if (finite.length === 0) return null;
  const alpha = (1 - level) / 2;
  return { low: quantile(finite, alpha), high: quantile(finite, 1 - alpha), level, method };
}

/** Percentile bootstrap interval of `statistic` over rows; null when there are no rows or no finite replicate. */
export function bootstrapInterval<T>(
  rows: readonly T[],
  statistic: (sample: readonly T[]) => number | null,
  options: BootstrapOptions = {},
): Interval | null {
  const { resamples, seed, level } = { ...DEFAULTS, ...options };
  if (rows.length === 0) return null;
  const rand = mulberry32(seed);
  const values: number[] = [];
  const sample: T[] = new Array<T>(rows.length);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < rows.length; i++) sample[i] = rows[randomInt(rand, rows.length)] as T;
    const v = statistic(sample);
    if (v !== null) values.push(v);
  }
  return percentileInterval(values, level, `bootstrap(n=${resamples},seed=${seed})`);
}

/** Paired percentile bootstrap of `statistic(a, b)`: rows a[i] and b[i] are always drawn together. */
export function pairedBootstrapInterval<T>(
  a: readonly T[],
  b: readonly T[],
  statistic: (sampleA: readonly T[], sampleB: readonly T[]) => number | null,
  options: BootstrapOptions = {},
): Interval | null {
  if (a.length !== b.length)
    throw new RangeError(`paired bootstrap needs equal lengths (${a.length} vs ${b.length})`);
  const { resamples, seed, level } = { ...DEFAULTS, ...options };
  if (a.length === 0) return null;
  const rand = mulberry32(seed);
  const values: number[] = [];
  const sa: T[] = new Array<T>(a.length);
  const sb: T[] = new Array<T>(b.length);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < a.length; i++) {
      const k = randomInt(rand, a.length);
      sa[i] = a[k] as T;
      sb[i] = b[k] as T;
    }
    const v = statistic(sa, sb);
    if (v !== null) values.push(v);
  }
  return percentileInterval(values, level, `paired-bootstrap(n=${resamples},seed=${seed})`);
}
