// Report analysis on the hand-made fixture: every expected number below is worked out by hand in the comments.
import { describe, expect, it } from 'vitest';
import { buildReportData } from '../../src/lib/report/model';
import { sourceStat } from '../../src/lib/report/stats';
import { buildSummary } from '../../src/lib/report/summary';
import { byLargestChange, compareSources } from '../../src/lib/report/compare';
import { compileUserRegex, sliceMask, suggestSlices, wordCount } from '../../src/lib/report/slices';
import { confusionSpec, sliceSpec } from '../../src/lib/report/charts';
import { overlapWarnings } from '../../src/lib/report/warnings';
import { fixtureRecords } from './report-fixture';

function data() {
  const d = buildReportData(fixtureRecords());
  if (!d) throw new Error('no data');
  return d;
}
function source(key: string) {
  const s = data().sources.find((x) => x.key === key);
  if (!s) throw new Error(`no source ${key}`);
  return s;
}

describe('report data', () => {
  it('aligns every stored result with the rows', () => {
    const d = data();
    expect(d.systems).toEqual(['finetuned', 'base']);
    expect(source('run:run-em-ft').scores).toEqual([1, 1, 0, 1]);
    expect(d.pairwise.map((p) => p.kind)).toEqual(['human', 'judge']);
    // Sorted pair for the human session: ['base', 'finetuned'].
    expect(d.pairwise[0]?.systems).toEqual(['base', 'finetuned']);
  });
});

describe('statistics', () => {
  it('uses the stored corpus number on all rows and the row mean on a slice', () => {
    const ft = source('run:run-em-ft');
    expect(sourceStat(ft, null).value).toBe(0.75);
    expect(sourceStat(ft, null).method).toMatch(/corpus/);
    // Slice rows 0 and 2: (1 + 0) / 2.
    expect(sourceStat(ft, [true, false, true, false]).value).toBe(0.5);
  });
  it('recomputes perplexity exactly from sufficient statistics on a slice', () => {
    const p = source('run:run-ppl');
    // All rows: exp((2+1+9+4)/(2+1+3+2)) = exp(2). Rows 0,1: exp(3/3) = e.
    expect(sourceStat(p, null).value).toBeCloseTo(Math.exp(2), 12);
    expect(sourceStat(p, [true, true, false, false]).value).toBeCloseTo(Math.E, 12);
    expect(p.higherIsBetter).toBe(false);
  });
  it('summarises human and judge win rates from each side', () => {
    const s = buildSummary(data(), null, { rounds: 200 });
    const ft = s.cards.find((c) => c.system === 'finetuned');
    const human = ft?.winRates.find((w) => w.kind === 'human');
    // ft: win, win, loss, tie → (1 + 1 + 0 + 0.5) / 4.
    expect(human?.summary.winRate).toBe(0.625);
    const judge = ft?.winRates.find((w) => w.kind === 'judge');
    // Judge: A, B, B, A with ft as A → 2 wins, 2 losses.
    expect(judge?.summary.winRate).toBe(0.5);
    expect(s.warnings.some((w) => w.message.includes('too few'))).toBe(true);
  });
});

