// The shared statistics primitives that the metric runner and the ratings build on: resample and swap draws,
// type-7 percentiles beside sacreBLEU's estimate_ci ends, the paired-bs p-value, z and Wilson's exact edges.
// Expected values are hand-worked or numpy's (np.percentile(np.arange(80), [2.5, 97.5]) = [1.975, 77.025]).
import { describe, expect, it } from 'vitest';
import {
  drawResample,
  drawSwaps,
  estimateCi,
  pairedBsPValue,
  quantileSorted,
  resampleIndices,
  wilsonInterval,
  zForLevel,
} from '../../src/lib/metrics/stats';
import { mulberry32 } from '../../src/lib/core/random';

/** A stand-in generator that returns the given values in turn. */
function sequence(values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length] ?? 0;
}

describe('percentile ends', () => {
  const scores = Array.from({ length: 80 }, (_, i) => 79 - i);

  it("'linear' reads type-7 quantiles, as numpy.percentile", () => {
    const e = estimateCi(scores, 0.95, 'linear');
    expect(e.low).toBeCloseTo(1.975, 12);
    expect(e.high).toBeCloseTo(77.025, 12);
    expect(e.ci).toBeCloseTo(0.5 * (77.025 - 1.975), 12);
    expect(e.mean).toBe(39.5);
  });

  it("'sacrebleu' (the default) reads order statistics n//40 from each end", () => {
    expect(estimateCi(scores, 0.95, 'sacrebleu')).toEqual(estimateCi(scores));
    expect(estimateCi(scores)).toMatchObject({ low: 2, high: 77 });
  });

  it('quantileSorted interpolates between neighbours and is NaN when empty', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75); // numpy.quantile([1,2,3,4], 0.25)
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(Number.isNaN(quantileSorted([], 0.5))).toBe(true);
  });
});

describe('draws', () => {
  it('drawResample takes floor(u·n) for each position in turn', () => {
    const idx = new Int32Array(3);
    drawResample(sequence([0, 0.5, 0.99]), idx);
    expect(Array.from(idx)).toEqual([0, 1, 2]);
  });

  it('resampleIndices is drawResample repeated on one seeded stream', () => {
    const rand = mulberry32(9);
    const expected = Array.from({ length: 4 }, () => {
      const idx = new Uint32Array(6);
      drawResample(rand, idx);
      return Array.from(idx);
    });
    expect(resampleIndices(6, 4, 9).map((x) => Array.from(x))).toEqual(expected);
  });

  it('drawSwaps spends one 32-bit draw per 32 rows, lowest bit first', () => {
    const swap = new Uint8Array(40);
    // First draw: bits 0 and 2 set (u = 5/2³²); second draw: bit 31 only, beyond the 8 rows left.
    drawSwaps(sequence([5 / 4294967296, 0.5]), swap);
    expect([...swap.keys()].filter((i) => swap[i] === 1)).toEqual([0, 2]);
    drawSwaps(sequence([0.5]), swap);
    expect([...swap.keys()].filter((i) => swap[i] === 1)).toEqual([31]);
  });
});

describe('paired-bs p-value', () => {
  it('centres |sys − bl| on its mean and counts strictly larger values', () => {
    // |diffs| = [1, 1, 3, 3], mean 2, centred [−1, −1, 1, 1]; two exceed 0.5 → (2 + 1)/(4 + 1).
    expect(pairedBsPValue([0, 0, 0, 0], [1, 1, 3, 3], 0.5)).toBe(3 / 5);
    expect(pairedBsPValue([0, 0, 0, 0], [1, 1, 3, 3], 1)).toBe(1 / 5);
  });
});

describe('z and Wilson edges', () => {
  it('zForLevel is the two-sided normal quantile', () => {
    expect(zForLevel(0.95)).toBeCloseTo(1.959963984540054, 14);
    expect(zForLevel(0.9)).toBeCloseTo(1.6448536269514722, 14);
  });

  it('k = 0 and k = n give the exact ends and the closed-form other bound z²/(n + z²)', () => {
    const z2 = zForLevel(0.95) ** 2;
    const none = wilsonInterval(0, 7);
    const all = wilsonInterval(7, 7);
    expect(none?.low).toBe(0);
    expect(none?.high).toBeCloseTo(z2 / (7 + z2), 14);
    expect(all?.high).toBe(1);
    expect(all?.low).toBeCloseTo(7 / (7 + z2), 14);
  });
});
