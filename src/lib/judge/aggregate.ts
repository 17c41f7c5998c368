// Aggregates stored judgments into what the page and the CLI report. Unparsed and failed judgments are counted
// and excluded from every average; a pending one is simply not there yet.
import { mean } from '../ratings/stats';
import { computePairwiseSummary, type WinRateSummary } from '../ratings/winrate';
import type { PairwiseVote } from '../ratings/types';
import { resolvePair, summarisePairs, type ResolvedPair } from './pairwise';
import type { PositionVerdict } from './types';

/** A judgment as the statistics see it (storage-independent). */
export interface JudgedItem {
  rowId: string;
  system?: string;
  order?: 'AB' | 'BA';
  repeat: number;
  status: 'pending' | 'done' | 'unparsed' | 'failed';
  score?: number;
  verdict?: PositionVerdict;
  /** G-Eval weighted score when logprobs were returned. */
  weighted?: number;
}

/** Counts by status. */
export interface StatusCounts {
  done: number;
  unparsed: number;
  failed: number;
  pending: number;
}

/** Counts judgments by status. */
export function countStatuses(items: readonly JudgedItem[]): StatusCounts {
  const c: StatusCounts = { done: 0, unparsed: 0, failed: 0, pending: 0 };
  for (const it of items) c[it.status]++;
  return c;
}

/** One system's single-answer summary. */
export interface SystemScore {
  system: string;
  /** Rows with at least one parsed score. */
  rows: number;
  /** Mean over rows of the per-row mean over repeats; NaN without parsed scores. */
  mean: number;
  /** Same over the G-Eval weighted scores, only rows where every parsed repeat had one; null when none had. */
  weightedMean: number | null;
  counts: StatusCounts;
}

/** Single-answer summary per system. */
export function summariseSingle(items: readonly JudgedItem[], systems: readonly string[]): SystemScore[] {
  return systems.map((system) => {
    const mine = items.filter((i) => i.system === system);
    const byRow = new Map<string, { s: number[]; w: (number | undefined)[] }>();
    for (const it of mine) {
      if (it.status !== 'done' || it.score === undefined) continue;
      const acc = byRow.get(it.rowId) ?? { s: [], w: [] };
      acc.s.push(it.score);
      acc.w.push(it.weighted);
      byRow.set(it.rowId, acc);
    }
    const rowMeans = [...byRow.values()].map((r) => mean(r.s));
    const weighted = [...byRow.values()]
      .filter((r) => r.w.every((x) => x !== undefined))
      .map((r) => mean(r.w as number[]));
    return {
      system,
      rows: byRow.size,
      mean: mean(rowMeans),
      weightedMean: weighted.length > 0 ? mean(weighted) : null,
      counts: countStatuses(mine),
    };
  });
}

/** A resolved pair with its row and repeat. */
export interface RowPair extends ResolvedPair {
  rowId: string;
  repeat: number;
}

/** Resolves each (row, repeat) from its AB and BA judgments; unresolved ones (an order unparsed) are left out. */
export function resolveRows(items: readonly JudgedItem[], bothOrders: boolean): RowPair[] {
  const groups = new Map<
    string,
    { rowId: string; repeat: number; ab: PositionVerdict | null; ba: PositionVerdict | null }
  >();
  for (const it of items) {
    if (!it.order) continue;
    const key = `${it.rowId}\u241f${it.repeat}`;
    const g = groups.get(key) ?? { rowId: it.rowId, repeat: it.repeat, ab: null, ba: null };
    const v = it.status === 'done' ? (it.verdict ?? null) : null;
    if (it.order === 'AB') g.ab = v;
    else g.ba = v;
    groups.set(key, g);
  }
  const out: RowPair[] = [];
  for (const g of groups.values()) {
    const r = resolvePair(g.ab, g.ba, bothOrders);
    if (r) out.push({ ...r, rowId: g.rowId, repeat: g.repeat });
  }
  return out;
}

/** Pairwise summary: counts, MT-Bench win rate, consistency, and the ratings module's intervals over items. */
export function summarisePairwise(
  items: readonly JudgedItem[],
  systems: readonly [string, string],
  bothOrders: boolean,
): {
  pairs: RowPair[];
  counts: StatusCounts;
  swap: ReturnType<typeof summarisePairs>;
  winRate: WinRateSummary;
} {
  const pairs = resolveRows(items, bothOrders);
  const [first, second] = systems;
  // Each repeat is one vote by its own "annotator"; the ratings module pools them per item.
  const votes: PairwiseVote[] = pairs.map((p) => ({
    rowId: p.rowId,
    annotator: `judge#${p.repeat}`,
    left: first,
    right: second,
    choice: p.outcome === 'win' ? 'A' : p.outcome === 'loss' ? 'B' : 'tie',
  }));
  return {
    pairs,
    counts: countStatuses(items),
    swap: summarisePairs(pairs),
    winRate: computePairwiseSummary(votes, first, second),
  };
}
