// Bootstrap intervals over rows of perplexity statistics, through the shared stats module (sacreBLEU-style
// resampling of per-row sufficient statistics, Koehn 2004): the corpus measure is recomputed from the summed
// [tokens, NLL, words, bytes] of each resample. The paired variant draws one index set per resample for both models.
import type { Interval } from '../../core/types';
import {
  DEFAULT_BOOTSTRAP_SAMPLES,
  DEFAULT_SEED,
  bootstrapCi,
  bootstrapScores,
  estimateCi,
  packStats,
  pairedBootstrap,
  resampleIndices,
} from '../stats';
import type { PerplexityStats } from './corpus';

/** Bootstrap settings. */
export interface BootstrapOptions {
  resamples?: number;
  seed?: number;
  level?: number;
}

/** A corpus measure of summed statistics (null when undefined, e.g. no tokens). */
export type StatsMeasure = (summed: PerplexityStats) => number | null;

const toRow = (s: PerplexityStats): number[] => [s.tokens, s.nllSum, s.words, s.bytes];
const fromRow = (v: readonly number[]): PerplexityStats => ({
  tokens: v[0] ?? 0,
  nllSum: v[1] ?? 0,
  words: v[2] ?? 0,
  bytes: v[3] ?? 0,
});
const scoreOf = (measure: StatsMeasure) => (summed: number[]) => measure(fromRow(summed)) ?? NaN;

function finite(i: Interval): Interval | null {
  return Number.isFinite(i.low) && Number.isFinite(i.high) ? i : null;
}

/** Percentile bootstrap interval of a corpus measure over rows; null without rows or a finite interval. */
export function bootstrapInterval(
  rows: readonly PerplexityStats[],
  measure: StatsMeasure,
  options: BootstrapOptions = {},
): Interval | null {
  if (rows.length === 0) return null;
  const r = bootstrapCi(rows.map(toRow), scoreOf(measure), {
    nSamples: options.resamples ?? DEFAULT_BOOTSTRAP_SAMPLES,
    seed: options.seed ?? DEFAULT_SEED,
    level: options.level ?? 0.95,
  });
  return finite(r.interval);
}

/** Paired bootstrap of measure(B) − measure(A): the interval of the resampled differences and sacreBLEU's p-value. */
export function pairedBootstrapInterval(
  a: readonly PerplexityStats[],
  b: readonly PerplexityStats[],
  measure: StatsMeasure,
  options: BootstrapOptions = {},
): { interval: Interval | null; pValue: number | null } {
  if (a.length !== b.length)
    throw new RangeError(`paired bootstrap needs equal lengths (${a.length} vs ${b.length})`);
  if (a.length === 0) return { interval: null, pValue: null };
  const nSamples = options.resamples ?? DEFAULT_BOOTSTRAP_SAMPLES;
  const seed = options.seed ?? DEFAULT_SEED;
  const level = options.level ?? 0.95;
  const pa = packStats(a.map(toRow));
  const pb = packStats(b.map(toRow));
  const idx = resampleIndices(a.length, nSamples, seed);
  const sa = bootstrapScores(pa, scoreOf(measure), idx);
  const sb = bootstrapScores(pb, scoreOf(measure), idx);
  const diffs = sb.map((v, i) => v - (sa[i] ?? NaN));
  const e = estimateCi(diffs, level);
  const test = pairedBootstrap(a.map(toRow), b.map(toRow), scoreOf(measure), { nSamples, seed });
  return {
    interval: finite({
      low: e.low,
      high: e.high,
      level,
      method: `paired-bootstrap(n=${nSamples},seed=${seed})`,
    }),
    pValue: Number.isFinite(test.pValue) ? test.pValue : null,
  };
}
