/**
 * Yardstick charts: one `<Chart spec={…} />` component over typed, plain-data specs.
 *
 * Every chart gets a title, axis labels, a legend, a data table behind it (a `<details>` table) and a PNG button.
 * Chart.js (tree-shaken: bar, scatter, error bars) is imported lazily on first draw, so views that show no chart
 * do not load it.
 *
 * @example
 * ```svelte
 * <script lang="ts">
 *   import { Chart, type ChartSpec } from '../lib/ui/charts';
 *   const winRates: ChartSpec = {
 *     kind: 'interval-bar',
 *     title: 'Win rate of finetuned vs base',
 *     xLabel: 'Slice',
 *     yLabel: 'Win rate',
 *     percent: true,
 *     range: [0, 1],
 *     intervalLabel: '95% CI',
 *     categories: ['all', 'code'],
 *     series: [{ label: 'finetuned', points: [{ value: 0.62, low: 0.55, high: 0.69 }, null] }],
 *   };
 * </script>
 * <Chart spec={winRates} />
 * ```
 * Kinds: `bar`, `interval-bar` (grouped bars with error bars), `stacked-bar` (`normalize` for shares),
 * `histogram` (raw values, shared bins), `scatter`, `heat-table` (confusion matrix).
 */
export { default as Chart } from './Chart.svelte';
export type {
  BarSpec,
  BaseChartSpec,
  ChartSpec,
  ChartTable,
  HeatTableSpec,
  HistogramSpec,
  IntervalBarSpec,
  IntervalPoint,
  IntervalSeries,
  ScatterPoint,
  ScatterSpec,
  StackedBarSpec,
  ValueSeries,
} from './spec';
export { buildChartConfig } from './config';
export { chartTable } from './table';
export { binSeries, binLabels, sturgesBins } from './histogram';
export { formatValue, slugify } from './format';
export { isEmptySpec } from './empty';
