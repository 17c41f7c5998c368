// BLEU behaviour beyond the reference vectors: hand-worked scores, variable references, statistics
// summing, defaults of corpus vs sentence BLEU, and clear errors.
import { describe, expect, it } from 'vitest';
import {
  bleuSegmentStats,
  bleuSignature,
  bleuStats,
  computeBleu,
  corpusBleu,
  corpusBleuSegments,
  sentenceBleu,
  streamsToSegments,
  sumStats,
} from '../../src/lib/metrics/bleu';

describe('BLEU API', () => {
  it('hand-worked sentence: counts, totals and the geometric mean', () => {
    // bigrams: ab bc match (cd, de do not); trigrams: abc; 4-grams: none -> exp smoothing 100/(2*2).
    const r = sentenceBleu('a b c d e', ['a b c x e']);
    expect(r.counts).toEqual([4, 2, 1, 0]);
    expect(r.totals).toEqual([5, 4, 3, 2]);
    expect(r.precisions[3]).toBe(25);
    expect(r.score).toBeCloseTo(Math.pow(80 * 50 * (100 / 3) * 25, 0.25), 12);
    expect(r.bp).toBe(1);
  });

  it('brevity penalty exp(1 - r/c) when the hypothesis is shorter', () => {
    const r = sentenceBleu('a b c', ['a b c d e f']);
    expect(r.bp).toBeCloseTo(Math.exp(1 - 6 / 3), 15);
    expect(r.score).toBeCloseTo(100 * Math.exp(1 - 2), 12);
  });

  it('corpus score comes from summed statistics, not averaged sentence scores', () => {
    const hyps = ['the cat sat on the mat', 'a dog'];
    const refs = [['the cat sat on a mat'], ['the dog barked']];
    const { stats } = bleuSegmentStats(hyps, refs);
    const corpus = corpusBleuSegments(hyps, refs);
    expect(corpus.score).toBe(computeBleu(sumStats(stats)).score);
    // the(1 of 2) cat sat on mat + dog; the-cat cat-sat sat-on; the-cat-sat cat-sat-on; the-cat-sat-on.
    expect(corpus.counts).toEqual([5 + 1, 3, 2, 1]);
    const mean = hyps.reduce((s, h, i) => s + sentenceBleu(h, refs[i] ?? []).score, 0) / 2;
    expect(Math.abs(corpus.score - mean)).toBeGreaterThan(1);
  });

  it('a varying number of references gives nrefs:var; nulls are dropped, empty strings kept', () => {
    const r = corpusBleu(
      ['a b c d', 'e f g h'],
      [
        ['a b c d', 'e f g h'],
        ['x', null],
      ],
    );
    expect(r.nrefs).toBe('var');
    expect(r.signature).toBe('nrefs:var|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0');
    expect(r.refLen).toBe(8);
    expect(r.score).toBeCloseTo(100, 10);
    expect(corpusBleu(['a b'], [[''], ['a b']]).nrefs).toBe(2);
  });

  it('reference streams are truncated to the shortest, like zip()', () => {
    expect(
      streamsToSegments([
        ['a', 'b', 'c'],
        ['x', 'y'],
      ]),
    ).toEqual([
      ['a', 'x'],
      ['b', 'y'],
    ]);
    const r = corpusBleu(['a b c d', 'q q q q', 'extra'], [['a b c d', 'q q q q']]);
    expect(r.sysLen).toBe(8);
  });

  it('corpus BLEU defaults to no effective order, sentence BLEU to effective order', () => {
    expect(corpusBleu(['a b c'], [['a b c']]).score).toBe(0);
    expect(sentenceBleu('a b c', ['a b c']).score).toBeCloseTo(100, 10);
    expect(sentenceBleu('a b c', ['a b c'], { effectiveOrder: false }).score).toBe(0);
  });

  it('options show up in the signature', () => {
    const o = {
      lowercase: true,
      effectiveOrder: true,
      tokenize: 'char',
      smoothMethod: 'floor',
      smoothValue: null,
    } as const;
    expect(bleuSignature(o, 3)).toBe('nrefs:3|case:lc|eff:yes|tok:char|smooth:floor[0.10]|version:2.6.0');
    expect(
      bleuSignature({ ...o, smoothMethod: 'add-k', smoothValue: 0.5 }, 1, { bs: 1000, seed: 12345 }),
    ).toBe('nrefs:1|bs:1000|seed:12345|case:lc|eff:yes|tok:char|smooth:add-k[0.50]|version:2.6.0');
  });

  it('reusing one options object in a loop still sees changes to it', () => {
    const o: { effectiveOrder: boolean } = { effectiveOrder: true };
    expect(sentenceBleu('a b c', ['a b c'], o).score).toBeCloseTo(100, 10);
    o.effectiveOrder = false;
    const r = sentenceBleu('a b c', ['a b c'], o);
    expect(r.score).toBe(0);
    expect(r.signature).toContain('eff:no');
  });

  it('statistics have 2 + 2N entries for max order N', () => {
    expect(bleuStats('a b c', ['a b'], { maxNgramOrder: 2 })).toEqual([3, 2, 2, 1, 3, 2]);
  });

  it('rejects a segment without references and bad options', () => {
    expect(() => corpusBleuSegments(['a', 'b'], [['a'], [null]])).toThrow(/segment 2 has no reference/);
    expect(() => sentenceBleu('a', ['a'], { maxNgramOrder: 0 })).toThrow(/max n-gram order/);
    expect(() => corpusBleu(['a'], [])).toThrow(/no reference/);
  });
});
