// Segment → sufficient statistics, as sacreBLEU's BLEU._extract_reference_info and
// _compute_segment_statistics (sacrebleu/metrics/bleu.py): [hyp_len, ref_len, correct_1..N, total_1..N],
// tokens are lowercased (if asked), rstripped and tokenized (BLEU._preprocess_segment); reference n-gram counts max-merged over references, ref_len the closest reference length (ties: shorter).
import { IntBuffer, PairInterner, SegmentSpanIds, type ScratchSizes } from '../text/interner';
import { pyRstrip } from '../text/whitespace';
import { CORPUS_BLEU_DEFAULTS, resolveBleuOptions, type BleuOptions } from './options';
import { tokenizeIds } from './tokenizers';

/** Sufficient statistics of one segment (or a sum of them): [sysLen, refLen, correct_1..N, total_1..N]. */
export type BleuStats = number[];

/** sacreBLEU's nrefs: the number of references per segment, or 'var' when it varies. */
export type RefCount = number | 'var';

const UNIGRAM = -1;

/** Reusable scratch state for extracting BLEU statistics (one per thread; not re-entrant). */
export class BleuExtractor {
  readonly interner: PairInterner;
  /** Token ids of the current segment (hypothesis and references share them). */
  readonly tokens = new SegmentSpanIds();
  readonly units: IntBuffer;
  readonly grams: IntBuffer;
  refMax: Int32Array;
  tmp: Int32Array;
  used: Int32Array;

  constructor(sizes: ScratchSizes = {}) {
    const { grams = 1024, units = 256, interner = 1024 } = sizes;
    this.interner = new PairInterner(interner);
    this.units = new IntBuffer(units);
    this.grams = new IntBuffer(grams);
    this.refMax = new Int32Array(interner);
    this.tmp = new Int32Array(interner);
    this.used = new Int32Array(interner);
  }

  /** Tokenizes `sent` and interns its 1..n-grams into this.grams (order by order); returns its length. */
  ngrams(sent: string, o: BleuOptions): number {
    if (o.lowercase) sent = sent.toLowerCase();
    const len = tokenizeIds(pyRstrip(sent), o.tokenize, this.tokens, this.units);
    const units = this.units.data;
    const maxOrder = o.maxNgramOrder;
    const grams = this.grams.ensure(len * maxOrder);
    const interner = this.interner;
    let w = 0;
    for (let i = 0; i < len; i++) grams[w++] = interner.intern(UNIGRAM, units[i] ?? 0);
    let prev = 0;
    for (let n = 2; n <= maxOrder && n <= len; n++) {
      const start = w;
      for (let i = 0; i + n <= len; i++) {
        grams[w++] = interner.intern(grams[prev + i] ?? 0, units[i + n - 1] ?? 0);
      }
      prev = start;
    }
    this.#fit();
    return len;
  }

  #fit(): void {
    const need = this.interner.size;
    if (this.refMax.length >= need) return;
    let len = Math.max(1, this.refMax.length);
    while (len < need) len *= 2;
    const grow = (a: Int32Array): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(len);
      b.set(a);
      return b;
    };
    this.refMax = grow(this.refMax);
    this.tmp = grow(this.tmp);
    this.used = grow(this.used);
  }

  /** Statistics of `hyp` against `refs` (at least one; nulls already dropped). */
  segment(hyp: string, refs: readonly string[], o: BleuOptions): BleuStats {
    const N = o.maxNgramOrder;
    this.tokens.clear();
    this.interner.clear();
    const refLens: number[] = [];
    for (let k = 0; k < refs.length; k++) {
      const len = this.ngrams(refs[k] ?? '', o);
      refLens.push(len);
      const count = gramCount(len, N);
      const grams = this.grams.data;
      if (k === 0) {
        const refMax = this.refMax;
        for (let i = 0; i < count; i++) {
          const g = grams[i] ?? 0;
          refMax[g] = (refMax[g] ?? 0) + 1;
        }
      } else {
        // Max-merge with earlier references: count this one, take the max, reset the counts.
        const tmp = this.tmp;
        const refMax = this.refMax;
        for (let i = 0; i < count; i++) {
          const g = grams[i] ?? 0;
          tmp[g] = (tmp[g] ?? 0) + 1;
        }
        for (let i = 0; i < count; i++) {
          const g = grams[i] ?? 0;
          const c = tmp[g] ?? 0;
          if (c > (refMax[g] ?? 0)) refMax[g] = c;
          tmp[g] = 0;
        }
      }
    }
    const hypLen = this.ngrams(hyp, o);
    const grams = this.grams.data;
    const stats: BleuStats = new Array<number>(2 + 2 * N).fill(0);
    stats[0] = hypLen;
    stats[1] = closestRefLen(hypLen, refLens);
    const refMax = this.refMax;
    const used = this.used;
    let w = 0;
    for (let n = 1; n <= N; n++) {
      const total = Math.max(0, hypLen - n + 1);
      let correct = 0;
      for (let i = 0; i < total; i++) {
        const g = grams[w++] ?? 0;
        const u = used[g] ?? 0;
        if (u < (refMax[g] ?? 0)) correct++;
        used[g] = u + 1;
      }
      stats[2 + n - 1] = correct;
      stats[2 + N + n - 1] = total;
    }
    const size = this.interner.size;
    refMax.fill(0, 0, size);
    used.fill(0, 0, size);
    return stats;
  }
}

