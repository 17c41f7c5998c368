// Every WMT17 en-de pair (5 systems × 3004 segments) scored in one process against sacreBLEU 2.6.0 and rouge-score
// 0.1.2 (tests/fixtures/reference/wmt17_pairs.json.gz, made by make_wmt17_pairs.py): sentence BLEU, chrF, chrF++
// and ROUGE-1/2/L/Lsum with and without the stemmer, in file order, in a shuffled order and each pair scored alone
// with fresh scratch state. Scratch buffers carry state from one pair to the next, so a bug that depends on their
// size history only shows when thousands of pairs run through the same process in different orders.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { mulberry32, shuffled } from '../../src/lib/core/random';
import {
  BleuExtractor,
  computeBleu,
  segmentStats,
  SENTENCE_BLEU_DEFAULTS,
  type BleuOptions,
} from '../../src/lib/metrics/bleu';
import {
  ChrfExtractor,
  chrfSegmentStats,
  computeChrf,
  corpusChrf,
  resolveChrfOptions,
  type ChrfOptions,
} from '../../src/lib/metrics/chrf';
import { corpusBleu } from '../../src/lib/metrics/bleu';
import { RougeScorer, type RougeType } from '../../src/lib/metrics/rouge';
import { RougeVocab } from '../../src/lib/metrics/rouge/tokenize';
import { ulpDistance } from '../fixtures/reference/ulps';

const dir = new URL('../fixtures/reference/', import.meta.url);
const corpus = JSON.parse(readFileSync(new URL('wmt17_en_de_corpus.json', dir), 'utf8')) as {
  reference: string[];
  systems: Record<string, string[]>;
};
type PerPair = Record<string, number[]>;
const expected = JSON.parse(
  gunzipSync(readFileSync(new URL('wmt17_pairs.json.gz', dir))).toString('utf8'),
) as {
  sacrebleu: string;
  systems: Record<string, { per_pair: PerPair; corpus: { bleu: number; chrf: number; chrfpp: number } }>;
};

interface Pair {
  system: string;
  index: number;
  hyp: string;
  ref: string;
}
const pairs: Pair[] = Object.entries(corpus.systems).flatMap(([system, hyps]) =>
  hyps.map((hyp, index) => ({ system, index, hyp, ref: corpus.reference[index] ?? '' })),
);
const orders: [string, Pair[]][] = [
  ['file order', pairs],
  ['shuffled order', shuffled(pairs, mulberry32(20171))],
];

const TYPES: RougeType[] = ['rouge1', 'rouge2', 'rougeL', 'rougeLsum'];
const chrf = resolveChrfOptions();
const chrfpp = resolveChrfOptions({ wordOrder: 2 });
const bleu: BleuOptions = { ...SENTENCE_BLEU_DEFAULTS };

/** One metric: a name, the reference column and how to score a pair with shared or with fresh state. */
interface Family {
  name: string;
  column: string;
  /** Largest distance from the reference allowed, in units in the last place (0: bit for bit). */
  ulps?: number;
  shared: (p: Pair) => number;
  alone: (p: Pair) => number;
}

const chrfFamily = (name: string, column: string, o: ChrfOptions): Family => ({
  name,
  column,
  shared: (p) => computeChrf(chrfSegmentStats(p.hyp, [p.ref], o), o),
  alone: (p) => computeChrf(new ChrfExtractor().segment(p.hyp, [p.ref], o), o),
});

function rougeFamilies(useStemmer: boolean): Family[] {
  const shared = new RougeScorer({ types: TYPES, useStemmer });
  return TYPES.map((t) => ({
    name: `${t}${useStemmer ? ' (stemmer)' : ''}`,
    column: useStemmer ? `${t}_stem` : t,
    shared: (p) => shared.score(p.hyp, [p.ref])[t]?.fmeasure ?? NaN,
    alone: (p) =>
      new RougeScorer({ types: [t], useStemmer }, new RougeVocab()).score(p.hyp, [p.ref])[t]?.fmeasure ?? NaN,
  }));
}

const families: Family[] = [
  {
    name: 'sentence BLEU',
    column: 'bleu',
    // BLEU's geometric mean goes through exp and log: Python calls the C library's, which is within 0.51 ulp but
    // not always correctly rounded, while pymath's are correctly rounded, so 51 of the 15,020 pairs end 1 ulp apart.
    ulps: 1,
    shared: (p) => computeBleu(segmentStats(p.hyp, [p.ref], bleu, 0), bleu).score,
    alone: (p) => computeBleu(new BleuExtractor().segment(p.hyp, [p.ref], bleu), bleu).score,
  },
  chrfFamily('chrF', 'chrf', chrf),
  chrfFamily('chrF++', 'chrfpp', chrfpp),
  ...rougeFamilies(true),
  ...rougeFamilies(false),
];

const want = (column: string, p: Pair): number =>
  expected.systems[p.system]?.per_pair[column]?.[p.index] ?? Number.NaN;

/** The pairs whose score is further than `ulps` from what `wanted` gives, as readable lines (at most 5). */
function mismatches(scores: Map<Pair, number>, wanted: (p: Pair) => number, ulps = 0): string[] {
  const bad: string[] = [];
  for (const [p, got] of scores) {
    if (ulpDistance(got, wanted(p)) > ulps) bad.push(`${p.system}#${p.index}: got ${got}, want ${wanted(p)}`);
  }
  return bad.slice(0, 5).concat(bad.length > 5 ? [`… ${bad.length} in all`] : []);
}

describe('every WMT17 pair equals sacreBLEU / rouge-score, whatever the order', () => {
  it('covers all 15,020 pairs of the 5 systems', () => {
    expect(pairs).toHaveLength(15_020);
    expect(expected.sacrebleu).toBe('2.6.0');
    expect(Object.keys(expected.systems).sort()).toEqual(Object.keys(corpus.systems).sort());
  });

  describe.each(families)('$name', (family) => {
    const alone = new Map<Pair, number>();
    const aloneScore = (p: Pair): number => {
      let s = alone.get(p);
      if (s === undefined) alone.set(p, (s = family.alone(p)));
      return s;
    };

    it('each pair scored alone, with fresh state, equals the reference', () => {
      const scores = new Map<Pair, number>();
      for (const p of pairs) scores.set(p, aloneScore(p));
      expect(mismatches(scores, (p) => want(family.column, p), family.ulps)).toEqual([]);
    });

    it.each(orders)(
      'in %s, with shared scratch state, each pair equals itself scored alone',
      (_label, ordered) => {
        const scores = new Map<Pair, number>();
        for (const p of ordered) scores.set(p, family.shared(p));
        expect(mismatches(scores, aloneScore)).toEqual([]);
        expect(mismatches(scores, (p) => want(family.column, p), family.ulps)).toEqual([]);
      },
    );
  });

  it('corpus BLEU, chrF and chrF++ of every system equal sacreBLEU, in either order of systems', () => {
    const names = Object.keys(corpus.systems);
    for (const order of [names, [...names].reverse()]) {
      for (const name of order) {
        const hyps = corpus.systems[name] ?? [];
        const want = expected.systems[name]?.corpus;
        expect(corpusBleu(hyps, [corpus.reference]).score, name).toBe(want?.bleu);
        expect(corpusChrf(hyps, [corpus.reference]).score, name).toBe(want?.chrf);
        expect(corpusChrf(hyps, [corpus.reference], { wordOrder: 2 }).score, name).toBe(want?.chrfpp);
      }
    }
  });
});
