// Statistics → BLEU score, a line-by-line port of sacreBLEU 2.6.0 BLEU.compute_bleu
// (sacrebleu/metrics/bleu.py), with corpus and sentence entry points matching corpus_bleu/sentence_bleu.
import {
  CORPUS_BLEU_DEFAULTS,
  SENTENCE_BLEU_DEFAULTS,
  SMOOTH_DEFAULTS,
  resolveBleuOptions,
  type BleuOptions,
} from './options';
import { pyExp, pyLog } from '../text/pymath';
import { bleuSignature } from './format';
import {
  bleuSegmentStats,
  countRefs,
  segmentStats,
  streamsToSegments,
  sumStats,
  type BleuStats,
  type RefCount,
} from './stats';

/** A BLEU score and the numbers it came from (sacreBLEU's BLEUScore). Scale 0-100. */
export interface BleuScore {
  score: number;
  /** Matched n-grams per order (after add-k smoothing, as sacreBLEU reports them). */
  counts: number[];
  /** Hypothesis n-grams per order (after add-k smoothing). */
  totals: number[];
  precisions: number[];
  bp: number;
  sysLen: number;
  refLen: number;
}

/** A score with the options and reference count it was computed with, and its signature. */
export interface BleuResult extends BleuScore {
  nrefs: RefCount;
  signature: string;
  options: BleuOptions;
}

/** utils.my_log: log with log(0) = -9999999999, so a zero precision drives the score to 0. pyLog/pyExp
 * round like CPython's math module, so scores usually agree with sacreBLEU to the last bit. */
function myLog(x: number): number {
  return x === 0 ? -9999999999 : pyLog(x);
}

/**
 * BLEU from (summed) sufficient statistics [sysLen, refLen, correct_1..N, total_1..N], exactly as
 * BLEU.compute_bleu: brevity penalty exp(1 - r/c); geometric mean of the first eff_order precisions.
 */
export function computeBleu(stats: readonly number[], options?: Partial<BleuOptions>): BleuScore {
  return bleuFromStats(stats, resolveBleuOptions(options, CORPUS_BLEU_DEFAULTS));
}

/** computeBleu with options already resolved (the hot path of sentence scores and resampling). */
export function bleuFromStats(stats: readonly number[], o: BleuOptions): BleuScore {
  const N = o.maxNgramOrder;
  const sysLen = stats[0] ?? 0;
  const refLen = stats[1] ?? 0;
  const correct: number[] = [];
  const total: number[] = [];
  for (let n = 0; n < N; n++) {
    correct.push(stats[2 + n] ?? 0);
    total.push(stats[2 + N + n] ?? 0);
  }
  const smoothValue = o.smoothValue ?? SMOOTH_DEFAULTS[o.smoothMethod] ?? 0;

  let bp = 1.0;
  if (sysLen < refLen) bp = sysLen > 0 ? pyExp(1 - refLen / sysLen) : 0.0;

  const precisions = new Array<number>(N).fill(0.0);
  // Early stop when nothing matched (sacreBLEU issue #141), before any smoothing.
  if (!correct.some((c) => c !== 0)) {
    return { score: 0.0, counts: correct, totals: total, precisions, bp, sysLen, refLen };
  }

  let smoothMteval = 1.0;
  let effOrder = N;
  for (let n = 1; n <= N; n++) {
    if (o.smoothMethod === 'add-k' && n > 1) {
      correct[n - 1] = (correct[n - 1] ?? 0) + smoothValue;
      total[n - 1] = (total[n - 1] ?? 0) + smoothValue;
    }
    const t = total[n - 1] ?? 0;
    const c = correct[n - 1] ?? 0;
    if (t === 0) break;
    if (o.effectiveOrder) effOrder = n;
    if (c === 0) {
      if (o.smoothMethod === 'exp') {
        smoothMteval *= 2;
        precisions[n - 1] = 100 / (smoothMteval * t);
      } else if (o.smoothMethod === 'floor') {
        precisions[n - 1] = (100 * smoothValue) / t;
      }
    } else {
      precisions[n - 1] = (100 * c) / t;
    }
  }

  // Python sums the logs left to right from 0, then divides, exponentiates, and scales by bp.
  let logSum = 0;
  for (let n = 0; n < effOrder; n++) logSum += myLog(precisions[n] ?? 0);
  const score = bp * pyExp(logSum / effOrder);
  return { score, counts: correct, totals: total, precisions, bp, sysLen, refLen };
}