let shared: BleuExtractor | undefined;

/** How many 1..maxOrder-grams a sequence of `len` tokens has. */
function gramCount(len: number, maxOrder: number): number {
  let c = 0;
  for (let n = 1; n <= maxOrder; n++) c += Math.max(0, len - n + 1);
  return c;
}

/** BLEU._get_closest_ref_len: smallest |hyp_len - ref_len|, the shorter reference on ties. */
function closestRefLen(hypLen: number, refLens: readonly number[]): number {
  let closestDiff = -1;
  let closestLen = -1;
  for (const refLen of refLens) {
    const diff = Math.abs(hypLen - refLen);
    if (closestDiff === -1 || diff < closestDiff) {
      closestDiff = diff;
      closestLen = refLen;
    } else if (diff === closestDiff && refLen < closestLen) {
      closestLen = refLen;
    }
  }
  return closestLen;
}

/**
 * Sufficient statistics of one hypothesis against its references. `null` references are dropped (a
 * variable number of references); empty strings are kept, as in sacreBLEU. At least one must remain.
 */
export function bleuStats(
  hypothesis: string,
  references: readonly (string | null | undefined)[],
  options?: Partial<BleuOptions>,
): BleuStats {
  return segmentStats(hypothesis, references, resolveBleuOptions(options, CORPUS_BLEU_DEFAULTS), 0);
}

/** Like bleuStats with resolved options; `index` only names the segment in errors. */
export function segmentStats(
  hypothesis: string,
  references: readonly (string | null | undefined)[],
  o: BleuOptions,
  index: number,
): BleuStats {
  const refs = references.filter((r): r is string => typeof r === 'string');
  if (refs.length === 0) {
    throw new RangeError(`BLEU: segment ${index + 1} has no reference`);
  }
  shared ??= new BleuExtractor();
  return shared.segment(hypothesis, refs, o);
}

/** Statistics for every segment, with sacreBLEU's nrefs. `references[i]` holds segment i's references. */
export function bleuSegmentStats(
  hypotheses: readonly string[],
  references: readonly (readonly (string | null | undefined)[])[],
  options?: Partial<BleuOptions>,
): { stats: BleuStats[]; nrefs: RefCount } {
  const o = resolveBleuOptions(options, CORPUS_BLEU_DEFAULTS);
  const n = Math.min(hypotheses.length, references.length);
  const stats: BleuStats[] = [];
  for (let i = 0; i < n; i++) {
    stats.push(segmentStats(hypotheses[i] ?? '', references[i] ?? [], o, i));
  }
  return { stats, nrefs: countRefs(references) };
}

/** sacreBLEU's num_refs over segments: the common count of non-null references, or 'var'. */
export function countRefs(references: readonly (readonly (string | null | undefined)[])[]): RefCount {
  let common: number | undefined;
  for (const refs of references) {
    let k = 0;
    for (const r of refs) if (typeof r === 'string') k++;
    if (common === undefined) common = k;
    else if (common !== k) return 'var';
  }
  return common ?? 0;
}

/**
 * Reference streams (sacreBLEU's layout: streams[k][i] is the k-th reference of segment i) to
 * per-segment lists, truncated to the shortest stream as Python's zip(*streams) does.
 */
export function streamsToSegments(
  streams: readonly (readonly (string | null | undefined)[])[],
): (string | null)[][] {
  if (streams.length === 0) return [];
  const n = Math.min(...streams.map((s) => s.length));
  const out: (string | null)[][] = [];
  for (let i = 0; i < n; i++) out.push(streams.map((s) => s[i] ?? null));
  return out;
}

/** Element-wise sum of statistics vectors (sacrebleu.utils.sum_of_lists). */
export function sumStats(stats: readonly (readonly number[])[]): number[] {
  const first = stats[0];
  if (!first) return [];
  const out = first.slice();
  for (let s = 1; s < stats.length; s++) {
    const row = stats[s] ?? [];
    for (let j = 0; j < out.length; j++) out[j] = (out[j] ?? 0) + (row[j] ?? 0);
  }
  return out;
}
