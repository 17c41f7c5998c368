// Krippendorff's alpha for any number of coders, missing values and a choice of metric, computed from the
// coincidence matrix exactly as in Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability":
// α = 1 − (n−1)·Σ o_ck δ²_ck / Σ n_c n_k δ²_ck, over units with at least two values.
import type { AgreementStat } from './agreement';

/** Level of measurement, which picks the difference function δ². */
export type AlphaMetric = 'nominal' | 'ordinal' | 'interval' | 'ratio';

/**
 * Krippendorff's alpha. `units` lists, per unit, the values coders assigned (null = missing); coder identity does
 * not enter α. For 'ordinal', `domain` gives the order of values (default: numeric or lexical sort of used values).
 */
export function krippendorffAlpha(
  units: ReadonlyArray<ReadonlyArray<number | string | null>>,
  metric: AlphaMetric,
  domain?: ReadonlyArray<number | string>,
): AgreementStat {
  const pairable = units
    .map((u) => u.filter((x): x is number | string => x !== null))
    .filter((u) => u.length >= 2);
  if (pairable.length === 0) return { value: null, items: 0, reason: 'No item has two or more ratings.' };
  const used = [...new Set(pairable.flat())];
  const values = domain
    ? [...domain, ...used.filter((v) => !domain.includes(v))]
    : used.sort((a, b) =>
        typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : 1,
      );
  const at = new Map(values.map((v, i) => [v, i]));
  const V = values.length;
  // Coincidence matrix: each unit contributes its ordered pairs of values from different coders, weighted 1/(m_u−1).
  const o = Array.from({ length: V }, () => new Float64Array(V));
  for (const unit of pairable) {
    const m = unit.length;
    const counts = new Float64Array(V);
    for (const v of unit) {
      const i = at.get(v) ?? 0;
      counts[i] = (counts[i] ?? 0) + 1;
    }
    for (let c = 0; c < V; c++) {
      const nc = counts[c] ?? 0;
      if (nc === 0) continue;
      const row = o[c] as Float64Array;
      for (let k = 0; k < V; k++) {
        const nk = counts[k] ?? 0;
        row[k] = (row[k] ?? 0) + (c === k ? nc * (nc - 1) : nc * nk) / (m - 1);
      }
    }
  }
  const nc = o.map((row) => row.reduce((a, b) => a + b, 0));
  const n = nc.reduce((a, b) => a + b, 0);
  const delta2 = differenceFunction(metric, values, nc);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < V; c++)
    for (let k = 0; k < V; k++) {
      const d = delta2(c, k);
      observed += (o[c]?.[k] ?? 0) * d;
      expected += (nc[c] ?? 0) * (nc[k] ?? 0) * d;
    }
  if (expected === 0)
    return {
      value: null,
      items: pairable.length,
      reason: 'Every rating has the same value: no variation to agree on.',
    };
  return { value: 1 - ((n - 1) * observed) / expected, items: pairable.length };
}

/** δ²_ck by level of measurement (Krippendorff 2011, section E). */
function differenceFunction(
  metric: AlphaMetric,
  values: ReadonlyArray<number | string>,
  nc: readonly number[],
): (c: number, k: number) => number {
  const num = (i: number): number => Number(values[i]);
  switch (metric) {
    case 'nominal':
      return (c, k) => (c === k ? 0 : 1);
    case 'interval':
      return (c, k) => (num(c) - num(k)) ** 2;
    case 'ratio':
      return (c, k) => {
        const s = num(c) + num(k);
        return s === 0 ? 0 : ((num(c) - num(k)) / s) ** 2;
      };
    case 'ordinal': {
      // δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k)/2)², on ranks of the ordered values; prefix sums make it O(1).
      const prefix = [0];
      for (const x of nc) prefix.push((prefix[prefix.length - 1] ?? 0) + x);
      return (c, k) => {
        const lo = Math.min(c, k);
        const hi = Math.max(c, k);
        const span = (prefix[hi + 1] ?? 0) - (prefix[lo] ?? 0);
        return (span - ((nc[c] ?? 0) + (nc[k] ?? 0)) / 2) ** 2;
      };
    }
  }
}
