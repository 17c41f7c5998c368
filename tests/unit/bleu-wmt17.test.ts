// WMT17 en-de (tests/fixtures/reference/wmt17_en_de_corpus.json): corpus BLEU per system must reproduce
// sacreBLEU 2.6.0 (full precision) and the independent Moses mteval-v13a.pl values (2 dp).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusBleu, formatBleu, sentenceBleu, type BleuOptions } from '../../src/lib/metrics/bleu';

interface PyOptions {
  tokenize: BleuOptions['tokenize'];
  lowercase: boolean;
  smooth_method: BleuOptions['smoothMethod'];
  smooth_value: number | null;
  effective_order: boolean;
  max_ngram_order: number;
}
interface WmtCase {
  id: string;
  system: string;
  reference_streams?: string[];
  options: PyOptions;
  expected?: {
    score: number;
    counts: number[];
    totals: number[];
    sys_len: number;
    ref_len: number;
    str: string;
    signature: string;
  };
  independent_expected?: { score_2dp: number; abs_tolerance: number };
  expected_per_segment?: {
    index: number;
    score: number;
    counts: number[];
    totals: number[];
    sys_len: number;
    ref_len: number;
  }[];
}

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/reference/${name}`, import.meta.url), 'utf8'));
const cases = (fixture('bleu_cases.json') as { wmt17_cases: WmtCase[] }).wmt17_cases;
const corpus = fixture('wmt17_en_de_corpus.json') as {
  reference: string[];
  systems: Record<string, string[]>;
};

const options = (o: PyOptions): BleuOptions => ({
  tokenize: o.tokenize,
  lowercase: o.lowercase,
  smoothMethod: o.smooth_method,
  smoothValue: o.smooth_value,
  maxNgramOrder: o.max_ngram_order,
  effectiveOrder: o.effective_order,
});

const stream = (name: string): string[] => {
  const s = name === 'reference' ? corpus.reference : corpus.systems[name];
  if (!s) throw new Error(`no stream ${name}`);
  return s;
};

const SENTENCE: PyOptions = {
  tokenize: '13a',
  lowercase: false,
  smooth_method: 'exp',
  smooth_value: null,
  effective_order: true,
  max_ngram_order: 4,
};

// Only 5 of the 16 WMT17 systems are in the corpus file; the other cases need the sacreBLEU pickle.
const runnable = cases.filter((c) => c.system in corpus.systems);

describe('WMT17 en-de corpus BLEU equals sacreBLEU 2.6.0', () => {
  it('covers all five systems in the corpus file and every variant', () => {
    expect(Object.keys(corpus.systems)).toHaveLength(5);
    expect(corpus.reference).toHaveLength(3004);
    expect(runnable.filter((c) => c.id.startsWith('wmt17-en-de-13a-newstest'))).toHaveLength(5);
    expect(runnable).toHaveLength(12);
  });

  for (const c of runnable.filter((c) => c.expected)) {
    it(c.id, () => {
      const refs = (c.reference_streams ?? ['reference']).map(stream);
      const r = corpusBleu(stream(c.system), refs, options(c.options));
      const e = c.expected;
      if (!e) throw new Error('no expectation');
      expect(Math.abs(r.score - e.score)).toBeLessThanOrEqual(1e-12 * e.score);
      expect(r.counts).toEqual(e.counts);
      expect(r.totals).toEqual(e.totals);
      expect([r.sysLen, r.refLen]).toEqual([e.sys_len, e.ref_len]);
      expect(formatBleu(r)).toBe(e.str);
      expect(r.signature).toBe(e.signature);
      if (c.independent_expected) {
        const ind = c.independent_expected;
        expect(Math.abs(r.score - ind.score_2dp)).toBeLessThanOrEqual(ind.abs_tolerance + 1e-9);
      }
    });
  }

  it('sentence BLEU of the first 50 segments equals sentence_bleu', () => {
    const c = runnable.find((x) => x.expected_per_segment);
    const segs = c?.expected_per_segment ?? [];
    expect(segs).toHaveLength(50);
    const hyps = stream(c?.system ?? '');
    for (const seg of segs) {
      const r = sentenceBleu(
        hyps[seg.index] ?? '',
        [corpus.reference[seg.index] ?? ''],
        options(c?.options ?? SENTENCE),
      );
      expect(Math.abs(r.score - seg.score)).toBeLessThanOrEqual(1e-12 * Math.max(seg.score, 1e-300));
      expect(r.counts).toEqual(seg.counts);
      expect(r.totals).toEqual(seg.totals);
      expect([r.sysLen, r.refLen]).toEqual([seg.sys_len, seg.ref_len]);
    }
  });
});
