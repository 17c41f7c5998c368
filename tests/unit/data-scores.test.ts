// Score columns of the data table against a real IndexedDB (fake-indexeddb): runs stored by the Metrics view's own
// storeResult are listed by dataset hash and read back as Float64Arrays equal to sacreBLEU-style sentence scores
// computed independently here; the column catalogue's labels, ids and value readers.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type YardstickDb } from '../../src/lib/db/schema';
import type { DatasetRecord, RunRecord } from '../../src/lib/db/records';
import { listScoreRuns, loadRunScores } from '../../src/lib/db/scores';
import { columnValue, scoreColumnsFor } from '../../src/lib/state/score-columns';
import { storeResult } from '../../src/lib/state/metrics.svelte';
import { defaultMetricsConfig, DEFAULT_STATS, onlyMetric } from '../../src/lib/metrics/run/plan';
import { runJob, type JobRow } from '../../src/lib/metrics/run';
import { sentenceBleu } from '../../src/lib/metrics/bleu';

let db: YardstickDb;
let n = 0;
beforeEach(async () => {
  db = openDb(`scores-${n++}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const dataset = (over: Partial<DatasetRecord> = {}): DatasetRecord => ({
  id: 'ds',
  projectId: 'p',
  name: 'd',
  format: 'generic',
  rowCount: 0,
  contentHash: 'h1',
  systems: [],
  tags: [],
  mapping: {},
  createdAt: 0,
  ...over,
});

const run = (over: Partial<RunRecord>): RunRecord => ({
  id: 'r',
  projectId: 'p',
  datasetId: 'ds',
  datasetHash: 'h1',
  kind: 'metric',
  metric: 'bleu',
  system: 'sys',
  signature: 'sig',
  options: { config: { bleu: { tokenize: '13a' } } },
  status: 'done',
  createdAt: 0,
  updatedAt: 0,
  ...over,
});

describe('loadRunScores', () => {
  it('fills a Float64Array by row idx across chunk boundaries; rows without a score stay NaN', async () => {
    const rowCount = 12_001;
    const scored = [0, 4999, 5000, 5001, 9999, 10_000, 12_000];
    await db.rowScores.bulkPut([
      ...scored.map((i) => ({ runId: 'a', rowIdx: i, rowId: `r${i}`, value: { bleu: i / 10 } })),
      // Another run's rows, interleaved in key order, must not leak in.
      { runId: 'b', rowIdx: 1, rowId: 'r1', value: { bleu: 99 } },
      // A value without the key read is "no score".
      { runId: 'a', rowIdx: 7, rowId: 'r7', value: { other: 1 } },
    ]);
    const got = await loadRunScores(db, 'a', rowCount, (v) =>
      columnValue({ metric: 'bleu', key: 'bleu' }, v),
    );
    expect(got).toBeInstanceOf(Float64Array);
    expect(got.length).toBe(rowCount);
    for (const i of scored) expect(got[i]).toBe(i / 10);
    expect(Array.from(got).filter((x) => !Number.isNaN(x))).toHaveLength(scored.length);
  });
});

describe('a BLEU run stored by the Metrics view', () => {
  it('is listed only while the dataset hash matches, and its column equals sentenceBleu per row', async () => {
    const lines = readFileSync('static/finetune-vs-base.jsonl', 'utf8').trim().split('\n');
    const rows: JobRow[] = lines.map((line, idx) => {
      const o = JSON.parse(line) as Record<string, string>;
      return {
        idx,
        id: o.id ?? '',
        references: [o.reference ?? ''],
        responses: { base: o.base ?? '', finetuned: o.finetuned ?? '' },
        tags: [],
      };
    });
    const ds = dataset({ rowCount: rows.length, systems: [{ name: 'base' }, { name: 'finetuned' }] });
    const config = onlyMetric(defaultMetricsConfig(), 'bleu');
    const results = await runJob({ rows, systems: ['finetuned', 'base'], config, stats: DEFAULT_STATS });
    for (const r of results) await storeResult(db, ds, r, rows, { config, stats: DEFAULT_STATS });

    const runs = await listScoreRuns(db, ds);
    expect(runs).toHaveLength(2);
    expect(await listScoreRuns(db, { ...ds, contentHash: 'changed' })).toEqual([]);

    const columns = scoreColumnsFor(runs);
    expect(columns.map((c) => c.label)).toEqual(['BLEU · base', 'BLEU · finetuned']);
    const ft = columns.find((c) => c.label === 'BLEU · finetuned');
    if (!ft) throw new Error('no finetuned column');
    const values = await loadRunScores(db, ft.runId, rows.length, (v) => columnValue(ft, v));
    // sacreBLEU sentence_bleu defaults (effective order on) are the Metrics view's per-row defaults.
    const expected = rows.map((r) => sentenceBleu(r.responses.finetuned ?? '', r.references).score);
    expect(Array.from(values)).toEqual(expected);
  });
});

describe('scoreColumnsFor', () => {
  it('one column per stored number; ROUGE per type; chrF++ named; perplexity by model and field', () => {
    const cols = scoreColumnsFor([
      run({ id: 'b1', metric: 'bleu', system: 'finetuned' }),
      run({
        id: 'r1',
        metric: 'rouge',
        system: 'base',
        options: { config: { rouge: { types: ['rouge1', 'rougeLsum'], useStemmer: false } } },
      }),
      run({ id: 'c1', metric: 'chrf', system: 'base', options: { config: { chrf: { wordOrder: 2 } } } }),
      run({ id: 'e1', metric: 'exact_match', system: 'base', options: { config: { exact_match: {} } } }),
      run({
        id: 'ppl-1',
        kind: 'perplexity',
        metric: 'perplexity',
        system: 'reference',
        signature: 'ppl|model:demo-bigram',
        options: { modelId: 'demo-bigram', mode: 'text' },
      }),
      run({
        id: 'ppl-2',
        kind: 'perplexity',
        metric: 'perplexity',
        system: 'choices',
        signature: 'ppl|model:demo-bigram|mode:choices',
        options: { modelId: 'demo-bigram', mode: 'choices' },
      }),
      run({ id: 'x', metric: 'bleu', system: 'base', status: 'cancelled' }),
    ]);
    expect(cols.map((c) => c.label)).toEqual([
      'BLEU · finetuned',
      'chrF++ · base',
      'Exact match · base',
      'Perplexity · demo-bigram · reference',
      'ROUGE-1 · base',
      'ROUGE-Lsum · base',
      'Token F1 · base',
    ]);
    expect(cols.map((c) => c.digits)).toEqual([2, 2, 0, 3, 4, 4, 4]);
  });

  it('the same scores stored twice give one column from the newest run, with an id that outlives the run', () => {
    const older = run({ id: 'old', updatedAt: 1, options: { config: { bleu: {} }, stats: { seed: 1 } } });
    const newer = run({ id: 'new', updatedAt: 2, options: { config: { bleu: {} }, stats: { seed: 2 } } });
    const [col, ...rest] = scoreColumnsFor([older, newer]);
    expect(rest).toEqual([]);
    expect(col?.runId).toBe('new');
    expect(scoreColumnsFor([older])[0]?.id).toBe(col?.id);
  });

  it('other metric settings give another column; clashing labels carry the signature', () => {
    const cols = scoreColumnsFor([
      run({ id: 'a', signature: 'tok:13a', options: { config: { bleu: { tokenize: '13a' } } } }),
      run({ id: 'b', signature: 'tok:intl', options: { config: { bleu: { tokenize: 'intl' } } } }),
    ]);
    expect(cols.map((c) => c.label)).toEqual(['BLEU · sys (tok:13a)', 'BLEU · sys (tok:intl)']);
    expect(new Set(cols.map((c) => c.id)).size).toBe(2);
  });

  it('reads perplexity as exp(nll_sum / tokens) and nothing when no token was scored', () => {
    const spec = { metric: 'perplexity', key: 'perplexity' };
    expect(columnValue(spec, { tokens: 4, nll_sum: 4 * Math.log(7), words: 1, bytes: 3 })).toBeCloseTo(7, 12);
    expect(columnValue(spec, { tokens: 0, nll_sum: 0 })).toBeNull();
    expect(columnValue({ metric: 'exact_match', key: 'exact_match' }, { exact_match: 1 })).toBe(1);
    expect(columnValue({ metric: 'bleu', key: 'bleu' }, { stat: [1, 2] })).toBeNull();
  });
});
