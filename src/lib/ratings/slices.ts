// Per-tag slices of a pairwise comparison, each with its own interval and warnings (small slices say so), and the
// conversion of votes into Bradley–Terry battles when three or more systems were compared.
import type { Battle } from './bradley-terry';
import type { BootstrapOptions } from './stats';
import type { BothBadPolicy, PairwiseVote } from './types';
import { computePairwiseSummary, type WinRateSummary } from './winrate';

/** A win-rate summary restricted to rows carrying one tag. */
export interface SliceSummary {
  tag: string;
  summary: WinRateSummary;
}

/** Win rate of `system` over `baseline` for every tag present on the judged rows, largest slice first. */
export function sliceByTag(
  votes: readonly PairwiseVote[],
  tagsByRow: ReadonlyMap<string, readonly string[]>,
  system: string,
  baseline: string,
  options: { annotator?: string; bothBad?: BothBadPolicy; bootstrap?: BootstrapOptions } = {},
): SliceSummary[] {
  const byTag = new Map<string, PairwiseVote[]>();
  for (const v of votes)
    for (const tag of tagsByRow.get(v.rowId) ?? []) {
      const list = byTag.get(tag) ?? [];
      list.push(v);
      byTag.set(tag, list);
    }
  return [...byTag]
    .map(([tag, vs]) => ({ tag, summary: computePairwiseSummary(vs, system, baseline, options) }))
    .sort((a, b) => b.summary.items - a.summary.items || a.tag.localeCompare(b.tag));
}

/** Battles for Bradley–Terry: A's score against B (1, ½, 0), grouped by item; skips (and excluded both-bad) dropped. */
export function votesToBattles(votes: readonly PairwiseVote[], bothBad: BothBadPolicy = 'tie'): Battle[] {
  const out: Battle[] = [];
  for (const v of votes) {
    if (v.choice === 'skip' || (v.choice === 'both-bad' && bothBad === 'exclude')) continue;
    const score = v.choice === 'A' ? 1 : v.choice === 'B' ? 0 : 0.5;
    out.push({ a: v.left, b: v.right, score, unit: v.rowId });
  }
  return out;
}
