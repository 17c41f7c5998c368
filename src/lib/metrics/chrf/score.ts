// Statistics → chrF, a line-by-line port of sacreBLEU 2.6.0 CHRF._compute_f_score, plus the corpus and
// sentence entry points, signature and score string (sacrebleu/metrics/chrf.py, base.py).
import { formatSignature, type SignatureExtras } from '../bleu/format';
import { countRefs, streamsToSegments, sumStats, type RefCount } from '../bleu/stats';
import { formatFixed } from '../text/format';
import { resolveChrfOptions, type ChrfOptions } from './options';
import { computeChrf } from './fscore';
import { chrfSegmentStats, type ChrfStats } from './stats';

/** A chrF score (0-100) with what it was computed with. */
export interface ChrfResult {
  score: number;
  /** 'chrF2', 'chrF2++', … (CHRFScore name: 'chrF' + beta + '+' per word order). */
  name: string;
  nrefs: RefCount;
  signature: string;
  options: ChrfOptions;
}

/** CHRFScore's name: chrF2, chrF2++ (one '+' per word order), chrF1, … */
export function chrfName(o: Pick<ChrfOptions, 'beta' | 'wordOrder'>): string {
  return `chrF${o.beta}${'+'.repeat(o.wordOrder)}`;
}

/** CHRFSignature, e.g. `nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0`. */
export function chrfSignature(
  o: Pick<ChrfOptions, 'lowercase' | 'epsSmoothing' | 'charOrder' | 'wordOrder' | 'whitespace'>,
  nrefs: RefCount,
  extras: SignatureExtras = {},
  short = false,
): string {
  return formatSignature(
    nrefs,
    [
      ['case', o.lowercase ? 'lc' : 'mixed'],
      ['eff', o.epsSmoothing ? 'no' : 'yes'],
      ['nc', String(o.charOrder)],
      ['nw', String(o.wordOrder)],
      ['space', o.whitespace ? 'yes' : 'no'],
    ],
    extras,
    short,
  );
}

/** Score.format: `chrF2 = 39.14` or `chrF2|<signature> = 39.14`. */
export function formatChrf(
  r: { score: number; name: string },
  opts: { signature?: string; width?: number } = {},
): string {
  const name = opts.signature ? `${r.name}|${opts.signature}` : r.name;
  return `${name} = ${formatFixed(r.score, opts.width ?? 2)}`;
}

/** Statistics for every segment (`references[i]` = segment i's references) and sacreBLEU's nrefs. */
export function chrfSegmentStatsAll(
  hypotheses: readonly string[],
  references: readonly (readonly (string | null | undefined)[])[],
  options?: Partial<ChrfOptions>,
): { stats: ChrfStats[]; nrefs: RefCount } {
  const o = resolveChrfOptions(options);
  const n = Math.min(hypotheses.length, references.length);
  const stats: ChrfStats[] = [];
  for (let i = 0; i < n; i++) stats.push(chrfSegmentStats(hypotheses[i] ?? '', references[i] ?? [], o, i));
  return { stats, nrefs: countRefs(references) };
}

function result(stats: readonly ChrfStats[], o: ChrfOptions, nrefs: RefCount): ChrfResult {
  const summed =
    stats.length > 0 ? sumStats(stats) : new Array<number>(3 * (o.charOrder + o.wordOrder)).fill(0);
  return {
    score: computeChrf(summed, o),
    name: chrfName(o),
    nrefs,
    signature: chrfSignature(o, nrefs),
    options: o,
  };
}

/** Corpus chrF from summed statistics; references grouped per segment. */
export function corpusChrfSegments(
  hypotheses: readonly string[],
  references: readonly (readonly (string | null | undefined)[])[],
  options?: Partial<ChrfOptions>,
): ChrfResult {
  const o = resolveChrfOptions(options);
  const { stats, nrefs } = chrfSegmentStatsAll(hypotheses, references, o);
  return result(stats, o, nrefs);
}

/** CHRF().corpus_score: `references` are streams (references[k][i] = k-th reference of segment i). */
export function corpusChrf(
  hypotheses: readonly string[],
  references: readonly (readonly (string | null | undefined)[])[],
  options?: Partial<ChrfOptions>,
): ChrfResult {
  if (references.length === 0) throw new RangeError('chrF: no reference streams given');
  return corpusChrfSegments(hypotheses, streamsToSegments(references), options);
}

/** CHRF().sentence_score / sacrebleu.sentence_chrf. */
export function sentenceChrf(
  hypothesis: string,
  references: readonly (string | null | undefined)[],
  options?: Partial<ChrfOptions>,
): ChrfResult {
  const o = resolveChrfOptions(options);
  return result([chrfSegmentStats(hypothesis, references, o)], o, countRefs([references]));
}

/** chrF statistics of one segment with default-filled options. */
export function chrfStats(
  hypothesis: string,
  references: readonly (string | null | undefined)[],
  options?: Partial<ChrfOptions>,
): ChrfStats {
  return chrfSegmentStats(hypothesis, references, resolveChrfOptions(options));
}
