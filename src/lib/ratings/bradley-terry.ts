// Bradley–Terry ratings by maximum likelihood for three or more systems, on Chatbot Arena's Elo-like scale.
// Model: P(i beats j) = π_i/(π_i+π_j) = σ(ln10·(θ_i−θ_j)) with π = 10^θ; a tie is half a win for each side
// (FastChat rating_systems.py, y = 0.5). Fitted with Hunter's (2004) MM iteration; rating = 400·(θ−θ_baseline)+1000.
import type { Interval } from '../core/types';
import { mulberry32 } from '../core/random';
import { drawResample, estimateCi } from '../metrics/stats';
import { DEFAULT_LEVEL, DEFAULT_SEED } from './stats';
import type { StatWarning } from './types';

/** One comparison: `score` is a's result against b (1 win, ½ tie, 0 loss); `unit` groups battles for the bootstrap. */
export interface Battle {
  a: string;
  b: string;
  score: number;
  unit: string;
}

/** One system's fitted rating. */
export interface BtRating {
  system: string;
  /** 400·(θ − θ_baseline) + 1000. */
  rating: number;
  interval: Interval | null;
  /** Battles this system took part in. */
  battles: number;
}

/** Bradley–Terry fit with bootstrap intervals, anchored on `baseline`. */
export interface BtResult {
  baseline: string;
  ratings: BtRating[];
  /** Systems not connected to the baseline by any chain of comparisons: no rating can be given. */
  unrated: string[];
  /** True when the MLE exists without help (the win graph is strongly connected, Ford 1957). */
  identifiable: boolean;
  method: string;
  warnings: StatWarning[];
}

/** Options of a Bradley–Terry fit. */
export interface BtOptions {
  rounds?: number;
  seed?: number;
  level?: number;
}

const SCALE = 400;
const INIT = 1000;

/** Systems reachable from `start` through comparisons (either direction). */
function component(battles: readonly Battle[], start: string): Set<string> {
  const adj = new Map<string, Set<string>>();
  for (const b of battles) {
    if (!adj.has(b.a)) adj.set(b.a, new Set());
    if (!adj.has(b.b)) adj.set(b.b, new Set());
    adj.get(b.a)?.add(b.b);
    adj.get(b.b)?.add(b.a);
  }
  const seen = new Set<string>([start]);
  const stack = [start];
  while (stack.length > 0) {
    const s = stack.pop() as string;
    for (const t of adj.get(s) ?? [])
      if (!seen.has(t)) {
        seen.add(t);
        stack.push(t);
      }
  }
  return seen;
}

function add(m: Float64Array[], i: number, j: number, v: number): void {
  const row = m[i];
  if (row) row[j] = (row[j] ?? 0) + v;
}

/** Win matrix W[i][j] (score of i against j) and game counts N[i][j] over weighted battles. */
function tally(battles: readonly Battle[], index: Map<string, number>, weights?: Float64Array) {
  const k = index.size;
  const W = Array.from({ length: k }, () => new Float64Array(k));
  const N = Array.from({ length: k }, () => new Float64Array(k));
  battles.forEach((bt, t) => {
    const i = index.get(bt.a);
    const j = index.get(bt.b);
    const w = weights ? (weights[t] ?? 0) : 1;
    if (i === undefined || j === undefined || i === j || w === 0) return;
    add(W, i, j, w * bt.score);
    add(W, j, i, w * (1 - bt.score));
    add(N, i, j, w);
    add(N, j, i, w);
  });
  return { W, N };
}

/** Strong connectivity of the "scored at least something against" graph: the condition for a finite MLE. */
function stronglyConnected(W: Float64Array[]): boolean {
  const k = W.length;
  const reach = (forward: boolean): number => {
    const seen = new Uint8Array(k);
    seen[0] = 1;
    const stack = [0];
    let count = 1;
    while (stack.length > 0) {
      const i = stack.pop() as number;
      for (let j = 0; j < k; j++) {
        const w = forward ? (W[i]?.[j] ?? 0) : (W[j]?.[i] ?? 0);
        if (w > 0 && !seen[j]) {
          seen[j] = 1;
          count++;
          stack.push(j);
        }
      }
    }
    return count;
  };
  return k <= 1 || (reach(true) === k && reach(false) === k);
}

/** MM iteration π_i ← W_i / Σ_j N_ij/(π_i+π_j) (Hunter 2004, eq. 3); returns θ = log10 π. */
function fitMm(W: Float64Array[], N: Float64Array[]): Float64Array {
  const k = W.length;
  let pi = new Float64Array(k).fill(1);
  const wins = W.map((row) => row.reduce((a, b) => a + b, 0));
  for (let iter = 0; iter < 10_000; iter++) {
    const next = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      let denom = 0;
      for (let j = 0; j < k; j++) {
        const n = N[i]?.[j] ?? 0;
        if (n > 0) denom += n / ((pi[i] ?? 1) + (pi[j] ?? 1));
      }
      next[i] = denom > 0 ? (wins[i] ?? 0) / denom : (pi[i] ?? 1);
    }
    // Normalise by the geometric mean so π stays near 1 and the iteration cannot drift to overflow.
    let logSum = 0;
    for (const p of next) logSum += Math.log(p);
    const g = Math.exp(logSum / k);
    let delta = 0;
    for (let i = 0; i < k; i++) {
      next[i] = (next[i] ?? 1) / g;
      delta = Math.max(delta, Math.abs(Math.log((next[i] ?? 1) / (pi[i] ?? 1))));
    }
    pi = next;
    if (delta < 1e-12) break;
  }
  return pi.map((p) => Math.log10(p));
}

