// Number formatting for the human-evaluation panels.
import type { Interval } from '../../core/types';

/** 0.6234 → "62.3%"; null → "—". */
export function pct(x: number | null | undefined): string {
  return x === null || x === undefined || Number.isNaN(x) ? '—' : `${(x * 100).toFixed(1)}%`;
}

/** An interval as "[a, b]" in percent, or "—". */
export function pctInterval(i: Interval | null): string {
  return i ? `[${pct(i.low)}, ${pct(i.high)}]` : '—';
}

/** A plain number to `digits` decimals, or "—". */
export function num(x: number | null | undefined, digits = 3): string {
  return x === null || x === undefined || Number.isNaN(x) ? '—' : x.toFixed(digits);
}

/** A p-value to two significant digits, or "—". */
export function pValue(p: number | null): string {
  if (p === null) return '—';
  return p < 0.001 ? p.toExponential(1) : p.toPrecision(2);
}
