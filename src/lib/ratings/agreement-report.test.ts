import { describe, expect, it } from 'vitest';
import { likertAgreement, pairwiseAgreement } from './agreement-report';
import { sliceByTag, votesToBattles } from './slices';
import type { LikertVote, PairwiseChoice, PairwiseVote } from './types';

const pv = (rowId: string, annotator: string, left: string, choice: PairwiseChoice): PairwiseVote => ({
  rowId,
  annotator,
  left,
  right: left === 'ft' ? 'base' : 'ft',
  choice,
});

describe('pairwiseAgreement', () => {
  it('compares which system won, whatever side it was shown on', () => {
    // ann and bob agree ft won r1 although they pressed different keys (ft shown left for ann, right for bob).
    const votes = [
      pv('r1', 'ann', 'ft', 'A'),
      pv('r1', 'bob', 'base', 'B'),
      pv('r2', 'ann', 'ft', 'B'),
      pv('r2', 'bob', 'ft', 'B'),
      pv('r3', 'ann', 'ft', 'tie'),
      pv('r3', 'bob', 'ft', 'A'),
      pv('r4', 'ann', 'ft', 'A'),
      pv('r4', 'bob', 'ft', 'skip'),
    ];
    const r = pairwiseAgreement(votes, 'ft', 'base');
    expect(r.annotators).toEqual(['ann', 'bob']);
    expect(r.percent).toEqual({ value: 2 / 3, items: 3 });
    expect(r.percentNoTies).toEqual({ value: 1, items: 2 });
    // Table over r1–r3 (win, loss, tie): ann (win, loss, tie), bob (win, loss, win) → p_o = 2/3,
    // p_e = (1/3)(2/3) + (1/3)(1/3) + 0 = 1/3 → κ = (2/3 − 1/3)/(2/3) = 0.5.
    expect(r.cohen).toHaveLength(1);
    expect(r.cohen[0]?.stat.value).toBeCloseTo(0.5, 12);
    expect(r.cohen[0]?.stat.items).toBe(3);
    expect(r.fleiss.items).toBe(3);
    expect(r.alpha.items).toBe(3);
  });

  it('an annotator who skipped everything leaves kappa undefined with zero items', () => {
    const votes = [
      pv('r1', 'ann', 'ft', 'A'),
      pv('r1', 'lazy', 'ft', 'skip'),
      pv('r2', 'ann', 'ft', 'B'),
      pv('r2', 'lazy', 'ft', 'skip'),
    ];
    const r = pairwiseAgreement(votes, 'ft', 'base');
    expect(r.annotators).toEqual(['ann']);
    expect(r.cohen).toEqual([]);
    expect(r.percent).toMatchObject({ value: null, items: 0 });
  });
});

describe('likertAgreement', () => {
  it('per dimension, units are item × system; weighted kappa per pair and ordinal alpha', () => {
    const lv = (rowId: string, annotator: string, system: string, score: number): LikertVote => ({
      rowId,
      annotator,
      system,
      dimension: 'tone',
      score,
    });
    const votes = [
      lv('r1', 'a', 'ft', 1),
      lv('r1', 'b', 'ft', 1),
      lv('r2', 'a', 'ft', 2),
      lv('r2', 'b', 'ft', 3),
      lv('r1', 'a', 'base', 3),
      lv('r1', 'b', 'base', 3),
      lv('r2', 'a', 'base', 1),
      lv('r2', 'b', 'base', 2),
      lv('r3', 'a', 'ft', 2),
      lv('r3', 'b', 'ft', 2),
    ];
    const [tone] = likertAgreement(votes, ['tone'], { min: 1, max: 5 });
    // Pairs (a, b): (1,1) (2,3) (3,3) (1,2) (2,2) — the hand-worked case of agreement.test.ts: linear 6/11, quadratic 11/16.
    expect(tone?.percent).toEqual({ value: 3 / 5, items: 5 });
    expect(tone?.linear[0]?.stat.value).toBeCloseTo(6 / 11, 12);
    expect(tone?.quadratic[0]?.stat.value).toBeCloseTo(11 / 16, 12);
    expect(tone?.alphaOrdinal.items).toBe(5);
  });
});

describe('slices and battles', () => {
  it('per-tag win rates, largest slice first', () => {
    const votes = [pv('r1', 'a', 'ft', 'A'), pv('r2', 'a', 'ft', 'B'), pv('r3', 'a', 'base', 'B')];
    const tags = new Map([
      ['r1', ['math', 'short']],
      ['r2', ['math']],
      ['r3', ['chat']],
    ]);
    const s = sliceByTag(votes, tags, 'ft', 'base');
    expect(s.map((x) => [x.tag, x.summary.items, x.summary.winRate])).toEqual([
      ['math', 2, 0.5],
      ['chat', 1, 1],
      ['short', 1, 1],
    ]);
  });
  it('battles score the left system, drop skips, keep the item as the unit', () => {
    expect(
      votesToBattles([pv('r1', 'a', 'ft', 'B'), pv('r2', 'a', 'base', 'tie'), pv('r3', 'a', 'ft', 'skip')]),
    ).toEqual([
      { a: 'ft', b: 'base', score: 0, unit: 'r1' },
      { a: 'base', b: 'ft', score: 0.5, unit: 'r2' },
    ]);
  });
});
