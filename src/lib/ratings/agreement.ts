// Inter-annotator agreement for categorical and ordinal labels: percent agreement, Cohen's kappa (two raters),
// weighted kappa (Cohen 1968, linear or quadratic disagreement weights) and Fleiss' kappa (Fleiss 1971).
// Every result says how many items it rests on; an undefined statistic is null with a reason, never a made-up 0.

/** A statistic with the number of items it rests on; `value` is null when undefined for these data. */
export interface AgreementStat {
  value: number | null;
  items: number;
  /** Why `value` is null (too few items, no variation, …). */
  reason?: string;
}

const undefinedStat = (items: number, reason: string): AgreementStat => ({ value: null, items, reason });

/**
 * Percent agreement over units (each a list of labels, null = not rated): the mean over units with ≥2 labels of
 * the share of agreeing rater pairs (Fleiss' P_i). With two raters this is the share of items labelled alike.
 */
export function percentAgreement<T>(units: ReadonlyArray<ReadonlyArray<T | null>>): AgreementStat {
  let sum = 0;
  let items = 0;
  for (const unit of units) {
    const labels = unit.filter((x): x is T => x !== null);
    const m = labels.length;
    if (m < 2) continue;
    const counts = new Map<T, number>();
    for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
    let agreeing = 0;
    for (const c of counts.values()) agreeing += c * (c - 1);
    sum += agreeing / (m * (m - 1));
    items++;
  }
  return items === 0 ? undefinedStat(0, 'No item has two or more ratings.') : { value: sum / items, items };
}

/** Cohen's kappa from a square confusion table (rows rater 1, columns rater 2): κ = (p_o − p_e)/(1 − p_e). */
export function cohenKappaFromTable(table: ReadonlyArray<ReadonlyArray<number>>): AgreementStat {
  const k = table.length;
  let n = 0;
  let diag = 0;
  const rowSums = new Array<number>(k).fill(0);
  const colSums = new Array<number>(k).fill(0);
  table.forEach((row, i) =>
    row.forEach((c, j) => {
      n += c;
      if (i === j) diag += c;
      rowSums[i] = (rowSums[i] ?? 0) + c;
      colSums[j] = (colSums[j] ?? 0) + c;
    }),
  );
  if (n === 0) return undefinedStat(0, 'No item was rated by both annotators.');
  const po = diag / n;
  let pe = 0;
  for (let i = 0; i < k; i++) pe += ((rowSums[i] ?? 0) / n) * ((colSums[i] ?? 0) / n);
  if (pe >= 1)
    return undefinedStat(n, 'Both annotators used a single, identical label: chance agreement is 1.');
  return { value: (po - pe) / (1 - pe), items: n };
}

/** Paired labels (both non-null) of two raters over the same items, and the categories they used, sorted. */
function paired<T>(a: ReadonlyArray<T | null>, b: ReadonlyArray<T | null>): { pairs: [T, T][]; cats: T[] } {
  const pairs: [T, T][] = [];
  const len = Math.min(a.length, b.length);
  for (let i = 0; i < len; i++) {
    const x = a[i];
    const y = b[i];
    if (x !== null && x !== undefined && y !== null && y !== undefined) pairs.push([x, y]);
  }
  const cats = [...new Set(pairs.flat())].sort((p, q) => (p < q ? -1 : p > q ? 1 : 0));
  return { pairs, cats };
}

/** Cohen's kappa for two raters' labels over the same items (null = not rated; such items are left out). */
export function cohenKappa<T>(a: ReadonlyArray<T | null>, b: ReadonlyArray<T | null>): AgreementStat {
  const { pairs, cats } = paired(a, b);
  const at = new Map(cats.map((c, i) => [c, i]));
  const table = cats.map(() => new Array<number>(cats.length).fill(0));
  for (const [x, y] of pairs) {
    const row = table[at.get(x) ?? 0];
    const j = at.get(y) ?? 0;
    if (row) row[j] = (row[j] ?? 0) + 1;
  }
  return cohenKappaFromTable(table);
}

/** Disagreement weights of weighted kappa. */
export type KappaWeights = 'linear' | 'quadratic';

