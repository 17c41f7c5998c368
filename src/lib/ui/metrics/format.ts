// Number formatting for metric tables: sacreBLEU scales (0–100) get 2 decimals, 0–1 scores get 4.
import type { MetricName } from '../../metrics/run/types';

/** True for metrics reported on a 0–100 scale. */
export function isHundredScale(metric: MetricName): boolean {
  return metric === 'bleu' || metric === 'chrf';
}

/** A score as shown in tables. */
export function formatScore(metric: MetricName, value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return value.toFixed(isHundredScale(metric) ? 2 : 4);
}

/** A p-value: 4 decimals, or "< 0.0001". */
export function formatP(p: number): string {
  return p < 0.0001 ? '< 0.0001' : p.toFixed(4);
}
