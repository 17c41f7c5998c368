// Segment → chrF sufficient statistics, as sacreBLEU 2.6.0 CHRF (sacrebleu/metrics/chrf.py):
// per order [hyp n-grams (0 when the reference has none of that order), ref n-grams, matches], character
// orders first, then chrF++ word orders; with several references, the stats of the one with the best
// segment-level F (first one wins ties).
import { IntBuffer, PairInterner, SegmentSpanIds, type ScratchSizes } from '../text/interner';
import { isPyWhitespace, pySplit } from '../text/whitespace';
import { computeChrf } from './fscore';
import type { ChrfOptions } from './options';

/** Statistics of one segment (or a sum): 3 entries per order, char orders then word orders. */
export type ChrfStats = number[];

const CHAR_NS = -1;
const WORD_NS = -2;
// string.punctuation, the set CHRF._remove_punctuation splits off.
const PUNCT = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');

/**
 * CHRF._remove_punctuation: split on whitespace; a word longer than one character loses one trailing
 * punctuation character into its own token, or else one leading one ('(hi)' -> '(hi', ')').
 */
export function removePunctuation(sent: string): string[] {
  const out: string[] = [];
  for (const w of pySplit(sent)) {
    // Code points vs UTF-16 units make no difference here: punctuation is ASCII, and a lone astral
    // character (length 2) is kept whole either way.
    if (w.length === 1) out.push(w);
    else if (PUNCT.has(w[w.length - 1] ?? '')) out.push(w.slice(0, -1), w.slice(-1));
    else if (PUNCT.has(w[0] ?? '')) out.push(w.slice(0, 1), w.slice(1));
    else out.push(w);
  }
  return out;
}

/** Interned n-grams of one side of a segment, order by order. */
class Grams {
  readonly ids: IntBuffer;
  readonly units: IntBuffer;
  constructor(grams: number, units: number) {
    this.ids = new IntBuffer(grams);
    this.units = new IntBuffer(units);
  }
  /** start[k]..start[k+1] are the grams of order k (char orders first). */
  start: number[] = [];
  get total(): number {
    return this.start[this.start.length - 1] ?? 0;
  }
}

/** Reusable scratch state for chrF statistics (one per thread; not re-entrant). */
export class ChrfExtractor {
  readonly interner: PairInterner;
  /** Word ids of the current segment (hypothesis and references share them). */
  readonly words = new SegmentSpanIds();
  readonly hyp: Grams;
  readonly ref: Grams;
  refCnt: Int32Array;
  used: Int32Array;

  constructor(sizes: ScratchSizes = {}) {
    const { grams = 1024, units = 256, interner = 2048 } = sizes;
    this.interner = new PairInterner(interner);
    this.hyp = new Grams(grams, units);
    this.ref = new Grams(grams, units);
    this.refCnt = new Int32Array(interner);
    this.used = new Int32Array(interner);
  }

