// Can this judge be trusted on this dataset? Position consistency (MT-Bench Table 2), repeat variance, length bias
// (AlpacaEval's "proba. prefer longer"; score-vs-length Spearman) and judge-vs-human agreement (Cohen's kappa,
// Spearman, confusion matrix), summed up in one line.
import { cohenKappaFromTable } from '../ratings/agreement';
import { mean, sampleSd } from '../ratings/stats';
import type { JudgedItem, RowPair } from './aggregate';

/** Average ranks (ties share the mean rank), 1-based. */
export function ranks(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const r = new Array<number>(xs.length).fill(0);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]?.[0] === order[i]?.[0]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) r[order[k]?.[1] ?? 0] = avg;
    i = j + 1;
  }
  return r;
}

/** Pearson correlation; NaN when either side is constant or n < 2. */
export function pearson(x: readonly number[], y: readonly number[]): number {
  const n = Math.min(x.length, y.length);
  if (n < 2) return NaN;
  const mx = mean(x.slice(0, n));
  const my = mean(y.slice(0, n));
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] ?? 0) - mx;
    const dy = (y[i] ?? 0) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? NaN : sxy / Math.sqrt(sxx * syy);
}

/** Spearman's rho: Pearson on average ranks (scipy.stats.spearmanr's tie handling). */
export function spearman(x: readonly number[], y: readonly number[]): number {
  return pearson(ranks(x), ranks(y));
}

/** A confusion matrix between two raters over shared labels: cells[i][j] = judge label i, human label j. */
export interface Confusion {
  labels: string[];
  cells: number[][];
  n: number;
}

/** Builds the confusion matrix of paired labels. */
export function confusion(
  pairs: readonly (readonly [string, string])[],
  labels?: readonly string[],
): Confusion {
  const ls = labels ? [...labels] : [...new Set(pairs.flatMap(([a, b]) => [a, b]))].sort();
  const index = new Map(ls.map((l, i) => [l, i]));
  const cells = ls.map(() => ls.map(() => 0));
  for (const [a, b] of pairs) {
    const i = index.get(a);
    const j = index.get(b);
    const row = i === undefined ? undefined : cells[i];
    if (row && j !== undefined) row[j] = (row[j] ?? 0) + 1;
  }
  return { labels: ls, cells, n: pairs.length };
}

/** Cohen's kappa of a confusion matrix, via the ratings module; NaN where it is undefined. */
export function kappaOf(c: Confusion): number {
  return cohenKappaFromTable(c.cells).value ?? NaN;
}

