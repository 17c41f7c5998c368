// Pure Chart.js configuration builders: spec in, ChartConfiguration out. No DOM, so they are unit-tested in Node.
import type { ChartConfiguration, ChartOptions, TooltipItem } from 'chart.js';
import type {} from 'chartjs-chart-error-bars';
import { binLabels, binSeries } from './histogram';
import { formatValue } from './format';
import { seriesColor, withAlpha } from './palette';
import type {
  BarSpec,
  BaseChartSpec,
  HistogramSpec,
  IntervalBarSpec,
  ScatterSpec,
  StackedBarSpec,
  ChartSpec,
} from './spec';

/** Any configuration this module builds. */
export type YardstickChartConfig =
  ChartConfiguration<'bar'> | ChartConfiguration<'scatter'> | ChartConfiguration<'barWithErrorBars'>;

function axisTitle(text: string) {
  return { display: true, text, font: { weight: 'bold' as const } };
}

/** Options every chart shares: title, legend, axis titles, no animation (PNG export and screenshots see the final frame). */
function baseOptions(spec: BaseChartSpec, horizontal: boolean, stacked = false) {
  const valueAxis = horizontal ? 'x' : 'y';
  const ticks = {
    callback: (v: string | number) => (typeof v === 'number' && spec.percent ? `${Math.round(v * 100)}%` : v),
  };
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false as const,
    indexAxis: horizontal ? ('y' as const) : ('x' as const),
    plugins: {
      title: { display: true, text: spec.title, font: { size: 14 } },
      legend: { display: true, position: 'bottom' as const },
    },
    scales: {
      x: { title: axisTitle(spec.xLabel), stacked, ...(valueAxis === 'x' ? { ticks } : {}) },
      y: { title: axisTitle(spec.yLabel), stacked, ...(valueAxis === 'y' ? { ticks } : {}) },
    },
  };
}

function withRange<T extends { scales: { x: object; y: object } }>(
  opts: T,
  horizontal: boolean,
  range?: [number, number],
): T {
  if (!range) return opts;
  const key = horizontal ? 'x' : 'y';
  return {
    ...opts,
    scales: { ...opts.scales, [key]: { ...opts.scales[key], min: range[0], max: range[1] } },
  };
}

function barConfig(spec: BarSpec): ChartConfiguration<'bar'> {
  const horizontal = spec.horizontal ?? false;
  const options = withRange(baseOptions(spec, horizontal), horizontal, spec.range) as ChartOptions<'bar'>;
  options.plugins = { ...options.plugins, tooltip: { callbacks: { label: tooltipLabel(spec) } } };
  return {
    type: 'bar',
    data: {
      labels: spec.categories,
      datasets: spec.series.map((s, i) => ({
        label: s.label,
        data: s.values.map((v) => (v === null || !Number.isFinite(v) ? null : v)) as number[],
        backgroundColor: withAlpha(seriesColor(i), 0.75),
        borderColor: seriesColor(i),
        borderWidth: 1,
      })),
    },
    options,
  };
}

function stackedConfig(spec: StackedBarSpec): ChartConfiguration<'bar'> {
  const horizontal = spec.horizontal ?? false;
  const totals = spec.categories.map((_, c) => spec.series.reduce((a, s) => a + (s.values[c] ?? 0), 0));
  const shown = { ...spec, percent: spec.normalize ? true : (spec.percent ?? false) };
  const options = baseOptions(shown, horizontal, true) as ChartOptions<'bar'>;
  if (spec.normalize)
    Object.assign(options, withRange(baseOptions(shown, horizontal, true), horizontal, [0, 1]));
  options.plugins = { ...options.plugins, tooltip: { callbacks: { label: tooltipLabel(shown) } } };
  return {
    type: 'bar',
    data: {
      labels: spec.categories,
      datasets: spec.series.map((s, i) => ({
        label: s.label,
        data: spec.categories.map((_, c) => {
          const v = s.values[c] ?? 0;
          const t = totals[c] ?? 0;
          return spec.normalize ? (t > 0 ? v / t : 0) : v;
        }),
        backgroundColor: withAlpha(seriesColor(i), 0.8),
        borderColor: seriesColor(i),
        borderWidth: 1,
      })),
    },
    options,
  };
}

