import { describe, expect, it } from 'vitest';
import { pairedLikertDifference, summarizeLikert } from './likert';
import type { LikertVote } from './types';

const vote = (
  rowId: string,
  annotator: string,
  system: string,
  dimension: string,
  score: number,
): LikertVote => ({
  rowId,
  annotator,
  system,
  dimension,
  score,
});

describe('summarizeLikert', () => {
  it('hand-worked: per-item means are averaged, raw scores binned on the scale', () => {
    const votes = [
      vote('r1', 'a', 'ft', 'tone', 5),
      vote('r1', 'b', 'ft', 'tone', 3), // item mean 4
      vote('r2', 'a', 'ft', 'tone', 2), // item mean 2
      vote('r3', 'a', 'ft', 'tone', 3), // item mean 3
      vote('r1', 'a', 'base', 'tone', 1),
    ];
    const [ft, base] = summarizeLikert(votes, ['ft', 'base'], ['tone'], { min: 1, max: 5 });
    expect(ft).toMatchObject({ items: 3, ratings: 4, mean: 3, distribution: [0, 1, 2, 0, 1] });
    expect(ft?.interval?.low).toBeGreaterThanOrEqual(2);
    expect(ft?.interval?.high).toBeLessThanOrEqual(4);
    expect(base).toMatchObject({ items: 1, mean: 1, distribution: [1, 0, 0, 0, 0] });
    expect(base?.warnings.map((w) => w.code)).toEqual(['small-n']);
  });

  it('a system nobody scored has no mean and a no-data warning', () => {
    const [cell] = summarizeLikert([], ['ft'], ['tone'], { min: 1, max: 5 });
    expect(cell).toMatchObject({ items: 0, mean: null, interval: null });
    expect(cell?.warnings.map((w) => w.code)).toEqual(['no-data']);
  });
});

describe('pairedLikertDifference', () => {
  it('hand-worked: d = (+2, +1, 0, −1) → mean ½; sign test on 2 vs 1', () => {
    const votes = [
      vote('r1', 'a', 'ft', 'help', 5),
      vote('r1', 'a', 'base', 'help', 3),
      vote('r2', 'a', 'ft', 'help', 4),
      vote('r2', 'a', 'base', 'help', 3),
      vote('r3', 'a', 'ft', 'help', 2),
      vote('r3', 'a', 'base', 'help', 2),
      vote('r4', 'a', 'ft', 'help', 1),
      vote('r4', 'a', 'base', 'help', 2),
      vote('r5', 'a', 'ft', 'help', 5), // unpaired: base has no score on r5
    ];
    const d = pairedLikertDifference(votes, 'help', 'ft', 'base');
    expect(d).toMatchObject({ items: 4, meanDiff: 0.5, better: 2, worse: 1, equal: 1 });
    expect(d.signTestP).toBe(1); // 2·P(X ≤ 1 | n = 3) = 2·4/8
    expect(d.warnings.map((w) => w.code)).toEqual(['small-n', 'spans-half']);
  });

  it('a constant improvement has a point interval that excludes 0', () => {
    const votes = Array.from({ length: 12 }, (_, i) => [
      vote(`r${i}`, 'a', 'ft', 'help', 4),
      vote(`r${i}`, 'a', 'base', 'help', 3),
    ]).flat();
    const d = pairedLikertDifference(votes, 'help', 'ft', 'base');
    expect(d.interval).toMatchObject({ low: 1, high: 1 });
    expect(d.signTestP).toBeCloseTo(2 / 4096, 12);
    expect(d.warnings).toEqual([]);
  });
});