describe('slices', () => {
  const rows = data().rows;
  it('filters by tag, metadata field, length and regex', () => {
    expect(sliceMask(rows, { kind: 'tag', tag: 'math' })).toEqual({
      ok: true,
      value: [false, true, false, false],
    });
    expect(sliceMask(rows, { kind: 'field', field: 'category', value: 'hard' })).toEqual({
      ok: true,
      value: [false, false, true, true],
    });
    expect(sliceMask(rows, { kind: 'length', target: 'prompt', min: 3, max: 3 })).toEqual({
      ok: true,
      value: [false, false, false, true],
    });
    const sure = sliceMask(rows, {
      kind: 'regex',
      target: 'response',
      system: 'base',
      pattern: '^sure',
      flags: 'i',
    });
    expect(sure).toEqual({ ok: true, value: [true, false, false, false] });
    const code = sliceMask(rows, { kind: 'regex', target: 'response', pattern: '```', flags: '' });
    expect(code).toEqual({ ok: true, value: [false, false, true, false] });
  });
  it('explains a bad regular expression', () => {
    const r = compileUserRegex('(unclosed', '');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/^Invalid regular expression/);
    expect(compileUserRegex('x', 'g')).toEqual({
      ok: false,
      error: 'Unsupported flag(s) "g": use i, m, s or u.',
    });
  });
  it('suggests tags, categorical fields and length buckets', () => {
    const s = suggestSlices(rows);
    expect(s.slice(0, 5)).toEqual([
      { kind: 'tag', tag: 'code' },
      { kind: 'tag', tag: 'greet' },
      { kind: 'tag', tag: 'math' },
      { kind: 'field', field: 'category', value: 'easy' },
      { kind: 'field', field: 'category', value: 'hard' },
    ]);
    expect(wordCount('  a  b\nc ')).toBe(3);
  });
  it('computes the same statistic per slice in the breakdown chart', () => {
    const spec = sliceSpec(
      data(),
      'exact_match',
      [{ kind: 'all' }, { kind: 'field', field: 'category', value: 'easy' }],
      {
        rounds: 100,
      },
    );
    const ft = spec.series.find((s) => s.label === 'finetuned');
    expect(ft?.points.map((p) => p?.value)).toEqual([0.75, 1]);
  });
});

describe('compare', () => {
  it('finds flips and the largest changes (system vs system)', () => {
    const c = compareSources(source('run:run-em-base'), source('run:run-em-ft'));
    // base → ft: rows 0 and 1 go 0 → 1 (flips, improvements); rows 2, 3 unchanged.
    expect(c.threshold).toBe(0.5);
    expect(c.flipped).toBe(2);
    expect(c.improved).toBe(2);
    expect(c.unchanged).toBe(2);
    expect(c.meanDelta).toBe(0.5);
    expect(byLargestChange(c.deltas).map((d) => d.pos)).toEqual([0, 1, 2, 3]);
  });
  it('treats lower perplexity as an improvement', () => {
    const p = source('run:run-ppl');
    const worse = { ...p, key: 'x', scores: p.scores.map((v) => (v === null ? null : v + 1)) };
    const c = compareSources(worse, p);
    expect(c.improved).toBe(4);
    expect(c.threshold).toBeNull();
  });
});

describe('charts from results', () => {
  it('builds the judge-vs-human confusion matrix over items both judged', () => {
    const d = data();
    const human = d.pairwise.find((p) => p.kind === 'human');
    const judge = d.pairwise.find((p) => p.kind === 'judge');
    if (!human || !judge) throw new Error('missing sets');
    const spec = confusionSpec(
      human,
      judge,
      null,
      d.rows.map((r) => r.id),
    );
    // Human (base vs finetuned): r0 ft, r1 ft, r2 base, r3 tie. Judge: r0 ft, r1 base, r2 base, r3 ft.
    // Rows/cols: [base better, tie, finetuned better].
    expect(spec.cells).toEqual([
      [1, 0, 0],
      [0, 0, 1],
      [1, 0, 1],
    ]);
  });
  it('warns in words when intervals overlap', () => {
    const w = overlapWarnings([
      {
        key: 'a',
        label: 'BLEU',
        metric: 'bleu',
        system: 'A',
        signature: '',
        n: 50,
        value: 30,
        interval: { low: 28, high: 33, level: 0.95, method: '' },
        method: '',
        higherIsBetter: true,
      },
      {
        key: 'b',
        label: 'BLEU',
        metric: 'bleu',
        system: 'B',
        signature: '',
        n: 50,
        value: 31,
        interval: { low: 29, high: 34, level: 0.95, method: '' },
        method: '',
        higherIsBetter: true,
      },
    ]);
    expect(w).toHaveLength(1);
    expect(w[0]?.message).toMatch(/not enough items to tell these apart/);
  });
});
