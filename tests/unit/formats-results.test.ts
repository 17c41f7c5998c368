// Results files of the peer tools (tests/fixtures/formats/README.md cites each shape), routed and imported as projects.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createBundle } from '../../src/lib/report/bundle/encode';
import { restore } from '../../src/lib/report/bundle/restore';
import type { BundleRecords } from '../../src/lib/report/bundle/types';
import { ALPACA_DISCRETE, ALPACA_SOFT } from '../../src/lib/report/interop/alpacaeval';
import { detectResults, NOT_RESULTS } from '../../src/lib/report/interop/detect';
import { resultsFormatOf } from '../../src/lib/report/interop/route';
import { buildReportData } from '../../src/lib/report/model';
import { buildSummary } from '../../src/lib/report/summary';

const DIR = new URL('../fixtures/formats/', import.meta.url).pathname;
const bytes = (name: string) => new Uint8Array(readFileSync(DIR + name));
const text = (name: string) => readFileSync(DIR + name, 'utf8');

function imported(name: string): { source: string; records: BundleRecords } {
  const d = detectResults(bytes(name), name, 1);
  if (!d.ok) throw new Error(d.error);
  if (d.value.kind !== 'imported') throw new Error('not imported');
  // Every import goes through restore(), as on the page: it validates what the importer built.
  const r = restore(createBundle(d.value.records));
  if (!r.ok) throw new Error(r.error.message);
  return { source: d.value.source, records: d.value.records };
}

describe('routing', () => {
  it.each([
    ['llm-comparator/comparison.json', 'llm-comparator'],
    ['llm-comparator/comparison.min.json', 'llm-comparator'],
    ['alpacaeval/annotations.json', 'alpacaeval-annotations'],
    ['alpacaeval/model_outputs.json', null],
    ['promptfoo/output.json', 'promptfoo'],
    ['mt-bench/model_judgment/gpt-4_single.jsonl', 'mt-bench-judgments'],
    ['mt-bench/model_judgment/gpt-4_pair.jsonl', 'mt-bench-judgments'],
    ['mt-bench/question.jsonl', null],
    ['mt-bench/model_answer/llama-13b.jsonl', null],
    ['lm-eval/samples_gsm8k.jsonl', 'lm-eval-samples'],
    ['chat/sharegpt-tools.json', null],
    ['multiple-choice/TruthfulQA.csv', null],
  ])('%s → %s', (name, format) => {
    expect(resultsFormatOf(text(name))).toBe(format);
  });

  it('refuses rows in the Report importer with a pointer to the dataset import', () => {
    const d = detectResults(bytes('alpacaeval/model_outputs.json'), 'model_outputs.json');
    expect(d).toEqual({ ok: false, error: NOT_RESULTS });
  });
});

