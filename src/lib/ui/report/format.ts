// Number formatting for report cards: scores at a precision that fits their scale, intervals in brackets.
import type { Interval } from '../../core/types';

/** A score: 1 decimal for values ≥ 10 (BLEU, chrF, perplexity), else 3. */
export function fmtScore(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '–';
  return Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(3);
}

/** Decimals that fit a whole column: 1 when any value is ≥ 10 (BLEU, chrF, perplexity), else 3. */
export function columnDigits(values: readonly (number | null)[]): number {
  return values.some((v) => v !== null && Number.isFinite(v) && Math.abs(v) >= 10) ? 1 : 3;
}

/** A score at a fixed number of decimals (one column of a table reads alike). */
export function fmtFixed(v: number | null, digits: number): string {
  return v === null || !Number.isFinite(v) ? '–' : v.toFixed(digits);
}

/** "[low, high]" of an interval, or '' without one. */
export function fmtInterval(i: Interval | null): string {
  return i ? `[${fmtScore(i.low)}, ${fmtScore(i.high)}]` : '';
}

/** A rate as a percentage with one decimal. */
export function fmtPct(v: number | null): string {
  return v === null || !Number.isFinite(v) ? '–' : `${(v * 100).toFixed(1)}%`;
}

/** "[a%, b%]" of a rate interval. */
export function fmtPctInterval(i: Interval | null): string {
  return i ? `[${fmtPct(i.low)}, ${fmtPct(i.high)}]` : '';
}
