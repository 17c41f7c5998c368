// Warnings in words: too few items, and intervals that overlap so two systems cannot be told apart.
import type { SourceStat } from './stats';

/** Below this many rows a number is flagged as resting on too few items. */
export const SMALL_N = 30;

/** A warning about one or two results. */
export interface ReportWarning {
  code: 'small-n' | 'overlap' | 'win-rate';
  message: string;
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(1) : v.toFixed(3));

/** Small-n warning for one statistic. */
export function smallNWarning(s: SourceStat): ReportWarning | null {
  if (s.n === 0 || s.n >= SMALL_N) return null;
  return {
    code: 'small-n',
    message: `${s.label} for ${s.system} rests on only ${s.n} item${s.n === 1 ? '' : 's'}: too few to draw a firm conclusion.`,
  };
}

/**
 * For every pair of systems on the same metric and signature-compatible runs: when their intervals overlap,
 * say that there are not enough items to tell them apart. (Overlap is a conservative screen; the paired
 * comparison in Compare can still separate two systems whose intervals overlap.)
 */
export function overlapWarnings(stats: readonly SourceStat[]): ReportWarning[] {
  const out: ReportWarning[] = [];
  const byMetric = new Map<string, SourceStat[]>();
  for (const s of stats) byMetric.set(s.metric, [...(byMetric.get(s.metric) ?? []), s]);
  for (const list of byMetric.values()) {
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i];
        const b = list[j];
        if (!a || !b || a.system === b.system || !a.interval || !b.interval) continue;
        if (a.interval.low <= b.interval.high && b.interval.low <= a.interval.high)
          out.push({
            code: 'overlap',
            message: `${a.label}: ${a.system} [${fmt(a.interval.low)}, ${fmt(a.interval.high)}] and ${b.system} [${fmt(b.interval.low)}, ${fmt(b.interval.high)}] overlap — not enough items to tell these apart.`,
          });
      }
  }
  return out;
}

/** Every warning for a set of statistics (small n first, then overlaps). */
export function reportWarnings(stats: readonly SourceStat[]): ReportWarning[] {
  return [
    ...stats.map(smallNWarning).filter((w): w is ReportWarning => w !== null),
    ...overlapWarnings(stats),
  ];
}
