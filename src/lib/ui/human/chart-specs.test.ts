import { describe, expect, it } from 'vitest';
import { computePairwiseSummary } from '../../ratings/winrate';
import { sliceByTag } from '../../ratings/slices';
import type { PairwiseVote } from '../../ratings/types';
import { outcomeChart, winRateChart } from './chart-specs';
import { diffSides } from './diff-parts';

const votes: PairwiseVote[] = ['A', 'A', 'B', 'tie', 'both-bad'].map((choice, i) => ({
  rowId: `r${i}`,
  annotator: 'a',
  left: 'ft',
  right: 'base',
  choice: choice as PairwiseVote['choice'],
}));

describe('human chart specs', () => {
  it('win-rate bars carry the summary’s point and interval for every slice', () => {
    const summary = computePairwiseSummary(votes, 'ft', 'base');
    const slices = sliceByTag(votes, new Map([['r0', ['math']]]), 'ft', 'base');
    const spec = winRateChart(summary, slices);
    expect(spec.categories).toEqual(['all rows (n=5)', 'math (n=1)']);
    expect(spec.series[0]?.points[0]).toEqual({
      value: 0.6,
      low: summary.interval?.low,
      high: summary.interval?.high,
    });
    expect(spec.series[0]?.points[1]).toMatchObject({ value: 1 });
  });
  it('outcome bars count wins, ties, both-bad and losses', () => {
    const spec = outcomeChart(computePairwiseSummary(votes, 'ft', 'base'), []);
    expect(spec.series.map((s) => s.values[0])).toEqual([2, 1, 1, 1]);
  });
});

describe('diffSides', () => {
  it('marks removed words on A and added words on B, shared text on both', () => {
    const { left, right } = diffSides('the cat sat', 'the dog sat');
    expect(left.map((p) => p.text).join('')).toBe('the cat sat');
    expect(right.map((p) => p.text).join('')).toBe('the dog sat');
    expect(left.filter((p) => p.changed).map((p) => p.text.trim())).toEqual(['cat']);
    expect(right.filter((p) => p.changed).map((p) => p.text.trim())).toEqual(['dog']);
  });
});
