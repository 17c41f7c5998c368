// Number formatting shared by data tables and tooltips, so the table and the picture say the same thing.
import type { BaseChartSpec } from './spec';

/** Formats a value the way the chart's spec asks (digits, percent); null/NaN → "–". */
export function formatValue(
  v: number | null | undefined,
  spec: Pick<BaseChartSpec, 'digits' | 'percent'>,
): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  const digits = spec.digits ?? 3;
  if (spec.percent) return `${(v * 100).toFixed(Math.max(0, digits - 2))}%`;
  return v.toFixed(digits);
}

/** A file-name-safe slug of a chart title, for PNG downloads. */
export function slugify(title: string): string {
  const s = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s.slice(0, 60) || 'chart';
}
