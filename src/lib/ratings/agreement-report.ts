// Agreement between annotators on a session, ready to show: each statistic with the number of items it rests on.
// Pairwise labels are made system-relative (which system won), so the side an item was shown on cannot matter.
import { cohenKappa, fleissKappa, percentAgreement, weightedKappa, type AgreementStat } from './agreement';
import { krippendorffAlpha } from './krippendorff';
import type { LikertScale } from './likert';
import type { LikertVote, PairwiseVote } from './types';
import { outcomeFor } from './winrate';

/** A statistic computed for one pair of annotators. */
export interface PairStat {
  a: string;
  b: string;
  stat: AgreementStat;
}

/** Agreement on a pairwise session. */
export interface PairwiseAgreement {
  annotators: string[];
  /** Share of agreeing annotator pairs, over items with ≥2 answers (ties and both-bad as their own labels). */
  percent: AgreementStat;
  /** The same over items where every answer was decisive (no tie, no both-bad). */
  percentNoTies: AgreementStat;
  /** Cohen's kappa for every pair of annotators. */
  cohen: PairStat[];
  /** Fleiss' kappa over items every annotator answered (needs ≥2 annotators). */
  fleiss: AgreementStat;
  /** Krippendorff's alpha (nominal), using every item with ≥2 answers. */
  alpha: AgreementStat;
}

/** Agreement on one Likert dimension (units are item × system). */
export interface LikertAgreement {
  dimension: string;
  annotators: string[];
  percent: AgreementStat;
  linear: PairStat[];
  quadratic: PairStat[];
  alphaOrdinal: AgreementStat;
  alphaInterval: AgreementStat;
}

/** units[u][annotator index] = label or null, from (unit, annotator, label) triples. */
function grid<T>(triples: readonly [string, string, T][]): { annotators: string[]; units: (T | null)[][] } {
  const annotators = [...new Set(triples.map((t) => t[1]))].sort();
  const col = new Map(annotators.map((a, i) => [a, i]));
  const rows = new Map<string, (T | null)[]>();
  for (const [unit, annotator, label] of triples) {
    const row = rows.get(unit) ?? new Array<T | null>(annotators.length).fill(null);
    row[col.get(annotator) ?? 0] = label;
    rows.set(unit, row);
  }
  return { annotators, units: [...rows.values()] };
}

function eachPair<T>(
  annotators: string[],
  units: (T | null)[][],
  f: (a: (T | null)[], b: (T | null)[]) => AgreementStat,
): PairStat[] {
  const out: PairStat[] = [];
  for (let i = 0; i < annotators.length; i++)
    for (let j = i + 1; j < annotators.length; j++)
      out.push({
        a: annotators[i] ?? '',
        b: annotators[j] ?? '',
        stat: f(
          units.map((u) => u[i] ?? null),
          units.map((u) => u[j] ?? null),
        ),
      });
  return out;
}

/** Agreement between annotators of a pairwise comparison of `system` and `baseline`; skips count as missing. */
export function pairwiseAgreement(
  votes: readonly PairwiseVote[],
  system: string,
  baseline: string,
): PairwiseAgreement {
  const triples: [string, string, string][] = [];
  for (const v of votes) {
    const o = outcomeFor(v, system, baseline);
    if (o !== null) triples.push([v.rowId, v.annotator, o]);
  }
  const { annotators, units } = grid(triples);
  const decisive = units.filter((u) => u.every((l) => l === null || l === 'win' || l === 'loss'));
  return {
    annotators,
    percent: percentAgreement(units),
    percentNoTies: percentAgreement(decisive),
    cohen: eachPair(annotators, units, cohenKappa),
    fleiss: fleissKappa(units),
    alpha: krippendorffAlpha(units, 'nominal'),
  };
}

/** Agreement per Likert dimension: exact agreement, weighted kappa per pair, Krippendorff's ordinal and interval α. */
export function likertAgreement(
  votes: readonly LikertVote[],
  dimensions: readonly string[],
  scale: LikertScale,
): LikertAgreement[] {
  const points = Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i);
  return dimensions.map((dimension) => {
    const triples: [string, string, number][] = votes
      .filter((v) => v.dimension === dimension)
      .map((v) => [`${v.rowId}\u0000${v.system}`, v.annotator, v.score]);
    const { annotators, units } = grid(triples);
    return {
      dimension,
      annotators,
      percent: percentAgreement(units),
      linear: eachPair(annotators, units, (a, b) => weightedKappa(a, b, points, 'linear')),
      quadratic: eachPair(annotators, units, (a, b) => weightedKappa(a, b, points, 'quadratic')),
      alphaOrdinal: krippendorffAlpha(units, 'ordinal', points),
      alphaInterval: krippendorffAlpha(units, 'interval'),
    };
  });
}
