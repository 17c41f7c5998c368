// Everything the Human Results and Agreement tabs show, computed from a session's annotations in one pure function.
// Runs in the analysis worker (src/lib/analysis) and, unchanged, in Node for the tests and the CLI.
import type { AnnotationLike } from './annotations';
import { toLikertVotes, toPairwiseVotes } from './annotations';
import {
  likertAgreement,
  pairwiseAgreement,
  type LikertAgreement,
  type PairwiseAgreement,
} from './agreement-report';
import { fitBradleyTerry, type BtResult } from './bradley-terry';
import { pairedLikertDifference, summarizeLikert, type LikertCell, type LikertDifference } from './likert';
import { DEFAULT_SCALE, type SessionConfig } from './session';
import { sliceByTag, votesToBattles, type SliceSummary } from './slices';
import { computePairwiseSummary, type WinRateSummary } from './winrate';

/** Results of one session (and Bradley–Terry over the dataset's pairwise sessions). */
export interface SessionResults {
  annotators: string[];
  summary: WinRateSummary | null;
  slices: SliceSummary[];
  cells: LikertCell[];
  diffs: LikertDifference[];
  dimensions: string[];
  pairwiseAgreement: PairwiseAgreement | null;
  likertAgreement: LikertAgreement[];
  btSystems: string[];
  bt: BtResult | null;
}

/**
 * Computes a session's results. `annotator` restricts win rates and Likert means to one annotator ('' = all, pooled
 * per item); agreement always uses everyone. Likert differences compare each system with the session's first.
 */
export function sessionResults(
  config: SessionConfig,
  annotations: readonly AnnotationLike[],
  datasetPairwise: readonly AnnotationLike[],
  tagsByRow: ReadonlyMap<string, readonly string[]>,
  annotator: string,
  btBaseline: string,
): SessionResults {
  const options = annotator ? { annotator } : {};
  const [a = '', b = ''] = config.systems;
  const pairVotes = toPairwiseVotes(annotations);
  const likertVotes = toLikertVotes(annotations);
  const picked = annotator ? likertVotes.filter((v) => v.annotator === annotator) : likertVotes;
  const dimensions = config.dimensions?.map((d) => d.name) ?? [];
  const scale = config.scale ?? DEFAULT_SCALE;
  const pairwise = config.kind === 'pairwise';
  const btVotes = toPairwiseVotes(datasetPairwise);
  const btSystems = [...new Set(btVotes.flatMap((v) => [v.left, v.right]))].sort();
  const baseline = btSystems.includes(btBaseline) ? btBaseline : (btSystems[0] ?? '');
  return {
    annotators: [...new Set(annotations.map((x) => x.annotator))].sort(),
    summary: pairwise ? computePairwiseSummary(pairVotes, a, b, options) : null,
    slices: pairwise ? sliceByTag(pairVotes, tagsByRow, a, b, options) : [],
    cells: pairwise ? [] : summarizeLikert(picked, config.systems, dimensions, scale),
    diffs: pairwise
      ? []
      : config.systems
          .slice(1)
          .flatMap((s) => dimensions.map((d) => pairedLikertDifference(picked, d, s, a))),
    dimensions,
    pairwiseAgreement: pairwise ? pairwiseAgreement(pairVotes, a, b) : null,
    likertAgreement: pairwise ? [] : likertAgreement(likertVotes, dimensions, scale),
    btSystems,
    bt: btSystems.length >= 3 ? fitBradleyTerry(votesToBattles(btVotes), baseline) : null,
  };
}
