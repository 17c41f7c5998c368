// Sliding windows and lm-evaluation-harness context/continuation splitting, against independent re-statements.
import { describe, expect, it } from 'vitest';
import { conditionalSequence, encodePair, rollingSequence } from '../../src/lib/model/sequences';
import { planWindows } from '../../src/lib/model/windows';

/** The Hugging Face recipe's loop, transcribed: returns [begin, end, first scored target] per window. */
function hfLoop(n: number, maxLength: number, stride: number): [number, number, number][] {
  const out: [number, number, number][] = [];
  let prevEnd = 0;
  for (let begin = 0; begin < n; begin += stride) {
    const end = Math.min(begin + maxLength, n);
    const trgLen = end - prevEnd;
    // labels[:, :-trg_len] = -100, and the first label of a sequence has no prediction.
    out.push([begin, end, Math.max(end - trgLen, begin + 1)]);
    prevEnd = end;
    if (end === n) break;
  }
  return out;
}

describe('planWindows', () => {
  it.each([
    [10, 4, 2],
    [100, 16, 8],
    [17, 16, 5],
    [33, 8, 7],
    [5, 8, 4],
    [1024, 1024, 512],
    [4096, 1024, 512],
  ])('n=%i max=%i stride=%i equals the HF loop', (n, max, stride) => {
    const plan = planWindows(n, 1, max, stride).map((w) => [w.begin, w.end, w.firstTarget]);
    expect(plan).toEqual(hfLoop(n, max, stride));
  });
  it.each([
    [50, 1, 8, 3],
    [50, 20, 8, 3],
    [50, 47, 8, 5],
    [9, 8, 10, 5],
    [30, 12, 10, 9],
  ])(
    'n=%i firstScored=%i max=%i stride=%i: every target once, context within bounds',
    (n, first, max, stride) => {
      const seen = new Array<number>(n).fill(0);
      const windows = planWindows(n, first, max, stride);
      windows.forEach((w, k) => {
        expect(w.end - w.begin).toBeLessThanOrEqual(max);
        for (let t = w.firstTarget; t < w.end; t++) {
          seen[t] = (seen[t] ?? 0) + 1;
          expect(t - w.begin).toBeGreaterThanOrEqual(1);
          if (k > 0) expect(t - w.begin).toBeGreaterThanOrEqual(max - stride);
        }
      });
      seen.forEach((c, t) => expect(c).toBe(t >= Math.max(1, first) ? 1 : 0));
    },
  );
  it('short conditional sequences use one window with the whole context', () => {
    expect(planWindows(9, 8, 10, 5)).toEqual([{ begin: 0, end: 9, firstTarget: 8 }]);
  });
  it('nothing to score, and invalid settings are refused', () => {
    expect(planWindows(1, 1, 8, 4)).toEqual([]);
    expect(planWindows(0, 1, 8, 4)).toEqual([]);
    expect(() => planWindows(10, 1, 8, 8)).toThrow(/stride/);
    expect(() => planWindows(10, 1, 1, 1)).toThrow(/max length/);
  });
});

describe('sequences', () => {
  // A word-level toy tokenizer in which a leading space belongs to the word (like GPT-2's Ġ).
  const vocab = new Map<string, number>();
  const encode = (s: string) =>
    (s.match(/\s*\S+|\s+$/g) ?? []).map((w) => {
      if (!vocab.has(w)) vocab.set(w, vocab.size + 10);
      return vocab.get(w) ?? 0;
    });
  it('moves trailing context whitespace to the continuation, as lm-eval _encode_pair', () => {
    const p = encodePair(encode, 'Question: 2+2? Answer: ', '4');
    expect(p.context).toEqual(encode('Question: 2+2? Answer:'));
    expect(p.continuation).toEqual(encode(' 4'));
  });
  it('conditional scoring starts at the first continuation token; a prefix token shifts it', () => {
    const s = conditionalSequence(encode, 'a b', ' c d', null);
    expect(s.tokens).toEqual([...encode('a b'), ...encode(' c d')]);
    expect(s.firstScored).toBe(2);
    const withBos = conditionalSequence(encode, 'a b', ' c d', 1);
    expect(withBos.tokens[0]).toBe(1);
    expect(withBos.firstScored).toBe(3);
  });
  it('rolling: without a prefix the first token is context only; an empty context means rolling', () => {
    expect(rollingSequence(encode, 'x y', null)).toEqual({ tokens: encode('x y'), firstScored: 1 });
    expect(rollingSequence(encode, 'x y', 0)).toEqual({ tokens: [0, ...encode('x y')], firstScored: 1 });
    expect(conditionalSequence(encode, '', 'x y', 0)).toEqual(rollingSequence(encode, 'x y', 0));
  });
});
