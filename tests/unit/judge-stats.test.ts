// Plan, aggregation and reliability statistics against published and hand-worked values.
import { describe, expect, it } from 'vitest';
import {
  resolveRows,
  summariseSingle,
  summarisePairwise,
  type JudgedItem,
} from '../../src/lib/judge/aggregate';
import { interpret, planJobs, type JudgeRow, type JudgeSpec } from '../../src/lib/judge/plan';
import {
  confusion,
  kappaOf,
  preferLonger,
  reliabilityVerdict,
  repeatVariance,
  scoreAgreement,
  spearman,
  verdictAgreement,
} from '../../src/lib/judge/reliability';
import { BUILTIN_TEMPLATES } from '../../src/lib/judge/templates';

const judge: JudgeSpec = {
  provider: 'openai',
  baseUrl: 'https://api.openai.com/v1',
  model: 'gpt-4o-mini',
  params: { temperature: 0, maxTokens: 256, logprobs: false, structured: false },
};
const rows: JudgeRow[] = [
  {
    id: 'r1',
    prompt: 'Capital of France?',
    references: ['Paris'],
    responses: { base: 'Lyon', finetuned: 'Paris' },
  },
  { id: 'r2', prompt: '2+2?', references: [], responses: { base: '4' } },
];
const tpl = (id: string) => {
  const t = BUILTIN_TEMPLATES.find((x) => x.id === id);
  if (!t) throw new Error(id);
  return t;
};

describe('planJobs', () => {
  it('single: one job per row × system × repeat; rows without a needed value are skipped with a reason', () => {
    const { jobs, skipped } = planJobs(rows, tpl('reference-guided'), judge, {
      systems: ['base', 'finetuned'],
      repeats: 2,
    });
    expect(jobs.map((j) => [j.rowId, j.system, j.repeat])).toEqual([
      ['r1', 'base', 0],
      ['r1', 'base', 1],
      ['r1', 'finetuned', 0],
      ['r1', 'finetuned', 1],
    ]);
    expect(skipped.map((s) => s.reason)).toEqual([
      'row r2 (base): no reference',
      'row r2 (finetuned): no reference, response',
    ]);
    expect(new Set(jobs.map((j) => j.cacheKey)).size).toBe(4);
    expect(jobs[0]?.user).toContain('[The Start of Reference Answer]\nParis');
  });
  it('pairwise: both orders with the responses swapped', () => {
    const { jobs, skipped } = planJobs(rows, tpl('mt-bench-pair'), judge, {
      systems: ['base', 'finetuned'],
      repeats: 1,
    });
    expect(jobs.map((j) => j.order)).toEqual(['AB', 'BA']);
    expect(jobs[0]?.user).toMatch(/A's Answer\]\nLyon[\s\S]*B's Answer\]\nParis/);
    expect(jobs[1]?.user).toMatch(/A's Answer\]\nParis[\s\S]*B's Answer\]\nLyon/);
    expect(skipped).toEqual([{ rowId: 'r2', reason: 'row r2: no response from finetuned' }]);
  });
  it('structured mode adds the schema and the JSON instruction', () => {
    const s = { ...judge, params: { ...judge.params, structured: true } };
    const { jobs } = planJobs(rows.slice(0, 1), tpl('helpful-1-5'), s, { systems: ['base'], repeats: 1 });
    expect(jobs[0]?.schema).toMatchObject({ properties: { score: { minimum: 1, maximum: 5 } } });
    expect(jobs[0]?.systemPrompt).toMatch(/JSON object/);
  });
  it('interpret: unparsed answers carry no score', () => {
    const usage = { promptTokens: 1, completionTokens: 1 };
    expect(interpret({ text: 'Score: 4', usage }, 'single', { min: 1, max: 5 })).toEqual({
      status: 'done',
      score: 4,
    });
    const bad = interpret({ text: 'Score: 9', usage }, 'single', { min: 1, max: 5 });
    expect(bad.status).toBe('unparsed');
    expect(bad).not.toHaveProperty('score');
    expect(interpret({ text: '[[C]]', usage }, 'pairwise', { min: 1, max: 5 })).toEqual({
      status: 'done',
      verdict: 'tie',
    });
  });
});

