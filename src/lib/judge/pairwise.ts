// Pairwise resolution with position swap (MT-Bench play_a_match_pair): the pair is judged as (A,B) and (B,A);
// when the two orders disagree the result is a tie — the conservative rule of show_result.py — and the pair counts
// as inconsistent. Verdicts here are about systems, not positions.
import type { PositionVerdict } from './types';

/** Outcome for the first system of the pair. */
export type PairOutcome = 'win' | 'loss' | 'tie';

/** What an order's verdict means for the first system (`AB`: it was shown as A; `BA`: as B). */
export function outcomeForFirst(order: 'AB' | 'BA', verdict: PositionVerdict): PairOutcome {
  if (verdict === 'tie') return 'tie';
  const firstWon = order === 'AB' ? verdict === 'A' : verdict === 'B';
  return firstWon ? 'win' : 'loss';
}

/** One item's resolution across the orders that were run. */
export interface ResolvedPair {
  outcome: PairOutcome;
  /** True when both orders were judged and they agree. Undefined when only one order was run. */
  consistent?: boolean;
  /** The position the judge picked in both orders when it was inconsistent by always picking one slot. */
  positionPreferred?: 'A' | 'B';
}

/** Resolves one item. Returns null when a requested order has no parsed verdict: the item is left out rather
 *  than decided by one order alone. */
export function resolvePair(
  ab: PositionVerdict | null,
  ba: PositionVerdict | null,
  bothOrders: boolean,
): ResolvedPair | null {
  if (!bothOrders) {
    const only = ab !== null ? outcomeForFirst('AB', ab) : ba !== null ? outcomeForFirst('BA', ba) : null;
    return only === null ? null : { outcome: only };
  }
  if (ab === null || ba === null) return null;
  const o1 = outcomeForFirst('AB', ab);
  const o2 = outcomeForFirst('BA', ba);
  if (o1 === o2) return { outcome: o1, consistent: true };
  const resolved: ResolvedPair = { outcome: 'tie', consistent: false };
  if (ab === ba && ab !== 'tie') resolved.positionPreferred = ab;
  return resolved;
}

/** Win/tie/loss counts, the MT-Bench adjusted win rate (win + ½·tie)/n and the swap consistency rate. */
export function summarisePairs(pairs: readonly ResolvedPair[]): {
  wins: number;
  ties: number;
  losses: number;
  n: number;
  winRate: number;
  consistency: number | null;
  firstSlotBias: number;
  secondSlotBias: number;
} {
  let wins = 0;
  let ties = 0;
  let losses = 0;
  let judged = 0;
  let consistent = 0;
  let first = 0;
  let second = 0;
  for (const p of pairs) {
    if (p.outcome === 'win') wins++;
    else if (p.outcome === 'loss') losses++;
    else ties++;
    if (p.consistent !== undefined) {
      judged++;
      if (p.consistent) consistent++;
    }
    if (p.positionPreferred === 'A') first++;
    if (p.positionPreferred === 'B') second++;
  }
  const n = pairs.length;
  return {
    wins,
    ties,
    losses,
    n,
    winRate: n === 0 ? NaN : (wins + 0.5 * ties) / n,
    consistency: judged === 0 ? null : consistent / judged,
    firstSlotBias: judged === 0 ? 0 : first / judged,
    secondSlotBias: judged === 0 ? 0 : second / judged,
  };
}
