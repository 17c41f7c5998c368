// Likert summaries: per system and dimension, the mean of per-item scores (annotators averaged within an item)
// with a seeded bootstrap interval over items, the distribution of raw scores, and paired differences between
// two systems on the same items, d_i = score_A − score_B, with a bootstrap interval and a sign test (JUDGE-NOTES §3.8).
import type { Interval } from '../core/types';
import { bootstrapMean, signTest, type BootstrapOptions } from './stats';
import type { LikertVote, StatWarning } from './types';
import { sampleWarnings } from './warnings';

/** An integer score range, e.g. 1–5. */
export interface LikertScale {
  min: number;
  max: number;
}

/** Mean and distribution of one system's scores on one dimension. */
export interface LikertCell {
  system: string;
  dimension: string;
  /** Items with at least one score. */
  items: number;
  /** Scores given (several per item when several annotators rated it). */
  ratings: number;
  /** Mean over items of the per-item mean score; null without data. */
  mean: number | null;
  interval: Interval | null;
  /** Count of each score from `scale.min` to `scale.max`. */
  distribution: number[];
  warnings: StatWarning[];
}

/** Paired difference of two systems on one dimension over the items both were scored on. */
export interface LikertDifference {
  dimension: string;
  system: string;
  baseline: string;
  items: number;
  /** Mean of d_i = mean score(system) − mean score(baseline) on item i. */
  meanDiff: number | null;
  interval: Interval | null;
  /** Items where the system scored higher, lower, equal. */
  better: number;
  worse: number;
  equal: number;
  /** Exact sign test over items with d_i ≠ 0. */
  signTestP: number | null;
  warnings: StatWarning[];
}

/** Per-item mean score of one system on one dimension (annotators averaged within the item). */
export function itemMeans(
  votes: readonly LikertVote[],
  system: string,
  dimension: string,
): Map<string, number> {
  const acc = new Map<string, { s: number; n: number }>();
  for (const v of votes) {
    if (v.system !== system || v.dimension !== dimension) continue;
    const a = acc.get(v.rowId) ?? { s: 0, n: 0 };
    a.s += v.score;
    a.n += 1;
    acc.set(v.rowId, a);
  }
  return new Map([...acc].map(([k, { s, n }]) => [k, s / n]));
}

/** One summary cell per (system, dimension), in the order given. */
export function summarizeLikert(
  votes: readonly LikertVote[],
  systems: readonly string[],
  dimensions: readonly string[],
  scale: LikertScale,
  bootstrap: BootstrapOptions = {},
): LikertCell[] {
  const cells: LikertCell[] = [];
  for (const system of systems)
    for (const dimension of dimensions) {
      const distribution = new Array<number>(scale.max - scale.min + 1).fill(0);
      let ratings = 0;
      for (const v of votes)
        if (v.system === system && v.dimension === dimension) {
          const i = v.score - scale.min;
          if (i >= 0 && i < distribution.length) distribution[i] = (distribution[i] ?? 0) + 1;
          ratings++;
        }
      const means = [...itemMeans(votes, system, dimension).values()];
      const items = means.length;
      cells.push({
        system,
        dimension,
        items,
        ratings,
        mean: items > 0 ? means.reduce((a, b) => a + b, 0) / items : null,
        interval: bootstrapMean(means, bootstrap),
        distribution,
        warnings: sampleWarnings(items, null, 0, 'scores'),
      });
    }
  return cells;
}

/** Paired difference `system − baseline` on one dimension, over items where both have scores. */
export function pairedLikertDifference(
  votes: readonly LikertVote[],
  dimension: string,
  system: string,
  baseline: string,
  bootstrap: BootstrapOptions = {},
): LikertDifference {
  const a = itemMeans(votes, system, dimension);
  const b = itemMeans(votes, baseline, dimension);
  const diffs: number[] = [];
  for (const [rowId, x] of a) {
    const y = b.get(rowId);
    if (y !== undefined) diffs.push(x - y);
  }
  const better = diffs.filter((d) => d > 0).length;
  const worse = diffs.filter((d) => d < 0).length;
  const interval = bootstrapMean(diffs, bootstrap);
  return {
    dimension,
    system,
    baseline,
    items: diffs.length,
    meanDiff: diffs.length > 0 ? diffs.reduce((s, d) => s + d, 0) / diffs.length : null,
    interval,
    better,
    worse,
    equal: diffs.length - better - worse,
    signTestP: signTest(better, better + worse),
    warnings: sampleWarnings(diffs.length, interval, 0, 'paired scores'),
  };
}
