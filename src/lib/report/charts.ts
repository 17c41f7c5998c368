// Chart specs of the dashboard, built from the report data. Pure: the view passes them to <Chart>.
import type { ChartSpec, HeatTableSpec, IntervalBarSpec } from '../ui/charts/spec';
import { itemScores } from '../ratings/winrate';
import type { BootstrapOptions } from '../ratings/stats';
import type { PairwiseSet, ReportData, ScoreSource } from './model';
import { sliceLabel, sliceMask, wordCount, type SliceDef } from './slices';
import { pairwiseStat, sourceStat } from './stats';

/** Metrics (by name) that have scores, in first-seen order. */
export function metricNames(data: ReportData): string[] {
  return [...new Set(data.sources.map((s) => s.metric))];
}

/** The latest source per system for a metric (a re-run replaces the earlier one in charts). */
export function latestSources(data: ReportData, metric: string): ScoreSource[] {
  const bySystem = new Map<string, ScoreSource>();
  for (const s of data.sources)
    if (s.metric === metric && (bySystem.get(s.system)?.createdAt ?? -Infinity) <= s.createdAt)
      bySystem.set(s.system, s);
  return [...bySystem.values()];
}

const isRate = (srcs: ScoreSource[]) =>
  srcs.every((s) => s.scores.every((v) => v === null || (v >= 0 && v <= 1))) && srcs.every((s) => !s.ppl);

/** Histogram of row scores of one metric, one series per system. */
export function distributionSpec(
  data: ReportData,
  metric: string,
  mask: readonly boolean[] | null,
): ChartSpec {
  const srcs = latestSources(data, metric);
  const label = srcs[0]?.label ?? metric;
  const range = srcs[0]?.range ?? (isRate(srcs) ? ([0, 1] as [number, number]) : undefined);
  return {
    kind: 'histogram',
    title: `Distribution of ${label} per row`,
    xLabel: label,
    yLabel: 'Rows',
    digits: 2,
    ...(range ? { range } : {}),
    series: srcs.map((s) => ({
      label: s.system,
      values: s.scores.filter((v, i): v is number => v !== null && (mask === null || mask[i] === true)),
    })),
  };
}

/** Per-slice breakdown of one metric: value and interval per slice and system. */
export function sliceSpec(
  data: ReportData,
  metric: string,
  slices: readonly SliceDef[],
  boot: BootstrapOptions = {},
): IntervalBarSpec {
  const srcs = latestSources(data, metric);
  const masks = slices.map((d) => {
    const m = sliceMask(data.rows, d);
    return d.kind === 'all' ? null : m.ok ? m.value : data.rows.map(() => false);
  });
  const label = srcs[0]?.label ?? metric;
  return {
    kind: 'interval-bar',
    title: `${label} by slice`,
    xLabel: 'Slice',
    yLabel: label,
    intervalLabel: '95% CI',
    digits: 3,
    ...(isRate(srcs) ? { range: [0, 1] as [number, number] } : {}),
    categories: slices.map(sliceLabel),
    series: srcs.map((s) => ({
      label: s.system,
      points: masks.map((m) => {
        const st = sourceStat(s, m, boot);
        return st.value === null
          ? null
          : { value: st.value, low: st.interval?.low ?? st.value, high: st.interval?.high ?? st.value };
      }),
    })),
  };
}

/** Win rates with intervals: one category per slice, one series per pairwise set (first system's view). */
export function winRateSpec(
  data: ReportData,
  slices: readonly SliceDef[],
  boot: BootstrapOptions = {},
): IntervalBarSpec {
  const masks = slices.map((d) => {
    const m = sliceMask(data.rows, d);
    return d.kind === 'all' ? null : m.ok ? m.value : data.rows.map(() => false);
  });
  return {
    kind: 'interval-bar',
    title: 'Win rate with 95% interval (ties count ½)',
    xLabel: 'Slice',
    yLabel: 'Win rate',
    percent: true,
    range: [0, 1],
    intervalLabel: '95% CI (bootstrap over items)',
    categories: slices.map(sliceLabel),
    series: data.pairwise.map((set) => ({
      label: `${set.label}: ${set.systems[0]} vs ${set.systems[1]}`,
      points: masks.map((m) => {
        const s = pairwiseStat(set, data.rows, m, boot);
        return s.winRate === null
          ? null
          : { value: s.winRate, low: s.interval?.low ?? s.winRate, high: s.interval?.high ?? s.winRate };
      }),
    })),
  };
}