/** Repeat variance: per item with ≥2 parsed repeats, the sample SD of its scores (or whether verdicts agree). */
export function repeatVariance(items: readonly JudgedItem[]): {
  items: number;
  meanSd: number;
  identicalShare: number;
} {
  const groups = new Map<string, number[]>();
  for (const it of items) {
    if (it.status !== 'done' || it.score === undefined) continue;
    const key = `${it.rowId}\u241f${it.system ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), it.score]);
  }
  const multi = [...groups.values()].filter((g) => g.length >= 2);
  const sds = multi.map((g) => sampleSd(g));
  const identical = multi.filter((g) => g.every((x) => x === g[0])).length;
  return {
    items: multi.length,
    meanSd: mean(sds),
    identicalShare: multi.length ? identical / multi.length : NaN,
  };
}

/** Pairwise verdict stability across repeats: share of rows whose repeats all agree. */
export function pairRepeatAgreement(pairs: readonly RowPair[]): { items: number; agreeShare: number } {
  const groups = new Map<string, string[]>();
  for (const p of pairs) groups.set(p.rowId, [...(groups.get(p.rowId) ?? []), p.outcome]);
  const multi = [...groups.values()].filter((g) => g.length >= 2);
  const agree = multi.filter((g) => g.every((x) => x === g[0])).length;
  return { items: multi.length, agreeShare: multi.length ? agree / multi.length : NaN };
}

/** How often a decided, consistent pair went to the longer answer (AlpacaEval's "proba. prefer longer"). */
export function preferLonger(
  pairs: readonly RowPair[],
  lengths: ReadonlyMap<string, readonly [number, number]>,
): { decided: number; longerWins: number; share: number } {
  let decided = 0;
  let longerWins = 0;
  for (const p of pairs) {
    const len = lengths.get(p.rowId);
    if (!len || p.outcome === 'tie' || len[0] === len[1]) continue;
    decided++;
    const firstLonger = len[0] > len[1];
    if ((p.outcome === 'win') === firstLonger) longerWins++;
  }
  return { decided, longerWins, share: decided ? longerWins / decided : NaN };
}

/** Agreement between judge and human labels on the same items. */
export interface Agreement {
  n: number;
  /** Share of exact matches. */
  exact: number;
  kappa: number;
  /** Spearman rho, for ordinal labels (scores); NaN for verdicts. */
  spearman: number;
  confusion: Confusion;
}

/** Judge-vs-human agreement on scores (ordinal; kappa on the rounded scores). */
export function scoreAgreement(pairs: readonly (readonly [number, number])[]): Agreement {
  const labelled = pairs.map(([j, h]) => [String(Math.round(j)), String(Math.round(h))] as const);
  const values = [...new Set(labelled.flat())].sort((a, b) => Number(a) - Number(b));
  const c = confusion(labelled, values);
  return {
    n: pairs.length,
    exact: pairs.length ? labelled.filter(([a, b]) => a === b).length / pairs.length : NaN,
    kappa: kappaOf(c),
    spearman: spearman(
      pairs.map((p) => p[0]),
      pairs.map((p) => p[1]),
    ),
    confusion: c,
  };
}

/** Judge-vs-human agreement on pairwise outcomes (win / tie / loss for the first system). */
export function verdictAgreement(pairs: readonly (readonly [string, string])[]): Agreement {
  const c = confusion(pairs, ['win', 'tie', 'loss']);
  const order = { loss: 0, tie: 1, win: 2 } as Record<string, number>;
  return {
    n: pairs.length,
    exact: pairs.length ? pairs.filter(([a, b]) => a === b).length / pairs.length : NaN,
    kappa: kappaOf(c),
    spearman: spearman(
      pairs.map((p) => order[p[0]] ?? NaN),
      pairs.map((p) => order[p[1]] ?? NaN),
    ),
    confusion: c,
  };
}

/** The evidence the one-line verdict weighs; absent parts are simply not known. */
export interface ReliabilityEvidence {
  judged: number;
  unparsed: number;
  consistency?: number | null;
  repeatSd?: number;
  preferLongerShare?: number;
  human?: Agreement;
}

/** The verdict: a level and one plain sentence. Thresholds: kappa bands of Landis & Koch (1977); position
 *  consistency against GPT-4's 65% on near-identical pairs (MT-Bench Table 2); AlpacaEval's 0.64 human
 *  "prefer longer" rate as the baseline for length bias. */
export function reliabilityVerdict(e: ReliabilityEvidence): {
  level: 'good' | 'caution' | 'poor' | 'unknown';
  text: string;
} {
  if (e.judged === 0)
    return { level: 'unknown', text: 'No judgments yet: run the judge to see whether it can be trusted.' };
  const issues: string[] = [];
  let poor = false;
  const unparsedRate = e.unparsed / (e.judged + e.unparsed);
  if (unparsedRate > 0.1) issues.push(`${Math.round(unparsedRate * 100)}% of answers could not be parsed`);
  if (e.consistency != null && e.consistency < 0.65) {
    issues.push(
      `it changes its verdict when the answers swap places ${Math.round((1 - e.consistency) * 100)}% of the time`,
    );
    poor = e.consistency < 0.5;
  }
  if (e.repeatSd !== undefined && Number.isFinite(e.repeatSd) && e.repeatSd > 0.5)
    issues.push(`repeated gradings of the same answer differ (mean SD ${e.repeatSd.toFixed(2)})`);
  if (e.preferLongerShare !== undefined && Number.isFinite(e.preferLongerShare) && e.preferLongerShare > 0.75)
    issues.push(`it picks the longer answer ${Math.round(e.preferLongerShare * 100)}% of the time`);
  const h = e.human;
  if (h && h.n >= 10 && Number.isFinite(h.kappa)) {
    if (h.kappa < 0.2) {
      poor = true;
      issues.push(`it barely agrees with your human ratings (kappa ${h.kappa.toFixed(2)}, n=${h.n})`);
    } else if (h.kappa < 0.4)
      issues.push(`agreement with human ratings is only fair (kappa ${h.kappa.toFixed(2)}, n=${h.n})`);
  }
  const humanNote =
    h && h.n >= 10
      ? `agrees with humans at kappa ${h.kappa.toFixed(2)} on ${h.n} items`
      : 'no human ratings to compare (rate at least 10 items in Human eval to check agreement)';
  if (issues.length === 0)
    return {
      level: h && h.n >= 10 ? 'good' : 'caution',
      text: `Looks trustworthy for this dataset: ${humanNote}.`,
    };
  return {
    level: poor ? 'poor' : 'caution',
    text: `${poor ? 'Do not trust this judge here' : 'Use with care'}: ${issues.join('; ')}.`,
  };
}