  /** Interns units[0..len) as 1..maxOrder-grams appended to g (one order range per order). */
  #ngrams(g: Grams, len: number, maxOrder: number, ns: number): void {
    const units = g.units.data;
    let w = g.total;
    const ids = g.ids.ensure(w + len * maxOrder);
    const interner = this.interner;
    let prev = w;
    for (let i = 0; i < len; i++) ids[w++] = interner.intern(ns, units[i] ?? 0);
    g.start.push(w);
    for (let n = 2; n <= maxOrder; n++) {
      const start = w;
      for (let i = 0; i + n <= len; i++)
        ids[w++] = interner.intern(ids[prev + i] ?? 0, units[i + n - 1] ?? 0);
      g.start.push(w);
      prev = start;
    }
  }

  /** Character (code point) and word n-grams of an already lowercased sentence. */
  collect(g: Grams, sent: string, o: ChrfOptions): void {
    g.start = [0];
    if (o.charOrder > 0) {
      const units = g.units.ensure(sent.length);
      let len = 0;
      for (let i = 0; i < sent.length; i++) {
        let c = sent.charCodeAt(i);
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < sent.length) {
          const d = sent.charCodeAt(i + 1);
          if (d >= 0xdc00 && d <= 0xdfff) {
            c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
            i++;
          }
        } else if (!o.whitespace && isPyWhitespace(c)) {
          continue; // ''.join(line.split()): n-grams run across the removed whitespace
        }
        units[len++] = c;
      }
      this.#ngrams(g, len, o.charOrder, CHAR_NS);
    }
    if (o.wordOrder > 0) {
      const words = removePunctuation(sent);
      const units = g.units.ensure(words.length);
      for (let i = 0; i < words.length; i++) units[i] = this.words.id(words[i] ?? '');
      this.#ngrams(g, words.length, o.wordOrder, WORD_NS);
    }
    this.#fit();
  }

  #fit(): void {
    const need = this.interner.size;
    if (this.refCnt.length >= need) return;
    let len = Math.max(1, this.refCnt.length);
    while (len < need) len *= 2;
    this.refCnt = new Int32Array(len); // both arrays are all zeros between uses
    this.used = new Int32Array(len);
  }

  /** Match statistics of the collected hypothesis against the collected reference. */
  #match(o: ChrfOptions): ChrfStats {
    const order = o.charOrder + o.wordOrder;
    const refIds = this.ref.ids.data;
    const hypIds = this.hyp.ids.data;
    const refCnt = this.refCnt;
    const used = this.used;
    const refTotal = this.ref.total;
    for (let i = 0; i < refTotal; i++) {
      const g = refIds[i] ?? 0;
      refCnt[g] = (refCnt[g] ?? 0) + 1;
    }
    const stats: ChrfStats = [];
    for (let k = 0; k < order; k++) {
      const hs = this.hyp.start[k] ?? 0;
      const he = this.hyp.start[k + 1] ?? 0;
      const nRef = (this.ref.start[k + 1] ?? 0) - (this.ref.start[k] ?? 0);
      let match = 0;
      for (let i = hs; i < he; i++) {
        const g = hypIds[i] ?? 0;
        const u = used[g] ?? 0;
        if (u < (refCnt[g] ?? 0)) match++;
        used[g] = u + 1;
      }
      // "Don't count hits if no reference exists for that n-gram" (_get_match_statistics).
      stats.push(nRef > 0 ? he - hs : 0, nRef, match);
    }
    for (let i = 0; i < refTotal; i++) refCnt[refIds[i] ?? 0] = 0;
    for (let i = 0; i < this.hyp.total; i++) used[hypIds[i] ?? 0] = 0;
    return stats;
  }

  /** Statistics of `hyp` against the best-scoring of `refs` (at least one). */
  segment(hyp: string, refs: readonly string[], o: ChrfOptions): ChrfStats {
    this.words.clear();
    this.interner.clear();
    this.collect(this.hyp, o.lowercase ? hyp.toLowerCase() : hyp, o);
    let best: ChrfStats = [];
    let bestF = -1.0;
    for (const ref of refs) {
      this.collect(this.ref, o.lowercase ? ref.toLowerCase() : ref, o);
      const stats = this.#match(o);
      const f = computeChrf(stats, o);
      if (f > bestF) {
        bestF = f;
        best = stats;
      }
    }
    return best;
  }
}

let shared: ChrfExtractor | undefined;

/** chrF statistics of one hypothesis against its references (nulls dropped; at least one must remain). */
export function chrfSegmentStats(
  hypothesis: string,
  references: readonly (string | null | undefined)[],
  o: ChrfOptions,
  index = 0,
): ChrfStats {
  const refs = references.filter((r): r is string => typeof r === 'string');
  if (refs.length === 0) throw new RangeError(`chrF: segment ${index + 1} has no reference`);
  shared ??= new ChrfExtractor();
  return shared.segment(hypothesis, refs, o);
}
