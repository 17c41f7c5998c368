// Statistics of a score source on a subset of rows. Whole-dataset numbers are the ones stored with the run (the
// metric's own corpus score and interval); on a slice, perplexity is recomputed exactly from its sufficient
// statistics (exp ΣNLL/Σtokens) and other scores as the mean of row scores, each with a seeded percentile bootstrap
// over rows (ratings/stats, the same kernel the human and judge win rates use).
import type { Interval } from '../core/types';
import { bootstrapInterval, bootstrapMean, type BootstrapOptions } from '../ratings/stats';
import { computePairwiseSummary, type WinRateSummary } from '../ratings/winrate';
import type { PairwiseSet, ScoreSource } from './model';
import type { RowRecord } from '../db/records';

/** A score source's number on some rows. */
export interface SourceStat {
  key: string;
  label: string;
  metric: string;
  system: string;
  signature: string;
  /** Rows with a score. */
  n: number;
  value: number | null;
  interval: Interval | null;
  /** How `value` was obtained, in words. */
  method: string;
  higherIsBetter: boolean;
}

/** Statistic of one source over the rows where mask is true (mask null = every row: the stored corpus number). */
export function sourceStat(
  src: ScoreSource,
  mask: readonly boolean[] | null,
  boot: BootstrapOptions = {},
): SourceStat {
  const base = {
    key: src.key,
    label: src.label,
    metric: src.metric,
    system: src.system,
    signature: src.signature,
    higherIsBetter: src.higherIsBetter,
  };
  const pick = (i: number) => mask === null || mask[i] === true;
  if (src.ppl) {
    const stats = src.ppl.filter((s, i): s is { nll: number; tokens: number } => s !== null && pick(i));
    const ratio = (idx: Iterable<number>) => {
      let nll = 0;
      let tok = 0;
      for (const i of idx) {
        const s = stats[i];
        if (s) {
          nll += s.nll;
          tok += s.tokens;
        }
      }
      return tok > 0 ? Math.exp(nll / tok) : Number.NaN;
    };
    const all = stats.map((_, i) => i);
    const value = stats.length ? ratio(all) : null;
    return {
      ...base,
      n: stats.length,
      value,
      interval: bootstrapInterval(stats.length, ratio, boot),
      method: 'token perplexity exp(ΣNLL/Σtokens), bootstrap over rows',
    };
  }
  const values = src.scores.filter((v, i): v is number => v !== null && pick(i));
  if (mask !== null && src.corpusOn) {
    const corpusOn = src.corpusOn;
    const sel = src.scores.flatMap((v, i) => (v !== null && pick(i) ? [i] : []));
    const value = sel.length ? corpusOn(sel) : null;
    return {
      ...base,
      n: sel.length,
      value: value !== null && Number.isFinite(value) ? value : null,
      interval: bootstrapInterval(sel.length, (idx) => corpusOn(Array.from(idx, (i) => sel[i] ?? -1)), boot),
      method: 'corpus score recomputed on the slice, bootstrap over rows',
    };
  }
  if (mask === null && src.stored.score !== null)
    return {
      ...base,
      n: values.length,
      value: src.stored.score,
      interval: src.stored.interval,
      method: 'corpus score as computed by the run',
    };
  return {
    ...base,
    n: values.length,
    value: values.length ? values.reduce((a, b) => a + b, 0) / values.length : null,
    interval: bootstrapMean(values, boot),
    method: 'mean of row scores, bootstrap over rows',
  };
}

/** Win rate of the first system of a pairwise set on the rows where mask is true. */
export function pairwiseStat(
  set: PairwiseSet,
  rows: readonly RowRecord[],
  mask: readonly boolean[] | null,
  boot: BootstrapOptions = {},
): WinRateSummary {
  const allowed = mask === null ? null : new Set(rows.filter((_, i) => mask[i] === true).map((r) => r.id));
  const votes = allowed ? set.votes.filter((v) => allowed.has(v.rowId)) : set.votes;
  return computePairwiseSummary(votes, set.systems[0], set.systems[1], { bootstrap: boot });
}