/**
 * Short bar labels ("Human: a vs b", "Judge: a vs b", numbered when two sets share one): the full set labels are
 * too long for a category axis; they stay in the win-rate chart's legend.
 */
export function outcomeCategories(sets: readonly PairwiseSet[]): string[] {
  const short = sets.map(
    (s) => `${s.kind === 'human' ? 'Human' : 'Judge'}: ${s.systems[0]} vs ${s.systems[1]}`,
  );
  return short.map((name, i) => {
    const same = short.filter((x) => x === name).length;
    return same > 1 ? `${name} (${short.slice(0, i + 1).filter((x) => x === name).length})` : name;
  });
}

/** Outcome counts (win / tie / loss of the first system) per pairwise set, as stacked shares. */
export function outcomeSpec(data: ReportData, mask: readonly boolean[] | null): ChartSpec {
  const counts = data.pairwise.map((set) => pairwiseStat(set, data.rows, mask, { rounds: 1 }).itemCounts);
  return {
    kind: 'stacked-bar',
    title: 'Outcomes per item',
    xLabel: 'Share of items',
    yLabel: 'Comparison',
    horizontal: true,
    normalize: true,
    height: Math.max(200, 80 + 50 * data.pairwise.length),
    categories: outcomeCategories(data.pairwise),
    series: [
      { label: 'win', values: counts.map((c) => c.wins) },
      { label: 'tie', values: counts.map((c) => c.ties) },
      { label: 'loss', values: counts.map((c) => c.losses) },
    ],
  };
}

function outcomeOf(score: number | undefined): number | null {
  if (score === undefined) return null;
  return score > 0.5 ? 0 : score < 0.5 ? 2 : 1;
}

/** Judge-vs-human confusion matrix over items both judged (pooled item outcome of the first system). */
export function confusionSpec(
  human: PairwiseSet,
  judge: PairwiseSet,
  mask: readonly boolean[] | null,
  rowsIds: readonly string[],
): HeatTableSpec {
  const [a, b] = human.systems;
  const allowed = mask === null ? null : new Set(rowsIds.filter((_, i) => mask[i] === true));
  const h = itemScores(human.votes, a, b);
  const j = itemScores(judge.votes, a, b);
  const labels = [`${a} better`, 'tie', `${b} better`];
  const cells = labels.map(() => labels.map(() => 0));
  for (const [rowId, hs] of h) {
    if (allowed && !allowed.has(rowId)) continue;
    const r = outcomeOf(hs);
    const c = outcomeOf(j.get(rowId));
    if (r === null || c === null) continue;
    const line = cells[r];
    if (line) line[c] = (line[c] ?? 0) + 1;
  }
  return {
    kind: 'heat-table',
    title: `Judge vs human: ${a} vs ${b}`,
    xLabel: 'Judge',
    yLabel: 'Human',
    rowLabels: labels,
    colLabels: labels,
    cells,
  };
}

/** Row score against response length (words), one series per system. */
export function lengthScatterSpec(
  data: ReportData,
  metric: string,
  mask: readonly boolean[] | null,
): ChartSpec {
  const srcs = latestSources(data, metric);
  const label = srcs[0]?.label ?? metric;
  return {
    kind: 'scatter',
    title: `${label} vs response length`,
    xLabel: 'Response length (words)',
    yLabel: label,
    digits: 3,
    series: srcs.map((s) => ({
      label: s.system,
      points: data.rows.flatMap((row, i) => {
        const y = s.scores[i];
        const text = row.responses[s.system];
        if (y === null || y === undefined || text === undefined || (mask !== null && mask[i] !== true))
          return [];
        return [{ x: wordCount(text), y, label: row.id }];
      }),
    })),
  };
}
