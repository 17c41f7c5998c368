// Model comparison on the same texts: per-row paired differences and the corpus difference with a paired
// bootstrap interval. Bits per byte is the default measure because it does not depend on the tokenizer, so a
// base model and a fine-tune with a different vocabulary compare fairly (lm-evaluation-harness's rationale).
import type { Interval } from '../../core/types';
import { DEFAULT_BOOTSTRAP_SAMPLES, DEFAULT_SEED, pairedBsPValue, type BootstrapOptions } from '../stats';
import {
  bitsPerByte,
  percentileInterval,
  resampleMeasures,
  rowPerplexity,
  statsVector,
  sumStats,
  vectorStats,
  type PerplexityStats,
} from './corpus';

/** What the difference is measured in. */
export type ComparisonMeasure = 'bits_per_byte' | 'token_perplexity' | 'log_token_perplexity';

function measure(stats: PerplexityStats, m: ComparisonMeasure): number | null {
  if (m === 'bits_per_byte') return stats.tokens > 0 ? bitsPerByte(stats) : null;
  if (m === 'token_perplexity') return rowPerplexity(stats);
  return stats.tokens > 0 ? stats.nllSum / stats.tokens : null;
}

/** Per-row and corpus difference B − A. */
export interface Comparison {
  measure: ComparisonMeasure;
  /** B − A per row; null when either side scored nothing. */
  perRow: (number | null)[];
  corpusA: number | null;
  corpusB: number | null;
  /** corpusB − corpusA. */
  difference: number | null;
  interval: Interval | null;
  /** Paired bootstrap p-value of the difference (sacreBLEU's rule). */
  pValue: number | null;
  /** Rows where B is lower (better) / higher / equal. */
  bBetter: number;
  aBetter: number;
  ties: number;
}

/**
 * Paired bootstrap of B − A (Koehn 2004): each resample draws one set of rows for both models (row i of A and of
 * B stay together as one vector [A's stats, B's stats]), recomputes both corpus measures, and takes their
 * difference; the interval is the type-7 percentile interval of the differences and the p-value sacreBLEU's
 * paired-bs rule on the same resamples (pairedBsPValue). Resamples where a measure is undefined are dropped.
 */
function pairedInterval(
  a: readonly PerplexityStats[],
  b: readonly PerplexityStats[],
  m: ComparisonMeasure,
  difference: number | null,
  options: BootstrapOptions,
): { interval: Interval | null; pValue: number | null } {
  if (a.length === 0) return { interval: null, pValue: null };
  const rows = a.map((ra, i) => [...statsVector(ra), ...statsVector(b[i] ?? ra)]);
  const [sa = [], sb = []] = resampleMeasures(
    rows,
    [(v) => measure(vectorStats(v, 0), m) ?? NaN, (v) => measure(vectorStats(v, 4), m) ?? NaN],
    options,
  );
  const keptA: number[] = [];
  const keptB: number[] = [];
  const diffs: number[] = [];
  for (let s = 0; s < sa.length; s++) {
    const x = sa[s] ?? NaN;
    const y = sb[s] ?? NaN;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    keptA.push(x);
    keptB.push(y);
    diffs.push(y - x);
  }
  const n = options.nSamples ?? DEFAULT_BOOTSTRAP_SAMPLES;
  const method = `paired-bootstrap(n=${n},seed=${options.seed ?? DEFAULT_SEED})`;
  return {
    interval: percentileInterval(diffs, options.level ?? 0.95, method),
    pValue:
      difference === null || diffs.length === 0 ? null : pairedBsPValue(keptA, keptB, Math.abs(difference)),
  };
}

/** Compares model B against model A on the same rows (same order). */
export function compareModels(
  a: readonly PerplexityStats[],
  b: readonly PerplexityStats[],
  m: ComparisonMeasure = 'bits_per_byte',
  options: BootstrapOptions = {},
): Comparison {
  if (a.length !== b.length)
    throw new RangeError(`models scored different row counts (${a.length} vs ${b.length})`);
  const perRow = a.map((ra, i) => {
    const rb = b[i];
    const va = measure(ra, m);
    const vb = rb ? measure(rb, m) : null;
    return va === null || vb === null ? null : vb - va;
  });
  const corpusA = measure(sumStats(a), m);
  const corpusB = measure(sumStats(b), m);
  const difference = corpusA === null || corpusB === null ? null : corpusB - corpusA;
  const { interval, pValue } = pairedInterval(a, b, m, difference, options);
  let bBetter = 0;
  let aBetter = 0;
  let ties = 0;
  for (const d of perRow) {
    if (d === null) continue;
    if (d < 0) bBetter++;
    else if (d > 0) aBetter++;
    else ties++;
  }
  return {
    measure: m,
    perRow,
    corpusA,
    corpusB,
    difference,
    interval,
    pValue,
    bBetter,
    aBetter,
    ties,
  };
}