/**
 * Weighted kappa (Cohen 1968) for two raters on an ordered scale: κ_w = 1 − Σ w_ij o_ij / Σ w_ij e_ij with
 * w_ij = |i−j| (linear) or (i−j)² (quadratic) over positions in `scale` (the same weights as
 * sklearn.metrics.cohen_kappa_score(weights=…)). Quadratic κ_w equals Lin's concordance correlation.
 */
export function weightedKappa(
  a: ReadonlyArray<number | null>,
  b: ReadonlyArray<number | null>,
  scale: readonly number[],
  weights: KappaWeights,
): AgreementStat {
  const { pairs } = paired(a, b);
  const n = pairs.length;
  if (n === 0) return undefinedStat(0, 'No item was rated by both annotators.');
  const pos = new Map(scale.map((v, i) => [v, i]));
  const k = scale.length;
  const rowSums = new Array<number>(k).fill(0);
  const colSums = new Array<number>(k).fill(0);
  let observed = 0;
  const w = (i: number, j: number) => (weights === 'linear' ? Math.abs(i - j) : (i - j) * (i - j));
  for (const [x, y] of pairs) {
    const i = pos.get(x);
    const j = pos.get(y);
    if (i === undefined || j === undefined)
      return undefinedStat(n, `Score ${i === undefined ? x : y} is off the scale.`);
    rowSums[i] = (rowSums[i] ?? 0) + 1;
    colSums[j] = (colSums[j] ?? 0) + 1;
    observed += w(i, j);
  }
  let expected = 0;
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) expected += (w(i, j) * (rowSums[i] ?? 0) * (colSums[j] ?? 0)) / n;
  if (expected === 0)
    return undefinedStat(n, 'Both annotators used a single, identical score: chance disagreement is 0.');
  return { value: 1 - observed / expected, items: n };
}

/**
 * Fleiss' kappa from a units × categories count table where every unit has the same number of ratings m ≥ 2
 * (Fleiss 1971): κ = (P̄ − P̄_e)/(1 − P̄_e), P_i = (Σ_j n_ij² − m)/(m(m−1)), P̄_e = Σ_j p_j².
 */
export function fleissKappaFromCounts(counts: ReadonlyArray<ReadonlyArray<number>>): AgreementStat {
  const units = counts.filter((row) => row.reduce((a, b) => a + b, 0) > 0);
  const N = units.length;
  if (N === 0) return undefinedStat(0, 'No item has ratings.');
  const m = units[0]?.reduce((a, b) => a + b, 0) ?? 0;
  if (m < 2) return undefinedStat(N, 'Fleiss’ kappa needs at least two ratings per item.');
  if (units.some((row) => row.reduce((a, b) => a + b, 0) !== m))
    return undefinedStat(N, 'Fleiss’ kappa needs the same number of ratings on every item.');
  const k = units[0]?.length ?? 0;
  const colTotals = new Array<number>(k).fill(0);
  let pBar = 0;
  for (const row of units) {
    let sq = 0;
    row.forEach((c, j) => {
      sq += c * c;
      colTotals[j] = (colTotals[j] ?? 0) + c;
    });
    pBar += (sq - m) / (m * (m - 1));
  }
  pBar /= N;
  let pe = 0;
  for (const t of colTotals) pe += (t / (N * m)) ** 2;
  if (pe >= 1) return undefinedStat(N, 'Every rating used the same label: chance agreement is 1.');
  return { value: (pBar - pe) / (1 - pe), items: N };
}

/**
 * Fleiss' kappa from labels per unit (null = not rated). Only units rated by every rater (the longest unit's
 * count) are used, because Fleiss' formula assumes a constant number of ratings per item.
 */
export function fleissKappa<T>(units: ReadonlyArray<ReadonlyArray<T | null>>): AgreementStat {
  const rated = units.map((u) => u.filter((x): x is T => x !== null));
  const m = Math.max(0, ...rated.map((u) => u.length));
  const complete = rated.filter((u) => u.length === m && m >= 2);
  const cats = [...new Set(complete.flat())];
  const at = new Map(cats.map((c, i) => [c, i]));
  const counts = complete.map((u) => {
    const row = new Array<number>(cats.length).fill(0);
    for (const l of u) {
      const j = at.get(l) ?? 0;
      row[j] = (row[j] ?? 0) + 1;
    }
    return row;
  });
  return fleissKappaFromCounts(counts);
}