let lastSig: { o: BleuOptions; nrefs: RefCount; signature: string } | undefined;

/** Attaches options, nrefs and signature to a score (the last signature is reused: sentence scores repeat it). */
function withSignature(score: BleuScore, o: BleuOptions, nrefs: RefCount): BleuResult {
  if (lastSig?.o !== o || lastSig.nrefs !== nrefs) {
    lastSig = { o, nrefs, signature: bleuSignature(o, nrefs) };
  }
  const { signature } = lastSig;
  return { ...score, nrefs, signature, options: o };
}

let lastInput: Partial<BleuOptions> | undefined;
let lastResolved: BleuOptions | undefined;

/**
 * resolveBleuOptions for sentence scores, which are called in loops with one options object: the last
 * result is reused when the same object comes back with the same values (so a mutated object is seen).
 */
function resolveSentence(opts: Partial<BleuOptions> | undefined): BleuOptions {
  const last = lastResolved;
  if (opts !== undefined && opts === lastInput && last !== undefined) {
    const same =
      (opts.tokenize ?? SENTENCE_BLEU_DEFAULTS.tokenize) === last.tokenize &&
      (opts.lowercase ?? SENTENCE_BLEU_DEFAULTS.lowercase) === last.lowercase &&
      (opts.smoothMethod ?? SENTENCE_BLEU_DEFAULTS.smoothMethod) === last.smoothMethod &&
      (opts.smoothValue === undefined ? SENTENCE_BLEU_DEFAULTS.smoothValue : opts.smoothValue) ===
        last.smoothValue &&
      (opts.maxNgramOrder ?? SENTENCE_BLEU_DEFAULTS.maxNgramOrder) === last.maxNgramOrder &&
      (opts.effectiveOrder ?? SENTENCE_BLEU_DEFAULTS.effectiveOrder) === last.effectiveOrder;
    if (same) return last;
  }
  lastInput = opts;
  lastResolved = resolveBleuOptions(opts, SENTENCE_BLEU_DEFAULTS);
  return lastResolved;
}

/**
 * sacrebleu.corpus_bleu: `references` are reference streams (references[k][i] is the k-th reference
 * of segment i; null = missing). The score comes from statistics summed over segments.
 */
export function corpusBleu(
  hypotheses: readonly string[],
  references: readonly (readonly (string | null | undefined)[])[],
  options?: Partial<BleuOptions>,
): BleuResult {
  if (references.length === 0) throw new RangeError('BLEU: no reference streams given');
  return corpusBleuSegments(hypotheses, streamsToSegments(references), options);
}

/** Corpus BLEU with references grouped per segment: `references[i]` holds segment i's references. */
export function corpusBleuSegments(
  hypotheses: readonly string[],
  references: readonly (readonly (string | null | undefined)[])[],
  options?: Partial<BleuOptions>,
): BleuResult {
  const o = resolveBleuOptions(options, CORPUS_BLEU_DEFAULTS);
  const { stats, nrefs } = bleuSegmentStats(hypotheses, references, o);
  return withSignature(bleuFromStats(sumOrZero(stats, o), o), o, nrefs);
}

/** sacrebleu.sentence_bleu: one hypothesis, its references; effective order on by default. */
export function sentenceBleu(
  hypothesis: string,
  references: readonly (string | null | undefined)[],
  options?: Partial<BleuOptions>,
): BleuResult {
  const o = resolveSentence(options);
  const stats = segmentStats(hypothesis, references, o, 0);
  return withSignature(bleuFromStats(stats, o), o, countRefs([references]));
}

/** Summed statistics, or zeros of the right length when there are no segments. */
export function sumOrZero(stats: readonly BleuStats[], o: BleuOptions): BleuStats {
  return stats.length > 0 ? sumStats(stats) : new Array<number>(2 + 2 * o.maxNgramOrder).fill(0);
}
