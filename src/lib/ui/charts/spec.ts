// The typed chart specs every view passes to <Chart>. Plain data only, so views and tests can build them without a DOM.

/** Fields every chart has: a title, axis labels, and how numbers in its data table are written. */
export interface BaseChartSpec {
  /** Chart title, also the caption of its data table and the PNG file name. */
  title: string;
  /** Horizontal axis label (for heat tables: the column variable). */
  xLabel: string;
  /** Vertical axis label (for heat tables: the row variable). */
  yLabel: string;
  /** Optional sentence under the chart (method, n, caveats). */
  caption?: string;
  /** Canvas height in CSS pixels (default 280). */
  height?: number;
  /** Decimal places in the data table and tooltips (default 3). */
  digits?: number;
  /** Show values as percentages of 1 (0.42 → 42.0%). */
  percent?: boolean;
}

/** One named series of values aligned with `categories`; null = no value for that category. */
export interface ValueSeries {
  label: string;
  values: (number | null)[];
}

/** A value with its interval (e.g. a win rate and its 95% interval). */
export interface IntervalPoint {
  value: number;
  low: number;
  high: number;
}

/** One named series of interval points aligned with `categories`. */
export interface IntervalSeries {
  label: string;
  points: (IntervalPoint | null)[];
}

/** Plain (grouped when several series) bar chart. */
export interface BarSpec extends BaseChartSpec {
  kind: 'bar';
  categories: string[];
  series: ValueSeries[];
  horizontal?: boolean;
  /** Fixed value-axis range, e.g. [0, 1] for rates. */
  range?: [number, number];
}

/** Grouped bars with error bars (chartjs-chart-error-bars). */
export interface IntervalBarSpec extends BaseChartSpec {
  kind: 'interval-bar';
  categories: string[];
  series: IntervalSeries[];
  /** Names the interval in the data table, e.g. "95% CI (Wilson)". */
  intervalLabel: string;
  horizontal?: boolean;
  range?: [number, number];
}

/** Stacked bars, e.g. the distribution of verdicts or Likert scores per system. */
export interface StackedBarSpec extends BaseChartSpec {
  kind: 'stacked-bar';
  categories: string[];
  /** One series per stacked segment (e.g. "win", "tie", "loss"). */
  series: ValueSeries[];
  horizontal?: boolean;
  /** Normalise each category to 100%. */
  normalize?: boolean;
}

/** Histogram of raw values, binned on shared edges so series are comparable. */
export interface HistogramSpec extends BaseChartSpec {
  kind: 'histogram';
  series: { label: string; values: number[] }[];
  /** Number of equal-width bins (default: Sturges' rule on the largest series, 5–30). */
  bins?: number;
  /** Binning range; default [min, max] over all series. */
  range?: [number, number];
}

/** One point of a scatter chart; `label` names it in the data table (e.g. the row id). */
export interface ScatterPoint {
  x: number;
  y: number;
  label?: string;
}

/** Scatter plot (e.g. score vs response length). */
export interface ScatterSpec extends BaseChartSpec {
  kind: 'scatter';
  series: { label: string; points: ScatterPoint[] }[];
}

/** A heat table (e.g. judge-vs-human confusion matrix): counts in a grid, shaded by size. */
export interface HeatTableSpec extends BaseChartSpec {
  kind: 'heat-table';
  rowLabels: string[];
  colLabels: string[];
  /** cells[r][c]; rows follow rowLabels, columns colLabels. */
  cells: number[][];
}

/** Every chart <Chart> can draw. */
export type ChartSpec =
  BarSpec | IntervalBarSpec | StackedBarSpec | HistogramSpec | ScatterSpec | HeatTableSpec;

/** The accessible data table behind a chart. */
export interface ChartTable {
  caption: string;
  columns: string[];
  rows: string[][];
}
