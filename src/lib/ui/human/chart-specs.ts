// Pure chart specs for the human-evaluation results, drawn by the shared <Chart> component.
import type { IntervalBarSpec, StackedBarSpec } from '../charts/spec';
import type { BtResult } from '../../ratings/bradley-terry';
import type { LikertCell } from '../../ratings/likert';
import type { SliceSummary } from '../../ratings/slices';
import type { WinRateSummary } from '../../ratings/winrate';

const levelText = (level: number) => `${Math.round(level * 100)}%`;

/** Win rate overall and per tag, with bootstrap intervals. */
export function winRateChart(summary: WinRateSummary, slices: readonly SliceSummary[]): IntervalBarSpec {
  const all = [{ tag: 'all rows', summary }, ...slices];
  const level = summary.interval?.level ?? 0.95;
  return {
    kind: 'interval-bar',
    title: `Win rate of ${summary.system} over ${summary.baseline}`,
    xLabel: 'Slice',
    yLabel: 'Win rate (tie = ½)',
    percent: true,
    range: [0, 1],
    intervalLabel: `${levelText(level)} CI (bootstrap over items)`,
    caption: 'Ties count as half a win; 50% means no preference.',
    categories: all.map((s) => `${s.tag} (n=${s.summary.items})`),
    series: [
      {
        label: summary.system,
        points: all.map(({ summary: s }) =>
          s.winRate === null
            ? null
            : { value: s.winRate, low: s.interval?.low ?? s.winRate, high: s.interval?.high ?? s.winRate },
        ),
      },
    ],
  };
}

/** Outcome counts (win / tie / both bad / loss) overall and per tag, as shares. */
export function outcomeChart(summary: WinRateSummary, slices: readonly SliceSummary[]): StackedBarSpec {
  const all = [{ tag: 'all rows', summary }, ...slices];
  const pick = (f: (s: WinRateSummary) => number) => all.map(({ summary: s }) => f(s));
  return {
    kind: 'stacked-bar',
    title: `Judgments: ${summary.system} vs ${summary.baseline}`,
    xLabel: 'Slice',
    yLabel: 'Share of judgments',
    normalize: true,
    percent: true,
    categories: all.map((s) => s.tag),
    series: [
      { label: `${summary.system} better`, values: pick((s) => s.judgments.wins) },
      { label: 'tie', values: pick((s) => s.judgments.ties) },
      { label: 'both bad', values: pick((s) => s.judgments.bothBad) },
      { label: `${summary.baseline} better`, values: pick((s) => s.judgments.losses) },
    ],
  };
}

/** Mean Likert score per dimension and system, with bootstrap intervals. */
export function likertMeansChart(
  cells: readonly LikertCell[],
  systems: readonly string[],
  dimensions: readonly string[],
): IntervalBarSpec {
  return {
    kind: 'interval-bar',
    title: 'Mean score per dimension',
    xLabel: 'Dimension',
    yLabel: 'Mean score',
    intervalLabel: '95% CI (bootstrap over items)',
    categories: [...dimensions],
    series: systems.map((system) => ({
      label: system,
      points: dimensions.map((dimension) => {
        const c = cells.find((x) => x.system === system && x.dimension === dimension);
        return c && c.mean !== null
          ? { value: c.mean, low: c.interval?.low ?? c.mean, high: c.interval?.high ?? c.mean }
          : null;
      }),
    })),
  };
}

/** Distribution of scores on one dimension, one stacked bar per system. */
export function likertDistributionChart(
  cells: readonly LikertCell[],
  dimension: string,
  min: number,
): StackedBarSpec {
  const mine = cells.filter((c) => c.dimension === dimension);
  const levels = mine[0]?.distribution.length ?? 0;
  return {
    kind: 'stacked-bar',
    title: `Score distribution: ${dimension}`,
    xLabel: 'System',
    yLabel: 'Share of scores',
    normalize: true,
    percent: true,
    categories: mine.map((c) => c.system),
    series: Array.from({ length: levels }, (_, i) => ({
      label: `score ${min + i}`,
      values: mine.map((c) => c.distribution[i] ?? 0),
    })),
  };
}

/** Bradley–Terry ratings with bootstrap intervals. */
export function bradleyTerryChart(bt: BtResult): IntervalBarSpec {
  return {
    kind: 'interval-bar',
    title: `Bradley–Terry ratings (${bt.baseline} = 1000)`,
    xLabel: 'System',
    yLabel: 'Rating (400·θ + 1000)',
    digits: 0,
    intervalLabel: '95% CI (bootstrap over items)',
    categories: bt.ratings.map((r) => r.system),
    series: [
      {
        label: 'rating',
        points: bt.ratings.map((r) => ({
          value: r.rating,
          low: r.interval?.low ?? r.rating,
          high: r.interval?.high ?? r.rating,
        })),
      },
    ],
  };
}
