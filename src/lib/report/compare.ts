// Row-by-row comparison of two score sources: system vs system (same metric, two systems) or run vs run (the same
// system evaluated twice). Differences, rows that flipped across a pass threshold, the largest changes first, and a
// paired bootstrap interval of the mean difference (resampling rows, as sacreBLEU's paired bootstrap does).
import type { Interval } from '../core/types';
import { bootstrapMean, type BootstrapOptions } from '../ratings/stats';
import type { ScoreSource } from './model';

/** One row's two scores and their difference (b − a). */
export interface RowDelta {
  pos: number;
  a: number | null;
  b: number | null;
  delta: number | null;
  /** Crossed the threshold (pass ↔ fail) between a and b. */
  flipped: boolean;
  /** b is better than a, given the direction of the score. */
  improved: boolean;
}

/** Summary of a comparison. */
export interface Comparison {
  deltas: RowDelta[];
  /** Rows scored by both. */
  paired: number;
  improved: number;
  worsened: number;
  unchanged: number;
  flipped: number;
  meanDelta: number | null;
  interval: Interval | null;
  threshold: number | null;
}

/**
 * The default pass threshold: 0.5 for scores in [0, 1] (exact match, accuracy, normalised metrics), the midpoint
 * of a judge or Likert scale, none for open-ended scores (perplexity).
 */
export function defaultThreshold(a: ScoreSource, b: ScoreSource): number | null {
  if (a.kind === 'perplexity' || b.kind === 'perplexity') return null;
  const range = a.range ?? b.range;
  if (range) return (range[0] + range[1]) / 2;
  const all = [...a.scores, ...b.scores].filter((v): v is number => v !== null);
  if (all.length && all.every((v) => v >= 0 && v <= 1)) return 0.5;
  return null;
}

/** Compares two sources row by row. */
export function compareSources(
  a: ScoreSource,
  b: ScoreSource,
  threshold: number | null = defaultThreshold(a, b),
  boot: BootstrapOptions = {},
): Comparison {
  const sign = a.higherIsBetter ? 1 : -1;
  const n = Math.max(a.scores.length, b.scores.length);
  const deltas: RowDelta[] = [];
  const paired: number[] = [];
  let improved = 0;
  let worsened = 0;
  let unchanged = 0;
  let flipped = 0;
  for (let pos = 0; pos < n; pos++) {
    const x = a.scores[pos] ?? null;
    const y = b.scores[pos] ?? null;
    const delta = x !== null && y !== null ? y - x : null;
    const flip = threshold !== null && x !== null && y !== null && x >= threshold !== y >= threshold;
    const better = delta !== null && sign * delta > 0;
    if (delta !== null) {
      paired.push(delta);
      if (delta === 0) unchanged++;
      else if (better) improved++;
      else worsened++;
    }
    if (flip) flipped++;
    deltas.push({ pos, a: x, b: y, delta, flipped: flip, improved: better });
  }
  return {
    deltas,
    paired: paired.length,
    improved,
    worsened,
    unchanged,
    flipped,
    meanDelta: paired.length ? paired.reduce((s, d) => s + d, 0) / paired.length : null,
    interval: bootstrapMean(paired, boot),
    threshold,
  };
}

/** Rows ordered by the size of the change, largest first; rows without both scores last. */
export function byLargestChange(deltas: readonly RowDelta[]): RowDelta[] {
  return [...deltas].sort((x, y) => Math.abs(y.delta ?? -1) - Math.abs(x.delta ?? -1) || x.pos - y.pos);
}

/** Pairs that can be compared: same metric on two systems, or the same system and metric run twice. */
export function comparablePairs(
  sources: readonly ScoreSource[],
): { a: ScoreSource; b: ScoreSource; kind: 'systems' | 'runs' }[] {
  const out: { a: ScoreSource; b: ScoreSource; kind: 'systems' | 'runs' }[] = [];
  for (let i = 0; i < sources.length; i++)
    for (let j = i + 1; j < sources.length; j++) {
      const a = sources[i];
      const b = sources[j];
      if (!a || !b || a.metric !== b.metric) continue;
      out.push({ a, b, kind: a.system === b.system ? 'runs' : 'systems' });
    }
  return out;
}