describe('aggregation', () => {
  it('averages per row over repeats, excluding unparsed and failed', () => {
    const items: JudgedItem[] = [
      { rowId: 'a', system: 's', repeat: 0, status: 'done', score: 4 },
      { rowId: 'a', system: 's', repeat: 1, status: 'done', score: 2 },
      { rowId: 'b', system: 's', repeat: 0, status: 'done', score: 5 },
      { rowId: 'b', system: 's', repeat: 1, status: 'unparsed' },
      { rowId: 'c', system: 's', repeat: 0, status: 'failed' },
      { rowId: 'c', system: 's', repeat: 1, status: 'pending' },
    ];
    const [s] = summariseSingle(items, ['s']);
    // rows: a → 3, b → 5; mean 4.
    expect(s).toMatchObject({
      rows: 2,
      mean: 4,
      weightedMean: null,
      counts: { done: 3, unparsed: 1, failed: 1, pending: 1 },
    });
  });
  it('pairwise: swap resolution feeds the win rate; an item with an unparsed order is left out', () => {
    const items: JudgedItem[] = [
      { rowId: 'a', order: 'AB', repeat: 0, status: 'done', verdict: 'A' },
      { rowId: 'a', order: 'BA', repeat: 0, status: 'done', verdict: 'B' },
      { rowId: 'b', order: 'AB', repeat: 0, status: 'done', verdict: 'A' },
      { rowId: 'b', order: 'BA', repeat: 0, status: 'done', verdict: 'A' },
      { rowId: 'c', order: 'AB', repeat: 0, status: 'done', verdict: 'B' },
      { rowId: 'c', order: 'BA', repeat: 0, status: 'unparsed' },
    ];
    expect(resolveRows(items, true).map((p) => [p.rowId, p.outcome])).toEqual([
      ['a', 'win'],
      ['b', 'tie'],
    ]);
    const s = summarisePairwise(items, ['x', 'y'], true);
    expect(s.swap).toMatchObject({ wins: 1, ties: 1, losses: 0, consistency: 0.5 });
    expect(s.winRate.winRate).toBeCloseTo(0.75, 12);
    expect(s.winRate.items).toBe(2);
    expect(s.counts.unparsed).toBe(1);
  });
});

describe('reliability statistics', () => {
  it("Cohen's kappa: the 50-item Yes/No example (20, 5, 10, 15) gives 0.4", () => {
    const pairs: [string, string][] = [
      ...Array<[string, string]>(20).fill(['yes', 'yes']),
      ...Array<[string, string]>(5).fill(['yes', 'no']),
      ...Array<[string, string]>(10).fill(['no', 'yes']),
      ...Array<[string, string]>(15).fill(['no', 'no']),
    ];
    expect(kappaOf(confusion(pairs, ['yes', 'no']))).toBeCloseTo(0.4, 12);
  });
  it('Spearman matches scipy.stats.spearmanr([1,2,3,4,5],[5,6,7,8,7]) = 0.8207826816681233', () => {
    expect(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(0.8207826816681233, 12);
  });
  it('score agreement: perfect agreement is kappa 1 and rho 1', () => {
    const a = scoreAgreement([
      [1, 1],
      [3, 3],
      [5, 5],
    ]);
    expect(a).toMatchObject({ n: 3, exact: 1, kappa: 1 });
    expect(a.spearman).toBeCloseTo(1, 12);
    expect(a.confusion.labels).toEqual(['1', '3', '5']);
  });
  it('verdict agreement uses win/tie/loss', () => {
    const a = verdictAgreement([
      ['win', 'win'],
      ['loss', 'loss'],
      ['tie', 'win'],
    ]);
    expect(a.exact).toBeCloseTo(2 / 3, 12);
    expect(a.confusion.cells).toEqual([
      [1, 0, 0],
      [1, 0, 0],
      [0, 0, 1],
    ]);
  });
  it('repeat variance and length preference', () => {
    const v = repeatVariance([
      { rowId: 'a', system: 's', repeat: 0, status: 'done', score: 4 },
      { rowId: 'a', system: 's', repeat: 1, status: 'done', score: 2 },
      { rowId: 'b', system: 's', repeat: 0, status: 'done', score: 3 },
      { rowId: 'b', system: 's', repeat: 1, status: 'done', score: 3 },
    ]);
    expect(v.items).toBe(2);
    expect(v.meanSd).toBeCloseTo(Math.SQRT2 / 2, 12);
    expect(v.identicalShare).toBe(0.5);
    const lengths = new Map<string, [number, number]>([
      ['a', [100, 10]],
      ['b', [10, 100]],
      ['c', [50, 50]],
    ]);
    const p = preferLonger(
      [
        { rowId: 'a', repeat: 0, outcome: 'win' },
        { rowId: 'b', repeat: 0, outcome: 'loss' },
        { rowId: 'c', repeat: 0, outcome: 'win' },
      ],
      lengths,
    );
    expect(p).toEqual({ decided: 2, longerWins: 2, share: 1 });
  });
  it('the one-line verdict names the problems', () => {
    expect(reliabilityVerdict({ judged: 0, unparsed: 0 }).level).toBe('unknown');
    const poor = reliabilityVerdict({ judged: 90, unparsed: 10, consistency: 0.4 });
    expect(poor.level).toBe('poor');
    expect(poor.text).toMatch(/swap places 60%/);
    const good = reliabilityVerdict({
      judged: 50,
      unparsed: 0,
      consistency: 0.9,
      human: { ...scoreAgreement(Array.from({ length: 12 }, (_, i) => [(i % 5) + 1, (i % 5) + 1] as const)) },
    });
    expect(good.level).toBe('good');
    expect(good.text).toMatch(/kappa 1.00 on 12 items/);
  });
});
