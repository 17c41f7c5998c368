// Whether a spec has anything to draw, so <Chart> can say "no data" instead of showing an empty frame.
import type { ChartSpec } from './spec';

/** True when the spec has no finite value to plot. */
export function isEmptySpec(spec: ChartSpec): boolean {
  switch (spec.kind) {
    case 'bar':
    case 'stacked-bar':
      return !spec.series.some((s) => s.values.some((v) => v !== null && Number.isFinite(v)));
    case 'interval-bar':
      return !spec.series.some((s) => s.points.some((p) => p !== null && Number.isFinite(p.value)));
    case 'histogram':
      return !spec.series.some((s) => s.values.some((v) => Number.isFinite(v)));
    case 'scatter':
      return !spec.series.some((s) => s.points.some((p) => Number.isFinite(p.x) && Number.isFinite(p.y)));
    case 'heat-table':
      return spec.rowLabels.length === 0 || spec.colLabels.length === 0;
  }
}
