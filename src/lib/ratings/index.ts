// Public results API of human evaluation, for the report and the CLI: annotations in, summaries out.
import type { AnnotationLike } from './annotations';
import { toLikertVotes, toPairwiseVotes } from './annotations';
import { fitBradleyTerry, type BtOptions, type BtResult } from './bradley-terry';
import { summarizeLikert, type LikertCell, type LikertScale } from './likert';
import { votesToBattles } from './slices';
import type { BootstrapOptions } from './stats';
import type { BothBadPolicy } from './types';
import { computePairwiseSummary, type PairwiseSummaryOptions, type WinRateSummary } from './winrate';

export type { AnnotationLike } from './annotations';
export type { WinRateSummary, PairwiseSummaryOptions, OutcomeCounts } from './winrate';
export type { BtResult, BtRating } from './bradley-terry';
export type { LikertCell, LikertDifference, LikertScale } from './likert';
export type { PairwiseVote, LikertVote, StatWarning, PairwiseChoice } from './types';
export { computePairwiseSummary } from './winrate';
export { toPairwiseVotes, toLikertVotes } from './annotations';
export { sliceByTag } from './slices';
export { pairedLikertDifference } from './likert';
export { pairwiseAgreement, likertAgreement } from './agreement-report';

/** Human win rate of `system` over `baseline` straight from stored annotations (ties ½, bootstrap over items). */
export function humanWinRate(
  annotations: readonly AnnotationLike[],
  system: string,
  baseline: string,
  options: PairwiseSummaryOptions = {},
): WinRateSummary {
  return computePairwiseSummary(toPairwiseVotes(annotations), system, baseline, options);
}

/** Bradley–Terry ratings (400·θ + 1000, `baseline` = 1000) from every pairwise annotation given. */
export function humanBradleyTerry(
  annotations: readonly AnnotationLike[],
  baseline: string,
  options: BtOptions & { bothBad?: BothBadPolicy } = {},
): BtResult {
  return fitBradleyTerry(votesToBattles(toPairwiseVotes(annotations), options.bothBad), baseline, options);
}

/** Likert means, intervals and distributions per system and dimension from stored annotations. */
export function humanLikertSummary(
  annotations: readonly AnnotationLike[],
  systems: readonly string[],
  dimensions: readonly string[],
  scale: LikertScale,
  bootstrap: BootstrapOptions = {},
): LikertCell[] {
  return summarizeLikert(toLikertVotes(annotations), systems, dimensions, scale, bootstrap);
}
