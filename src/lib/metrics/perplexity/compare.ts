// Model comparison on the same texts: per-row paired differences and the corpus difference with a paired
// bootstrap interval. Bits per byte is the default measure because it does not depend on the tokenizer, so a
// base model and a fine-tune with a different vocabulary compare fairly (lm-evaluation-harness's rationale).
import type { Interval } from '../../core/types';
import { pairedBootstrapInterval, type BootstrapOptions } from './bootstrap';
import { bitsPerByte, rowPerplexity, sumStats, type PerplexityStats } from './corpus';

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
  const { interval, pValue } = pairedBootstrapInterval(a, b, (summed) => measure(summed, m), options);
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
    difference: corpusA === null || corpusB === null ? null : corpusB - corpusA,
    interval,
    pValue,
    bBetter,
    aBetter,
    ties,
  };
}
