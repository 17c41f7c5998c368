// Importers and the LLM Comparator export: hand-written files in each tool's documented shape, through restore().
import { describe, expect, it } from 'vitest';
import { fromLlmComparator, toLlmComparator } from '../../src/lib/report/interop/llm-comparator';
import { alpacaVerdict, fromAlpacaEval } from '../../src/lib/report/interop/alpacaeval';
import { fromLmEvalSamples } from '../../src/lib/report/interop/lm-eval';
import { createBundle } from '../../src/lib/report/bundle/encode';
import { restore } from '../../src/lib/report/bundle/restore';
import { buildReportData } from '../../src/lib/report/model';
import { buildSummary } from '../../src/lib/report/summary';
import type { BundleRecords } from '../../src/lib/report/bundle/types';
import { fixtureRecords } from './report-fixture';

function summaryOf(rec: BundleRecords) {
  const r = restore(createBundle(rec));
  if (!r.ok) throw new Error(r.error.message);
  const data = buildReportData(r.value);
  if (!data) throw new Error('no data');
  return { data, summary: buildSummary(data, null, { rounds: 50 }) };
}

describe('LLM Comparator', () => {
  it('exports scores on its ±1.5 scale and imports them back to the same win rate', () => {
    const data = buildReportData(fixtureRecords());
    if (!data) throw new Error('no data');
    const file = toLlmComparator(data) as {
      models: { name: string }[];
      examples: { score: number | null }[];
    };
    // Judge set (finetuned, base): verdicts A, B, B, A → +1.5, −1.5, −1.5, +1.5.
    expect(file.models.map((m) => m.name)).toEqual(['finetuned', 'base']);
    expect(file.examples.map((e) => e.score)).toEqual([1.5, -1.5, -1.5, 1.5]);
    const back = fromLlmComparator(JSON.parse(JSON.stringify(file)), 'round trip', 1);
    if (!back.ok) throw new Error(back.error);
    const { summary } = summaryOf(back.value);
    const judge = summary.winRates.find((w) => w.summary.system === 'finetuned');
    expect(judge?.summary.winRate).toBe(0.5);
  });
  it('reads flipped individual ratings and the ±0.25 tie band', () => {
    const file = {
      metadata: { source_path: 'x', custom_fields_schema: [] },
      models: [{ name: 'm1' }, { name: 'm2' }],
      examples: [
        {
          index: 0,
          input_text: 'q',
          tags: ['t'],
          output_text_a: 'a',
          output_text_b: 'b',
          score: 0.5,
          individual_rater_scores: [
            {
              index: 0,
              score: 1,
              is_flipped: true,
              rationale: 'A wins',
              rating_label: 'A is better',
              custom_fields: {},
            },
            {
              index: 1,
              score: 0.2,
              is_flipped: false,
              rationale: null,
              rating_label: 'same',
              custom_fields: {},
            },
          ],
          rationale_list: [],
          custom_fields: { category: 'x' },
        },
      ],
    };
    const r = fromLlmComparator(file, 'f', 1);
    if (!r.ok) throw new Error(r.error);
    // Flipped: A (m1) better from A's view, shown as (m2, m1) → positional verdict B with order BA.
    expect(r.value.judgments.map((j) => [j.order, j.verdict])).toEqual([
      ['BA', 'B'],
      ['AB', 'tie'],
    ]);
    expect(r.value.rows[0]?.metadata).toEqual({ category: 'x' });
    // m1 wins one repeat, ties the other: pooled item score 0.75.
    expect(summaryOf(r.value).summary.winRates.find((w) => w.summary.system === 'm1')?.summary.winRate).toBe(
      0.75,
    );
  });
  it('names the field at fault', () => {
    const r = fromLlmComparator(
      { models: [{ name: 'a' }, { name: 'b' }], examples: [{ input_text: 1 }] },
      'f',
    );
    expect(r).toEqual({ ok: false, error: 'examples[0].input_text: expected text.' });
  });
});

