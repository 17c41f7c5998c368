// Bootstrap confidence intervals for corpus scores computed from per-row sufficient statistics: resample
// rows with replacement, sum their statistics, recompute the corpus score (sacreBLEU significance.py
// _bootstrap_resample + estimate_ci; Koehn 2004). Generic over the "summed stats → score" function, so
// BLEU, chrF, ROUGE (stats [F, 1] → mean), exact match and perplexity all share it. Seeded with
// mulberry32 (src/lib/core/random.ts): sacreBLEU uses numpy's PCG64, so the resamples differ in detail.
import type { Interval } from '../../core/types';
import { mulberry32, randomInt } from '../../core/random';

/** Summed statistics → corpus score (e.g. (s) => computeBleu(s, opts).score). */
export type StatsScore = (summed: number[]) => number;

/** sacreBLEU's default seed (SACREBLEU_SEED) and sample counts. */
export const DEFAULT_SEED = 12345;
export const DEFAULT_BOOTSTRAP_SAMPLES = 1000;

/** Options for resampling. */
export interface BootstrapOptions {
  /** Number of resamples (default 1000). */
  nSamples?: number;
  /** Seed (default 12345, as sacreBLEU). */
  seed?: number;
  /** Confidence level (default 0.95). */
  level?: number;
}

/** A corpus score with its bootstrap distribution summarised. */
export interface BootstrapResult {
  /** The score on all rows. */
  score: number;
  /** Mean of the resampled scores (sacreBLEU's μ). */
  mean: number;
  /** Half-width of the percentile interval (sacreBLEU's ± value). */
  ci: number;
  /** Percentile interval of the resampled scores. */
  interval: Interval;
  nSamples: number;
  seed: number;
}

/** Rows of equal-width statistics packed into one Float64Array, row-major. */
export interface PackedStats {
  data: Float64Array;
  rows: number;
  width: number;
}

/** Packs rows of statistics; every row must have the same width. */
export function packStats(stats: readonly (readonly number[])[]): PackedStats {
  const rows = stats.length;
  const width = stats[0]?.length ?? 0;
  const data = new Float64Array(rows * width);
  stats.forEach((row, i) => {
    if (row.length !== width) {
      throw new RangeError(`statistics row ${i + 1} has ${row.length} entries, expected ${width}`);
    }
    data.set(row, i * width);
  });
  return { data, rows, width };
}

/** Sum of the rows at `idx` (repeats allowed). */
export function sumRows(p: PackedStats, idx: ArrayLike<number>): number[] {
  const out = new Float64Array(p.width);
  const { data, width } = p;
  for (let k = 0; k < idx.length; k++) {
    const base = (idx[k] ?? 0) * width;
    for (let j = 0; j < width; j++) out[j] = (out[j] ?? 0) + (data[base + j] ?? 0);
  }
  return Array.from(out);
}

/** Sum of all rows. */
export function sumAll(p: PackedStats): number[] {
  const out = new Array<number>(p.width).fill(0);
  for (let i = 0; i < p.rows; i++) {
    for (let j = 0; j < p.width; j++) out[j] = (out[j] ?? 0) + (p.data[i * p.width + j] ?? 0);
  }
  return out;
}

/**
 * One resample in place: `out.length` row indices drawn with replacement from [0, out.length), in order, from
 * `rand`. Every bootstrap in the app (corpus scores, the metric runner, ratings) draws its rows this way, so
 * the same seed gives the same resamples everywhere.
 */
export function drawResample(rand: () => number, out: Int32Array | Uint32Array): void {
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = randomInt(rand, n);
}

/** Resample index sets: `nSamples` draws of `rows` indices with replacement, from one seeded stream. */
export function resampleIndices(rows: number, nSamples: number, seed: number): Int32Array[] {
  const rand = mulberry32(seed);
  const out: Int32Array[] = [];
  for (let s = 0; s < nSamples; s++) {
    const idx = new Int32Array(rows);
    drawResample(rand, idx);
    out.push(idx);
  }
  return out;
}

/** Quantile of sorted values with linear interpolation (Hyndman–Fan type 7, numpy's default); NaN if empty. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo] ?? NaN;
  const b = sorted[Math.ceil(h)] ?? NaN;
  return a + (h - lo) * (b - a);
}

/**
 * How the interval's ends are read off the sorted resampled scores. 'sacrebleu': the order statistics
 * `floor(n·(1−level)/2)` from each end (estimate_ci, n//40 at 95%); 'linear': type-7 quantiles at α/2 and
 * 1−α/2 (numpy's default percentile, used by the metric runner's and the ratings' percentile intervals).
 */
export type PercentileMethod = 'sacrebleu' | 'linear';

/**
 * sacreBLEU estimate_ci generalised to any level and to type-7 percentiles: sort, read the two ends (see
 * PercentileMethod), half their distance is the ± value; the mean is over all resampled scores.
 */
export function estimateCi(
  scores: ArrayLike<number>,
  level = 0.95,
  percentile: PercentileMethod = 'sacrebleu',
): { mean: number; ci: number; low: number; high: number } {
  const s = Float64Array.from(scores).sort();
  const n = s.length;
  if (n === 0) return { mean: NaN, ci: NaN, low: NaN, high: NaN };
  let low: number;
  let high: number;
  if (percentile === 'linear') {
    low = quantileSorted(s, (1 - level) / 2);
    high = quantileSorted(s, 1 - (1 - level) / 2);
  } else {
    // The epsilon keeps e.g. 1000 · 0.05 / 2 = 25.000000000000004 from rounding the wrong way.
    const lowerIdx = Math.floor((n * (1 - level)) / 2 + 1e-9);
    low = s[lowerIdx] ?? NaN;
    high = s[n - lowerIdx - 1] ?? NaN;
  }
  let sum = 0;
  for (const x of s) sum += x;
  return { mean: sum / n, ci: 0.5 * (high - low), low, high };
}

/** Scores of the corpus on each resample. */
export function bootstrapScores(
  p: PackedStats,
  score: StatsScore,
  indices: readonly Int32Array[],
): Float64Array {
  const out = new Float64Array(indices.length);
  indices.forEach((idx, s) => {
    out[s] = score(sumRows(p, idx));
  });
  return out;
}

/** Bootstrap confidence interval of a corpus score over rows of sufficient statistics. */
export function bootstrapCi(
  stats: readonly (readonly number[])[],
  score: StatsScore,
  options: BootstrapOptions = {},
): BootstrapResult {
  const nSamples = options.nSamples ?? DEFAULT_BOOTSTRAP_SAMPLES;
  const seed = options.seed ?? DEFAULT_SEED;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(nSamples) || nSamples < 1)
    throw new RangeError(`bootstrap needs ≥ 1 sample, got ${nSamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
  const p = packStats(stats);
  const full = score(sumAll(p));
  if (p.rows === 0) {
    return {
      score: full,
      mean: NaN,
      ci: NaN,
      interval: { low: NaN, high: NaN, level, method: 'bootstrap(n=0)' },
      nSamples,
      seed,
    };
  }
  const scores = bootstrapScores(p, score, resampleIndices(p.rows, nSamples, seed));
  const e = estimateCi(scores, level);
  return {
    score: full,
    mean: e.mean,
    ci: e.ci,
    interval: { low: e.low, high: e.high, level, method: `bootstrap(n=${nSamples},seed=${seed})` },
    nSamples,
    seed,
  };
}
