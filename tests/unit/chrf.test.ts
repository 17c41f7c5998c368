// chrF / chrF++ against sacreBLEU 2.6.0 (tests/fixtures/reference/chrf_cases.json, see PROVENANCE.md):
// values within 1e-12 relative, score strings and signatures identical, WMT17 systems included.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  chrfSignature,
  chrfStats,
  computeChrf,
  corpusChrf,
  formatChrf,
  removePunctuation,
  sentenceChrf,
  type ChrfOptions,
} from '../../src/lib/metrics/chrf';

interface PyOptions {
  char_order: number;
  word_order: number;
  beta: number;
  lowercase: boolean;
  whitespace: boolean;
  eps_smoothing: boolean;
}
interface Case {
  id: string;
  api: 'corpus_score' | 'sentence_score';
  data?: string;
  system?: string;
  hypotheses?: string[];
  hypothesis?: string;
  references?: string[][] | string[];
  options: PyOptions;
  expected: { score: number; name?: string; str: string; signature: string; signature_short?: string };
  independent_expected?: { score: number; abs_tolerance: number };
}

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/reference/${name}`, import.meta.url), 'utf8'));
const { cases } = fixture('chrf_cases.json') as { cases: Case[] };
const corpus = fixture('wmt17_en_de_corpus.json') as {
  reference: string[];
  systems: Record<string, string[]>;
};

const options = (o: PyOptions): ChrfOptions => ({
  charOrder: o.char_order,
  wordOrder: o.word_order,
  beta: o.beta,
  lowercase: o.lowercase,
  whitespace: o.whitespace,
  epsSmoothing: o.eps_smoothing,
});

describe('chrF matches sacreBLEU 2.6.0 on every reference case', () => {
  it('has all 36 cases, 6 of them on the WMT17 corpus', () => {
    expect(cases).toHaveLength(36);
    expect(cases.filter((c) => c.data)).toHaveLength(6);
  });

  for (const c of cases) {
    it(c.id, () => {
      const o = options(c.options);
      let r;
      if (c.data) {
        const hyps = corpus.systems[c.system ?? ''];
        if (!hyps) throw new Error(`missing system ${c.system}`);
        r = corpusChrf(hyps, [corpus.reference], o);
      } else if (c.api === 'sentence_score') {
        r = sentenceChrf(c.hypothesis ?? '', (c.references ?? []) as string[], o);
      } else {
        r = corpusChrf(c.hypotheses ?? [], (c.references ?? []) as string[][], o);
      }
      const e = c.expected;
      if (e.score === 0) expect(r.score).toBe(0);
      else expect(Math.abs(r.score - e.score)).toBeLessThanOrEqual(1e-12 * e.score);
      expect(formatChrf(r)).toBe(e.str);
      if (e.name) expect(r.name).toBe(e.name);
      expect(r.signature).toBe(e.signature);
      if (e.signature_short) expect(chrfSignature(o, r.nrefs, {}, true)).toBe(e.signature_short);
      if (c.independent_expected) {
        const ind = c.independent_expected;
        expect(Math.abs(r.score - ind.score)).toBeLessThanOrEqual(ind.abs_tolerance);
      }
    });
  }
});

describe('chrF details', () => {
  it("chrF++ splits one punctuation character off a word's end, else its start", () => {
    expect(removePunctuation('(hi) there, "friend"! a . 😀.')).toEqual([
      '(hi',
      ')',
      'there',
      ',',
      '"friend"',
      '!',
      'a',
      '.',
      '😀',
      '.',
    ]);
  });

  it('character n-grams run over code points with Python whitespace removed', () => {
    // '😀😀' has 2 unigrams and 1 bigram as code points; U+0085 is whitespace in Python only.
    const s = chrfStats('😀\u0085😀', ['😀😀'], { charOrder: 2 });
    expect(s).toEqual([2, 2, 2, 1, 1, 1]);
  });

  it('the best-scoring reference supplies the statistics', () => {
    const o: Partial<ChrfOptions> = { charOrder: 3 };
    const best = chrfStats('abcd', ['abcd'], o);
    expect(chrfStats('abcd', ['xyz', 'abcd', 'abce'], o)).toEqual(best);
    expect(computeChrf(best, { charOrder: 3, wordOrder: 0, beta: 2, epsSmoothing: false })).toBe(100);
  });

  it('hand-worked F-beta with effective order', () => {
    // 'ab' vs 'ac': unigrams 1/2 match, bigrams 0/1: P = R = (1/2 + 0)/2 = 1/4 -> F = 25.
    expect(sentenceChrf('ab', ['ac'], { charOrder: 2 }).score).toBeCloseTo(25, 12);
    // Order 3 has no n-grams on either side: it is left out of the average (effective order 2).
    expect(sentenceChrf('ab', ['ac'], { charOrder: 3 }).score).toBeCloseTo(25, 12);
  });

  it('variable references give nrefs:var; a segment with none is an error', () => {
    const r = corpusChrf(
      ['a b', 'c d'],
      [
        ['a b', 'c d'],
        ['x', null],
      ],
    );
    expect(r.signature).toBe('nrefs:var|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0');
    expect(() => corpusChrf(['a', 'b'], [['a', null]])).toThrow(/segment 2 has no reference/);
  });
});