describe('results importers', () => {
  it('LLM Comparator pretty-printed and minified import alike, with models, scores and rationales', () => {
    const pretty = imported('llm-comparator/comparison.json');
    const min = imported('llm-comparator/comparison.min.json');
    expect(pretty.source).toBe('LLM Comparator');
    expect(pretty.records.rows).toEqual(min.records.rows);
    expect(pretty.records.judgments).toEqual(min.records.judgments);
    expect(pretty.records.datasets[0]?.systems.map((s) => s.name)).toEqual([
      'gemma-1.1-7b-it',
      'gemma-1.0-7b-it',
    ]);
    expect(pretty.records.rows).toHaveLength(3);
    expect(pretty.records.judgments.map((j) => j.raw)).toContain('A uses imagery; B is flat.');
  });

  it('promptfoo: rendered prompts as rows, providers as systems, assertion scores and reasons kept', () => {
    const { records } = imported('promptfoo/output.json');
    expect(records.datasets[0]?.systems.map((s) => s.name)).toEqual([
      'openai:gpt-4o-mini',
      'ollama:chat:llama3',
    ]);
    expect(records.rows.map((r) => r.prompt)).toEqual([
      'Translate to French: Hello world',
      'Translate to French: Good night',
    ]);
    expect(records.rows[0]?.responses).toEqual({
      'openai:gpt-4o-mini': 'Bonjour le monde',
      'ollama:chat:llama3': 'Salut tout le monde',
    });
    expect(records.judgments.map((j) => [j.system, j.rowId, j.score])).toEqual([
      ['openai:gpt-4o-mini', 'pf-0', 1],
      ['openai:gpt-4o-mini', 'pf-1', 1],
      ['ollama:chat:llama3', 'pf-0', 0],
      ['ollama:chat:llama3', 'pf-1', 1],
    ]);
    const assertions = records.rows[0]?.metadata['assertions'] as Record<
      string,
      { pass: boolean; reason: string }
    >;
    expect(assertions['ollama:chat:llama3']).toMatchObject({
      pass: false,
      reason: 'Expected output to contain "bonjour"',
    });
  });

  it('MT-Bench single judgments: a 1–10 score per model and question, turn 2 its own row', () => {
    const { records } = imported('mt-bench/model_judgment/gpt-4_single.jsonl');
    expect(records.rows.map((r) => r.id)).toEqual(['q81', 'q111', 'q81-turn2']);
    expect(records.rows[0]?.prompt).toBe(
      'Compose an engaging travel blog post about a recent trip to Hawaii.',
    );
    expect(records.judgments.map((j) => [j.rowId, j.system, j.score])).toEqual([
      ['q81', 'vicuna-13b-v1.3', 6],
      ['q111', 'vicuna-13b-v1.3', 10],
      ['q81', 'llama-13b', 2],
      ['q111', 'llama-13b', 1],
      ['q81-turn2', 'llama-13b', 3],
    ]);
    expect(records.judgeRuns[0]).toMatchObject({ mode: 'single', model: 'gpt-4' });
  });

  it('MT-Bench pairwise judgments: both games as position verdicts, resolved as FastChat does', () => {
    const { records } = imported('mt-bench/model_judgment/gpt-4_pair.jsonl');
    // Game 1 shows model_1 as A; game 2 swaps, so model_1 winning game 2 is verdict B.
    expect(records.judgments.map((j) => [j.rowId, j.order, j.verdict])).toEqual([
      ['q81', 'AB', 'A'],
      ['q81', 'BA', 'B'],
      ['q111', 'AB', 'A'],
      ['q111', 'BA', 'tie'],
    ]);
    const r = restore(createBundle(records));
    if (!r.ok) throw new Error(r.error.message);
    const data = buildReportData(r.value);
    if (!data) throw new Error('no data');
    const summary = buildSummary(data, null, { rounds: 20 });
    // q81: a win in both orders; q111: the orders disagree, a tie. (1 + ½) / 2.
    const w = summary.winRates.find((x) => x.summary.system === 'vicuna-13b-v1.3');
    expect(w?.summary.winRate).toBe(0.75);
  });

  it('AlpacaEval annotations: the soft (leaderboard) and the discrete win rate, both labelled', () => {
    const { records } = imported('alpacaeval/annotations.json');
    const soft = records.runs.find((r) => r.metric === ALPACA_SOFT);
    const discrete = records.runs.find((r) => r.metric === ALPACA_DISCRETE);
    // Preferences 1.2, 1.9, 1.6: soft = mean(0.2, 0.9, 0.6); discrete = (0 + 1 + 1) / 3.
    expect(soft?.system).toBe('my-finetune');
    expect(soft?.corpus?.score).toBeCloseTo(((0.2 + 0.9 + 0.6) / 3) * 100, 10);
    expect(discrete?.corpus?.score).toBeCloseTo(200 / 3, 10);
    expect(ALPACA_SOFT).toMatch(/soft, leaderboard/);
  });

  it('lm-eval log-likelihood samples written with string log-likelihoods answer the argmax choice', () => {
    const { records } = imported('lm-eval/samples_arc_easy.jsonl');
    expect(records.rows[0]?.responses['model']).toBe('Planetary days will become shorter.');
  });
});
