import { describe, expect, it } from 'vitest';
import { computePairwiseSummary, outcomeFor } from './winrate';
import { wilsonInterval } from './stats';
import type { PairwiseChoice, PairwiseVote } from './types';

/** Votes for X (ft) vs Y (base), alternating which side X was shown on so the A/B mapping is exercised. */
function votes(outcomes: ('w' | 'l' | 't' | 'x' | 's')[], annotator = 'ann'): PairwiseVote[] {
  return outcomes.map((o, i) => {
    const xLeft = i % 2 === 0;
    const [left, right] = xLeft ? ['ft', 'base'] : ['base', 'ft'];
    const xSide: PairwiseChoice = xLeft ? 'A' : 'B';
    const ySide: PairwiseChoice = xLeft ? 'B' : 'A';
    const choice: PairwiseChoice =
      o === 'w' ? xSide : o === 'l' ? ySide : o === 't' ? 'tie' : o === 'x' ? 'both-bad' : 'skip';
    return { rowId: `r${i}`, annotator, left, right, choice };
  });
}

describe('outcomeFor', () => {
  it('maps the chosen side back to the system shown there', () => {
    const v: PairwiseVote = { rowId: 'r', annotator: 'a', left: 'base', right: 'ft', choice: 'B' };
    expect(outcomeFor(v, 'ft', 'base')).toBe('win');
    expect(outcomeFor(v, 'base', 'ft')).toBe('loss');
    expect(outcomeFor({ ...v, choice: 'skip' }, 'ft', 'base')).toBeNull();
    expect(outcomeFor(v, 'ft', 'other')).toBeNull();
  });
});

describe('computePairwiseSummary', () => {
  it('hand-worked: 6 wins, 2 losses, 2 ties → (6 + ½·2)/10 = 0.7; no-tie 6/8; sign test 74/256', () => {
    const s = computePairwiseSummary(votes(['w', 'w', 'w', 'l', 't', 'w', 'w', 'l', 't', 'w']), 'ft', 'base');
    expect(s.judgments).toEqual({ wins: 6, losses: 2, ties: 2, bothBad: 0 });
    expect(s.winRate).toBeCloseTo(0.7, 12);
    expect(s.noTieWinRate).toBe(0.75);
    expect(s.wilson).toEqual(wilsonInterval(6, 8));
    // scipy.stats.binomtest(6, 8).proportion_ci('wilson') = (0.4093, 0.9285)
    expect(s.wilson?.low).toBeCloseTo(0.4093, 4);
    expect(s.wilson?.high).toBeCloseTo(0.9285, 4);
    expect(s.signTestP).toBeCloseTo(74 / 256, 12);
    expect(s.interval?.low).toBeLessThanOrEqual(0.7);
    expect(s.interval?.high).toBeGreaterThanOrEqual(0.7);
    expect(s.warnings.map((w) => w.code)).toContain('not-significant');
  });

  it('is symmetric: the baseline’s win rate is one minus the system’s', () => {
    const v = votes(['w', 'l', 't', 'w', 'x', 'w']);
    const a = computePairwiseSummary(v, 'ft', 'base');
    const b = computePairwiseSummary(v, 'base', 'ft');
    expect((a.winRate ?? 0) + (b.winRate ?? 0)).toBeCloseTo(1, 12);
    expect(a.signTestP).toBe(b.signTestP);
  });

  it('no ties: win rate equals the no-tie rate', () => {
    const s = computePairwiseSummary(
      votes(Array.from({ length: 30 }, (_, i) => (i < 24 ? 'w' : 'l'))),
      'ft',
      'base',
    );
    expect(s.winRate).toBe(0.8);
    expect(s.noTieWinRate).toBe(0.8);
    expect(s.interval?.low).toBeGreaterThan(0.5);
    expect(s.warnings).toEqual([]);
  });

  it('all ties: ½, no no-tie rate, no sign test, a warning', () => {
    const s = computePairwiseSummary(votes(['t', 't', 'x', 't']), 'ft', 'base');
    expect(s.winRate).toBe(0.5);
    expect(s.noTieWinRate).toBeNull();
    expect(s.wilson).toBeNull();
    expect(s.signTestP).toBeNull();
    expect(s.judgments.bothBad).toBe(1);
    expect(s.warnings.map((w) => w.code)).toEqual(
      expect.arrayContaining(['small-n', 'spans-half', 'all-ties']),
    );
  });

  it('both-bad can be excluded instead of counted as a tie', () => {
    const s = computePairwiseSummary(votes(['w', 'x', 'x', 'l', 'w']), 'ft', 'base', { bothBad: 'exclude' });
    expect(s.items).toBe(3);
    expect(s.winRate).toBeCloseTo(2 / 3, 12);
  });

  it('one item: the rate is 0 or 1 and the warnings say it proves nothing', () => {
    const s = computePairwiseSummary(votes(['w']), 'ft', 'base');
    expect(s.winRate).toBe(1);
    expect(s.interval).toMatchObject({ low: 1, high: 1 });
    expect(s.signTestP).toBe(1);
    expect(s.warnings.map((w) => w.code)).toEqual(['small-n', 'not-significant']);
  });

  it('an annotator who skipped everything has no data, and skips are counted', () => {
    const all = [...votes(['w', 'l', 'w']), ...votes(['s', 's', 's'], 'lazy')];
    const s = computePairwiseSummary(all, 'ft', 'base', { annotator: 'lazy' });
    expect(s.items).toBe(0);
    expect(s.skipped).toBe(3);
    expect(s.winRate).toBeNull();
    expect(s.interval).toBeNull();
    expect(s.warnings.map((w) => w.code)).toEqual(['no-data']);
    // Pooled, the skips change nothing.
    expect(computePairwiseSummary(all, 'ft', 'base').winRate).toBeCloseTo(2 / 3, 12);
  });

  it('pools annotators per item: the item, not the vote, is the bootstrap unit', () => {
    const a = votes(['w', 'w', 'l', 't'], 'a');
    const b = votes(['w', 'l', 'l', 't'], 'b');
    const s = computePairwiseSummary([...a, ...b], 'ft', 'base');
    expect(s.items).toBe(4);
    expect(s.judgments).toEqual({ wins: 3, losses: 3, ties: 2, bothBad: 0 });
    // Item scores 1, ½, 0, ½ → mean ½; items r1 and r3 are ties after pooling.
    expect(s.winRate).toBe(0.5);
    expect(s.itemCounts).toEqual({ wins: 1, losses: 1, ties: 2 });
  });

  it('flags an interval that spans 50%', () => {
    const s = computePairwiseSummary(
      votes(['w', 'l', 'w', 'l', 'w', 'l', 'w', 'l', 'w', 'w', 'l', 'w']),
      'ft',
      'base',
    );
    expect(s.warnings.map((w) => w.code)).toContain('spans-half');
  });
});
