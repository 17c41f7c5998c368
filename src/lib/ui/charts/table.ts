// The accessible data table behind each chart: the same numbers as the picture, readable by screen readers.
import { binLabels, binSeries } from './histogram';
import { formatValue } from './format';
import type { ChartSpec, ChartTable } from './spec';

/** Builds the data table for any chart spec. */
export function chartTable(spec: ChartSpec): ChartTable {
  const caption = spec.title;
  switch (spec.kind) {
    case 'bar':
    case 'stacked-bar':
      return {
        caption,
        columns: [spec.xLabel, ...spec.series.map((s) => s.label)],
        rows: spec.categories.map((c, i) => [c, ...spec.series.map((s) => formatValue(s.values[i], spec))]),
      };
    case 'interval-bar':
      return {
        caption,
        columns: [
          spec.xLabel,
          ...spec.series.flatMap((s) => [s.label, `${s.label} ${spec.intervalLabel} low`, `${s.label} high`]),
        ],
        rows: spec.categories.map((c, i) => [
          c,
          ...spec.series.flatMap((s) => {
            const p = s.points[i];
            return p
              ? [formatValue(p.value, spec), formatValue(p.low, spec), formatValue(p.high, spec)]
              : ['–', '–', '–'];
          }),
        ]),
      };
    case 'histogram': {
      const { edges, counts } = binSeries(
        spec.series.map((s) => s.values),
        spec.bins,
        spec.range,
      );
      const labels = binLabels(edges, spec.digits ?? 3);
      return {
        caption,
        columns: [spec.xLabel, ...spec.series.map((s) => `${s.label} (count)`)],
        rows: labels.map((l, b) => [l, ...counts.map((c) => String(c[b] ?? 0))]),
      };
    }
    case 'scatter':
      return {
        caption,
        columns: ['Series', 'Point', spec.xLabel, spec.yLabel],
        rows: spec.series.flatMap((s) =>
          s.points.map((p, i) => [
            s.label,
            p.label ?? String(i + 1),
            formatValue(p.x, spec),
            formatValue(p.y, spec),
          ]),
        ),
      };
    case 'heat-table':
      return {
        caption,
        columns: [`${spec.yLabel} \\ ${spec.xLabel}`, ...spec.colLabels],
        rows: spec.rowLabels.map((r, i) => [
          r,
          ...spec.colLabels.map((_, j) => String(spec.cells[i]?.[j] ?? 0)),
        ]),
      };
  }
}
