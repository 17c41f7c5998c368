// The ROUGE API around the reference-checked core: validation, signature, score_multi winners, shared memo.
import { describe, expect, it } from 'vitest';
import { RougeScorer, isRougeType, rougeSignature, scoreRouge } from '../../src/lib/metrics/rouge';

describe('ROUGE API', () => {
  it('accepts rouge1…rouge9, rougeL and rougeLsum only (rouge-score validity rule)', () => {
    expect(['rouge1', 'rouge9', 'rougeL', 'rougeLsum'].every(isRougeType)).toBe(true);
    expect(['rouge0', 'rouge10', 'rougel', 'rougeS'].some(isRougeType)).toBe(false);
    expect(() => new RougeScorer({ types: [], useStemmer: false })).toThrow(/at least one type/);
  });

  it('signs every setting that changes the number', () => {
    const sig = rougeSignature({ types: ['rouge1', 'rougeLsum'], useStemmer: true });
    expect(sig).toBe(
      'types:rouge1+rougeLsum|stem:yes|tok:default|lsum:newline|multi:best-f|version:rouge-score-0.1.2',
    );
    expect(rougeSignature({ types: ['rouge1', 'rougeLsum'], useStemmer: false })).not.toBe(sig);
  });

  it('score_multi takes the best reference per type; a hand-worked case', () => {
    // ref 1 "a b c d": unigram overlap with "a b x" = 2 (P 2/3, R 2/4); ref 2 "a x": overlap 2 (P 2/3, R 1).
    const s = scoreRouge('a b x', ['a b c d', 'a x'], { types: ['rouge1', 'rouge2'], useStemmer: false });
    expect(s.rouge1).toEqual({ precision: 2 / 3, recall: 1, fmeasure: (2 * (2 / 3)) / (2 / 3 + 1) });
    // bigrams: "a b" matches ref 1 (P 1/2, R 1/3) and nothing in ref 2 ("a x" vs "b x")
    expect(s.rouge2?.precision).toBe(1 / 2);
    expect(s.rouge2?.recall).toBe(1 / 3);
  });

  it('gives the same numbers with a warm stem memo as with a fresh one', () => {
    const opts = { types: ['rouge1', 'rougeL', 'rougeLsum'] as const, useStemmer: true };
    const warm = new RougeScorer(opts);
    warm.score('running runners ran quickly', ['the runner runs']);
    const text = 'Runners were running.\nThey ran generously';
    const refs = ['a runner runs\ngenerous running'];
    expect(warm.score(text, refs)).toEqual(new RougeScorer(opts).score(text, refs));
  });
});