describe('AlpacaEval annotations', () => {
  it('maps preference 1/2/1.5/0 to A/B/tie/tie (alpaca_eval #290)', () => {
    expect([1, 2, 1.5, 0, 1.2, 1.8, null].map(alpacaVerdict)).toEqual([
      'A',
      'B',
      'tie',
      'tie',
      'A',
      'B',
      null,
    ]);
  });
  it('builds rows per instruction and a judge run per generator pair', () => {
    const ann = [1, 2, 2, 1.5].map((preference, i) => ({
      instruction: `q${i}`,
      output_1: `ref ${i}`,
      output_2: `model ${i}`,
      generator_1: 'gpt4_turbo',
      generator_2: 'my-model',
      annotator: 'weighted_alpaca_eval_gpt4_turbo',
      preference,
    }));
    const r = fromAlpacaEval(ann, 'ae', 1);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.rows).toHaveLength(4);
    expect(r.value.judgeRuns[0]?.systems).toEqual(['gpt4_turbo', 'my-model']);
    // my-model: loss, win, win, tie → (0 + 1 + 1 + 0.5) / 4.
    const w = summaryOf(r.value).summary.winRates.find((x) => x.summary.system === 'my-model');
    expect(w?.summary.winRate).toBe(0.625);
    expect(fromAlpacaEval([{ instruction: 'q' }], 'x')).toEqual({
      ok: false,
      error: 'record 1, field output_1: expected a string.',
    });
  });
});

describe('lm-evaluation-harness --log_samples', () => {
  it('reads generation samples with filters and computes the mean per metric', () => {
    const lines = [
      {
        doc_id: 0,
        doc: {},
        target: '4',
        arguments: { gen_args_0: { arg_0: 'Q: 2+2?', arg_1: {} } },
        resps: [['4']],
        filtered_resps: ['4'],
        filter: 'strict-match',
        metrics: ['exact_match'],
        exact_match: 1.0,
      },
      {
        doc_id: 1,
        doc: {},
        target: '6',
        arguments: { gen_args_0: { arg_0: 'Q: 3+3?', arg_1: {} } },
        resps: [['5']],
        filtered_resps: ['5'],
        filter: 'strict-match',
        metrics: ['exact_match'],
        exact_match: 0.0,
      },
    ];
    const r = fromLmEvalSamples(lines.map((l) => JSON.stringify(l)).join('\n'), 'llama', 'gsm8k', 1);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.rows.map((x) => [x.prompt, x.references[0], x.responses])).toEqual([
      ['Q: 2+2?', '4', { 'llama/strict-match': '4' }],
      ['Q: 3+3?', '6', { 'llama/strict-match': '5' }],
    ]);
    const { summary } = summaryOf(r.value);
    expect(summary.stats[0]?.value).toBe(0.5);
  });
  it('picks the highest log-likelihood choice for multiple-choice samples', () => {
    const line = {
      doc_id: 3,
      target: 1,
      arguments: [
        ['2 + 2 =', ' 3'],
        ['2 + 2 =', ' 4'],
      ],
      resps: [[[-2.0, false]], [[-0.1, true]]],
      filtered_resps: [
        [-2.0, false],
        [-0.1, true],
      ],
      filter: 'none',
      metrics: ['acc', 'acc_norm'],
      acc: 1.0,
      acc_norm: 1.0,
    };
    const r = fromLmEvalSamples(JSON.stringify(line), 'm', 'arc', 1);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.rows[0]).toMatchObject({
      choices: ['3', '4'],
      label: 1,
      references: ['4'],
      responses: { m: '4' },
    });
    expect(r.value.runs.map((x) => x.metric)).toEqual(['acc', 'acc_norm']);
  });
  it('names the line of a broken sample', () => {
    expect(fromLmEvalSamples('{"doc_id":0,"metrics":["acc"]}\nnot json', 'm', 'x')).toEqual({
      ok: false,
      error: 'line 2: invalid JSON.',
    });
  });
});

describe('detectResults', () => {
  it('routes each file to its importer, bundles to restore()', async () => {
    const { detectResults } = await import('../../src/lib/report/interop/detect');
    const { bundleToGzip } = await import('../../src/lib/report/bundle/encode');
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(detectResults(bundleToGzip(createBundle(fixtureRecords())), 'p.gz')).toMatchObject({
      ok: true,
      value: { kind: 'bundle' },
    });
    const ae = [
      { instruction: 'q', output_1: 'a', output_2: 'b', generator_1: 'x', generator_2: 'y', preference: 2 },
    ];
    expect(detectResults(enc(JSON.stringify(ae)), 'a.json')).toMatchObject({
      ok: true,
      value: { source: 'AlpacaEval' },
    });
    const lme =
      '{"doc_id":0,"target":"1","arguments":[["q","a"]],"filtered_resps":["1"],"metrics":["exact_match"],"exact_match":1}\n';
    expect(detectResults(enc(lme + lme.replace('"doc_id":0', '"doc_id":1')), 's.jsonl')).toMatchObject({
      ok: true,
      value: { source: 'lm-evaluation-harness' },
    });
    const r = detectResults(enc('id,prompt\n'), 'x.csv');
    expect(r.ok).toBe(false);
  });
});
