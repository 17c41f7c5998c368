// Pure perplexity arithmetic against hand-worked cases and closed forms.
import { describe, expect, it } from 'vitest';
import { choiceAccuracy, codePointLength, scoreChoiceItem } from '../../src/lib/metrics/perplexity/choice';
import { compareModels } from '../../src/lib/metrics/perplexity/compare';
import {
  corpusPerplexity,
  countBytes,
  countWords,
  rowPerplexity,
} from '../../src/lib/metrics/perplexity/corpus';
import { logSoftmaxAt, nllAt } from '../../src/lib/metrics/perplexity/log-softmax';

describe('log-softmax', () => {
  it('matches log(exp(x_t) / Σ exp(x)) on small logits', () => {
    const x = [1, 2, 3, 0.5];
    const z = x.reduce((a, v) => a + Math.exp(v), 0);
    for (let t = 0; t < x.length; t++)
      expect(logSoftmaxAt(x, 0, 4, t)).toBeCloseTo(Math.log(Math.exp(x[t] ?? 0) / z), 14);
  });
  it('is stable for huge logits (naive exp overflows) and invariant to shifts', () => {
    const x = [1000, 1001, 999];
    // closed form: log softmax = x_t − 1001 − log(e^-1 + 1 + e^-2)
    const lse = Math.log(Math.exp(-1) + 1 + Math.exp(-2));
    expect(logSoftmaxAt(x, 0, 3, 1)).toBeCloseTo(-lse, 12);
    expect(logSoftmaxAt([-1e6, -1e6 + 1, -1e6 - 1], 0, 3, 1)).toBeCloseTo(-lse, 9);
  });
  it('reads a row at an offset; uniform logits give NLL = log V', () => {
    const data = [9, 9, 9, 0, 0, 0, 0];
    expect(nllAt(data, 3, 4, 2)).toBeCloseTo(Math.log(4), 14);
  });
});

describe('corpus perplexity (lm-evaluation-harness / HF evaluate definitions)', () => {
  it('hand-worked two-row example', () => {
    const rows = [
      { tokens: 2, nllSum: 2 * Math.log(4), words: 1, bytes: 4 }, // row ppl 4
      { tokens: 3, nllSum: 3 * Math.log(2), words: 2, bytes: 6 }, // row ppl 2
    ];
    const c = corpusPerplexity(rows);
    const nll = 2 * Math.log(4) + 3 * Math.log(2); // = 7 ln 2
    expect(c.nll_sum).toBeCloseTo(7 * Math.LN2, 14);
    expect(c.tokens).toBe(5);
    expect(c.token_perplexity).toBeCloseTo(2 ** (7 / 5), 12);
    expect(c.word_perplexity).toBeCloseTo(Math.exp(nll / 3), 12);
    expect(c.byte_perplexity).toBeCloseTo(2 ** (7 / 10), 12);
    expect(c.bits_per_byte).toBeCloseTo(0.7, 12);
    expect(c.mean_perplexity).toBeCloseTo(3, 12); // (4 + 2) / 2, not the corpus value
  });
  it('rows with nothing scored are excluded from the mean and give null perplexity', () => {
    expect(rowPerplexity({ tokens: 0, nllSum: 0 })).toBeNull();
    const c = corpusPerplexity([{ tokens: 0, nllSum: 0, words: 1, bytes: 1 }]);
    expect(c.token_perplexity).toBeNull();
    expect(c.mean_perplexity).toBeNull();
    expect(corpusPerplexity([]).bits_per_byte).toBeNull();
  });
  it.each([
    ['hello world', 2],
    [' leading space', 3], // Python: re.split(r"\s+", " leading space") == ['', 'leading', 'space']
    ['trailing ', 2],
    ['', 1],
    ['a\n\tb  c', 3],
  ])('countWords(%j) = %i like len(re.split(r"\\s+", s))', (s, n) => expect(countWords(s)).toBe(n));
  it.each([
    ['abc', 3],
    ['ñ', 2],
    ['€', 3],
    ['😀', 4],
  ])('countBytes(%j) = %i UTF-8 bytes', (s, n) => expect(countBytes(s)).toBe(n));
});

describe('model comparison', () => {
  it('per-row and corpus bits-per-byte differences, B − A', () => {
    const a = [
      { tokens: 4, nllSum: 8 * Math.LN2, words: 1, bytes: 4 }, // 2 bits/byte
      { tokens: 4, nllSum: 4 * Math.LN2, words: 1, bytes: 4 }, // 1 bit/byte
    ];
    const b = [
      { tokens: 2, nllSum: 4 * Math.LN2, words: 1, bytes: 4 }, // 1 bit/byte (different tokenizer)
      { tokens: 2, nllSum: 4 * Math.LN2, words: 1, bytes: 4 }, // 1
    ];
    const c = compareModels(a, b, 'bits_per_byte', { nSamples: 100 });
    expect(c.perRow[0]).toBeCloseTo(-1, 12);
    expect(c.perRow[1]).toBeCloseTo(0, 12);
    expect(c.corpusA).toBeCloseTo(1.5, 12);
    expect(c.corpusB).toBeCloseTo(1, 12);
    expect(c.difference).toBeCloseTo(-0.5, 12);
    expect([c.bBetter, c.aBetter, c.ties]).toEqual([1, 0, 1]);
    expect(c.interval?.low).toBeGreaterThanOrEqual(-1 - 1e-12);
    expect(c.interval?.high).toBeLessThanOrEqual(1e-12);
  });
});

describe('multiple choice (lm-evaluation-harness acc / acc_norm)', () => {
  it('acc takes the highest log-likelihood; acc_norm divides by the choice length in characters', () => {
    // " cat" ll −4 (len 3 → −1.333), " elephant" ll −6 (len 8 → −0.75)
    const item = { choices: ['cat', 'elephant'], logLikelihoods: [-4, -6], label: 1 };
    expect(scoreChoiceItem(item)).toEqual({ pred: 0, predNorm: 1, correct: false, correctNorm: true });
    expect(choiceAccuracy([item, { choices: ['a', 'b'], logLikelihoods: [-1, -2], label: 0 }])).toEqual({
      acc: 0.5,
      acc_norm: 1,
      items: 2,
    });
  });
  it('ties go to the first choice (np.argmax) and lengths count code points', () => {
    expect(scoreChoiceItem({ choices: ['x', 'y'], logLikelihoods: [-1, -1], label: 1 }).pred).toBe(0);
    expect(codePointLength('😀é')).toBe(2);
  });
});