/** Adds one virtual tie per compared pair (a symmetric pseudo-count) so a separated design still has a finite fit. */
function withPrior(W: Float64Array[], N: Float64Array[]): void {
  for (let i = 0; i < W.length; i++)
    for (let j = 0; j < W.length; j++)
      if (i !== j && (N[i]?.[j] ?? 0) > 0) {
        add(W, i, j, 0.5);
        add(N, i, j, 1);
      }
}

function ratingsFrom(theta: Float64Array, base: number): number[] {
  const t0 = theta[base] ?? 0;
  return [...theta].map((t) => SCALE * (t - t0) + INIT);
}

/**
 * Fits Bradley–Terry ratings to battles, anchored so `baseline` is 1000, with percentile intervals from a seeded
 * bootstrap that resamples units (items) with replacement, keeping every battle of an item together.
 */
export function fitBradleyTerry(
  battles: readonly Battle[],
  baseline: string,
  options: BtOptions = {},
): BtResult {
  const rounds = options.rounds ?? 200;
  const seed = options.seed ?? DEFAULT_SEED;
  const level = options.level ?? DEFAULT_LEVEL;
  const warnings: StatWarning[] = [];
  const all = [...new Set(battles.flatMap((b) => [b.a, b.b]))].sort();
  const reach = component(battles, baseline);
  const systems = all.filter((s) => reach.has(s));
  const unrated = all.filter((s) => !reach.has(s));
  if (unrated.length > 0)
    warnings.push({
      code: 'disconnected',
      message: `No chain of comparisons links ${unrated.join(', ')} to ${baseline}: not rated.`,
    });
  const used = battles.filter((b) => reach.has(b.a) && reach.has(b.b) && b.a !== b.b);
  if (systems.length < 2 || used.length === 0)
    return {
      baseline,
      ratings: [],
      unrated,
      identifiable: false,
      method: 'none',
      warnings: [...warnings, { code: 'no-data', message: 'Not enough comparisons to fit ratings.' }],
    };
  const index = new Map(systems.map((s, i) => [s, i]));
  const base = index.get(baseline) ?? 0;
  const { W, N } = tally(used, index);
  const identifiable = stronglyConnected(W);
  if (!identifiable) {
    warnings.push({
      code: 'not-identifiable',
      message:
        'Some system won (or lost) every comparison, so its maximum-likelihood rating is infinite; one virtual tie per pair was added.',
    });
    withPrior(W, N);
  }
  const point = ratingsFrom(fitMm(W, N), base);
  // Bootstrap by items: draw units with replacement and weight each battle by its unit's multiplicity.
  const units = [...new Set(used.map((b) => b.unit))];
  const unitIndex = new Map(units.map((u, i) => [u, i]));
  const samples: number[][] = systems.map(() => []);
  const rand = mulberry32(seed);
  const counts = new Float64Array(units.length);
  const draw = new Int32Array(units.length);
  const weights = new Float64Array(used.length);
  for (let r = 0; r < rounds; r++) {
    counts.fill(0);
    drawResample(rand, draw);
    for (const u of draw) counts[u] = (counts[u] ?? 0) + 1;
    used.forEach((b, t) => (weights[t] = counts[unitIndex.get(b.unit) ?? 0] ?? 0));
    const t = tally(used, index, weights);
    // Resamples are regularised the same way as the point fit so intervals describe the same estimator.
    if (!identifiable || !stronglyConnected(t.W)) withPrior(t.W, t.N);
    ratingsFrom(fitMm(t.W, t.N), base).forEach((v, i) => samples[i]?.push(v));
  }
  const battleCount = (s: string) => used.filter((b) => b.a === s || b.b === s).length;
  const method = `bradley-terry(mm${identifiable ? '' : ',prior=1tie/pair'}); bootstrap(n=${rounds},seed=${seed})`;
  const ratings = systems.map((system, i) => {
    // Type-7 percentiles of the resampled ratings, as every ratings interval.
    const e = estimateCi(samples[i] ?? [], level, 'linear');
    const interval: Interval | null =
      rounds > 0 ? { low: e.low, high: e.high, level, method: `bootstrap(n=${rounds},seed=${seed})` } : null;
    return { system, rating: point[i] ?? INIT, interval, battles: battleCount(system) };
  });
  ratings.sort((x, y) => y.rating - x.rating);
  return { baseline, ratings, unrated, identifiable, method, warnings };
}
