// Pairwise win rates: a tie counts as half a win (FastChat `win_rate_adjusted`, AlpacaEval, Arena-Hard), with a
// seeded bootstrap over items for the headline interval and the Wilson interval for the no-tie rate (JUDGE-NOTES §3.8).
import type { Interval } from '../core/types';
import { bootstrapMean, signTest, wilsonInterval, type BootstrapOptions } from './stats';
import type { BothBadPolicy, Outcome, PairwiseVote, StatWarning } from './types';
import { winRateWarnings } from './warnings';

/** Counts of outcomes from the system's point of view. */
export interface OutcomeCounts {
  wins: number;
  losses: number;
  ties: number;
  bothBad: number;
}

/** Options of a pairwise summary. */
export interface PairwiseSummaryOptions {
  /** Only this annotator's votes (default: every annotator, pooled per item). */
  annotator?: string;
  /** How "both bad" counts in the win rate (default 'tie', as Chatbot Arena does). */
  bothBad?: BothBadPolicy;
  bootstrap?: BootstrapOptions;
}

/** Win rate of `system` over `baseline`, with counts, intervals, a sign test and small-n warnings. */
export interface WinRateSummary {
  system: string;
  baseline: string;
  /** Every non-skipped vote, counted once per annotator. */
  judgments: OutcomeCounts;
  /** Votes that were skips. */
  skipped: number;
  /** Items with at least one counted vote (the bootstrap's resampling unit). */
  items: number;
  /** Items after pooling annotators (mean score > ½ is a win, < ½ a loss, = ½ a tie). */
  itemCounts: { wins: number; losses: number; ties: number };
  /** Mean over items of the per-item score (win 1, tie ½, loss 0); null without data. */
  winRate: number | null;
  /** Percentile bootstrap interval of `winRate`, resampling items. */
  interval: Interval | null;
  /** wins / (wins + losses) over items, ties left out. */
  noTieWinRate: number | null;
  /** Wilson interval of `noTieWinRate`. */
  wilson: Interval | null;
  /** Exact two-sided sign test of item wins against losses (H0: p = ½). */
  signTestP: number | null;
  warnings: StatWarning[];
}

/** The outcome of a vote for `system` against `baseline`; null for skips and for votes on another pair. */
export function outcomeFor(vote: PairwiseVote, system: string, baseline: string): Outcome | null {
  const pair =
    (vote.left === system && vote.right === baseline) || (vote.left === baseline && vote.right === system);
  if (!pair) return null;
  switch (vote.choice) {
    case 'skip':
      return null;
    case 'tie':
      return 'tie';
    case 'both-bad':
      return 'both-bad';
    case 'A':
      return vote.left === system ? 'win' : 'loss';
    case 'B':
      return vote.right === system ? 'win' : 'loss';
  }
}

/** Score of an outcome: win 1, tie ½, loss 0; both-bad ½ or null (excluded) by policy. */
export function outcomeScore(outcome: Outcome, bothBad: BothBadPolicy = 'tie'): number | null {
  if (outcome === 'win') return 1;
  if (outcome === 'loss') return 0;
  if (outcome === 'tie') return 0.5;
  return bothBad === 'tie' ? 0.5 : null;
}

/** Per-item mean scores for `system` against `baseline`, in first-seen item order. */
export function itemScores(
  votes: readonly PairwiseVote[],
  system: string,
  baseline: string,
  bothBad: BothBadPolicy = 'tie',
): Map<string, number> {
  const sums = new Map<string, { s: number; n: number }>();
  for (const v of votes) {
    const o = outcomeFor(v, system, baseline);
    if (o === null) continue;
    const s = outcomeScore(o, bothBad);
    if (s === null) continue;
    const acc = sums.get(v.rowId) ?? { s: 0, n: 0 };
    acc.s += s;
    acc.n += 1;
    sums.set(v.rowId, acc);
  }
  const out = new Map<string, number>();
  for (const [rowId, { s, n }] of sums) out.set(rowId, s / n);
  return out;
}

/**
 * Summarises pairwise votes of `system` against `baseline` (the dashboard's entry point for human win rates).
 * Win rate = mean over items of s_i ∈ [0, 1] (ties ½), bootstrap over items; no-tie rate with Wilson; sign test.
 */
export function computePairwiseSummary(
  votes: readonly PairwiseVote[],
  system: string,
  baseline: string,
  options: PairwiseSummaryOptions = {},
): WinRateSummary {
  const bothBad = options.bothBad ?? 'tie';
  const picked =
    options.annotator === undefined ? votes : votes.filter((v) => v.annotator === options.annotator);
  const judgments: OutcomeCounts = { wins: 0, losses: 0, ties: 0, bothBad: 0 };
  let skipped = 0;
  for (const v of picked) {
    const o = outcomeFor(v, system, baseline);
    if (o === null) {
      const samePair = new Set([v.left, v.right]);
      if (v.choice === 'skip' && samePair.has(system) && samePair.has(baseline)) skipped++;
      continue;
    }
    if (o === 'win') judgments.wins++;
    else if (o === 'loss') judgments.losses++;
    else if (o === 'tie') judgments.ties++;
    else judgments.bothBad++;
  }
  const scores = [...itemScores(picked, system, baseline, bothBad).values()];
  const itemCounts = { wins: 0, losses: 0, ties: 0 };
  for (const s of scores) {
    if (s > 0.5) itemCounts.wins++;
    else if (s < 0.5) itemCounts.losses++;
    else itemCounts.ties++;
  }
  const n = scores.length;
  const winRate = n > 0 ? scores.reduce((a, b) => a + b, 0) / n : null;
  const interval = bootstrapMean(scores, options.bootstrap);
  const decided = itemCounts.wins + itemCounts.losses;
  const level = options.bootstrap?.level;
  const summary: WinRateSummary = {
    system,
    baseline,
    judgments,
    skipped,
    items: n,
    itemCounts,
    winRate,
    interval,
    noTieWinRate: decided > 0 ? itemCounts.wins / decided : null,
    wilson: wilsonInterval(itemCounts.wins, decided, level),
    signTestP: signTest(itemCounts.wins, decided),
    warnings: [],
  };
  summary.warnings = winRateWarnings(summary);
  return summary;
}