function intervalConfig(spec: IntervalBarSpec): ChartConfiguration<'barWithErrorBars'> {
  const horizontal = spec.horizontal ?? false;
  const options = withRange(
    baseOptions(spec, horizontal),
    horizontal,
    spec.range,
  ) as ChartOptions<'barWithErrorBars'>;
  options.plugins = {
    ...options.plugins,
    tooltip: {
      callbacks: {
        label: (item: TooltipItem<'barWithErrorBars'>) => {
          const p = spec.series[item.datasetIndex]?.points[item.dataIndex];
          if (!p) return `${item.dataset.label ?? ''}: –`;
          return `${item.dataset.label ?? ''}: ${formatValue(p.value, spec)} [${formatValue(p.low, spec)}, ${formatValue(p.high, spec)}]`;
        },
      },
    },
  };
  return {
    type: 'barWithErrorBars',
    data: {
      labels: spec.categories,
      datasets: spec.series.map((s, i) => ({
        label: s.label,
        // The plugin reads {y, yMin, yMax} (vertical) or {x, xMin, xMax} (horizontal); NaN leaves a gap.
        data: s.points.map((p) =>
          horizontal
            ? { x: p?.value ?? Number.NaN, xMin: p?.low ?? Number.NaN, xMax: p?.high ?? Number.NaN }
            : { y: p?.value ?? Number.NaN, yMin: p?.low ?? Number.NaN, yMax: p?.high ?? Number.NaN },
        ) as never,
        backgroundColor: withAlpha(seriesColor(i), 0.7),
        borderColor: seriesColor(i),
        borderWidth: 1,
        errorBarColor: '#1c2430',
        errorBarWhiskerColor: '#1c2430',
        errorBarLineWidth: 1.5,
        errorBarWhiskerLineWidth: 1.5,
      })),
    },
    options,
  };
}

function histogramConfig(spec: HistogramSpec): ChartConfiguration<'bar'> {
  const { edges, counts } = binSeries(
    spec.series.map((s) => s.values),
    spec.bins,
    spec.range,
  );
  const options = baseOptions({ ...spec, percent: false }, false) as ChartOptions<'bar'>;
  return {
    type: 'bar',
    data: {
      labels: binLabels(edges, spec.digits ?? 3),
      datasets: spec.series.map((s, i) => ({
        label: s.label,
        data: counts[i] ?? [],
        backgroundColor: withAlpha(seriesColor(i), 0.6),
        borderColor: seriesColor(i),
        borderWidth: 1,
        // Adjacent bins touch, as a histogram's do.
        categoryPercentage: 1,
        barPercentage: spec.series.length > 1 ? 0.9 : 1,
      })),
    },
    options,
  };
}

function scatterConfig(spec: ScatterSpec): ChartConfiguration<'scatter'> {
  const options = baseOptions({ ...spec, percent: false }, false) as ChartOptions<'scatter'>;
  options.indexAxis = 'x';
  options.scales = {
    x: { type: 'linear', title: axisTitle(spec.xLabel) },
    y: { type: 'linear', title: axisTitle(spec.yLabel) },
  };
  options.plugins = {
    ...options.plugins,
    tooltip: {
      callbacks: {
        label: (item: TooltipItem<'scatter'>) => {
          const p = spec.series[item.datasetIndex]?.points[item.dataIndex];
          const name = p?.label ? `${p.label}: ` : '';
          return `${name}(${formatValue(p?.x, spec)}, ${formatValue(p?.y, spec)})`;
        },
      },
    },
  };
  return {
    type: 'scatter',
    data: {
      datasets: spec.series.map((s, i) => ({
        label: s.label,
        data: s.points.map((p) => ({ x: p.x, y: p.y })),
        backgroundColor: withAlpha(seriesColor(i), 0.55),
        borderColor: seriesColor(i),
        pointRadius: 3,
      })),
    },
    options,
  };
}

function tooltipLabel(spec: BaseChartSpec) {
  // item.raw is the value on the value axis whichever way the bars run.
  return (item: TooltipItem<'bar'>) =>
    `${item.dataset.label ?? ''}: ${formatValue(typeof item.raw === 'number' ? item.raw : null, spec)}`;
}

/** Builds the Chart.js configuration for a spec; null for heat tables, which are drawn as HTML tables. */
export function buildChartConfig(spec: ChartSpec): YardstickChartConfig | null {
  switch (spec.kind) {
    case 'bar':
      return barConfig(spec);
    case 'stacked-bar':
      return stackedConfig(spec);
    case 'interval-bar':
      return intervalConfig(spec);
    case 'histogram':
      return histogramConfig(spec);
    case 'scatter':
      return scatterConfig(spec);
    case 'heat-table':
      return null;
  }
}
