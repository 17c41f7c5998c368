// The report reads what the other views really store. Records are written by the views' own writers (the Metrics
// view's storeResult, the Human view's value shapes, the Perplexity view's run shape, the Judge view's params) into a
// fake-indexeddb database, read back as the report reads them, and every number is checked against the metric
// library or a hand count. The bundled demo must be stored the same way, so the Metrics view finds its runs.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type YardstickDb } from '../../src/lib/db/schema';
import type { AnnotationRecord, DatasetRecord, RowRecord } from '../../src/lib/db/records';
import { loadDatasetRows, putRows } from '../../src/lib/db/rows';
import { datasetContentHash, parseDataset, textSource } from '../../src/lib/dataset';
import { corpusBleuSegments, corpusChrfSegments } from '../../src/lib/metrics';
import { runJob } from '../../src/lib/metrics/run';
import {
  DEFAULT_STATS,
  defaultMetricsConfig,
  expectedSignature,
  selectMetrics,
  toJobRows,
} from '../../src/lib/metrics/run/plan';
import { findStoredRun, loadStoredResult, storeResult } from '../../src/lib/state/metrics.svelte';
import { loadProjectRecords, writeRestored } from '../../src/lib/state/report-io.svelte';
import { restore } from '../../src/lib/report/bundle/restore';
import { buildReportData } from '../../src/lib/report/model';
import { buildSummary } from '../../src/lib/report/summary';
import { sliceMask } from '../../src/lib/report/slices';
import { annotationId } from '../../src/lib/ratings/annotations';
import { itemSeed, sidesFor, type SessionConfig } from '../../src/lib/ratings/session';
import { sessionResults } from '../../src/lib/ui/human/results';

let db: YardstickDb;
afterEach(async () => {
  db.close();
  await db.delete();
});

const P = 'p-int';
const D = 'd-int';

/** The bundled sample imported as the app imports it, stored in a fresh database. */
async function seedSample(): Promise<{ dataset: DatasetRecord; rows: RowRecord[] }> {
  db = openDb(`report-int-${Math.random()}`);
  const text = readFileSync('static/finetune-vs-base.jsonl', 'utf8');
  const parsed = await parseDataset(textSource(text), { fileName: 'finetune-vs-base.jsonl' });
  const rows = parsed.rows.map((r) => ({ ...r, datasetId: D }));
  const dataset: DatasetRecord = {
    id: D,
    projectId: P,
    name: 'finetune-vs-base.jsonl',
    format: parsed.detection.format,
    rowCount: rows.length,
    contentHash: datasetContentHash(parsed.rows),
    systems: parsed.systems,
    tags: parsed.tags,
    mapping: {},
    createdAt: 1,
    updatedAt: 1,
  };
  await db.projects.put({ id: P, name: 'Integration', createdAt: 1, updatedAt: 1, description: '' });
  await db.datasets.put(dataset);
  await putRows(db, D, rows);
  return { dataset, rows };
}

async function report() {
  const records = await loadProjectRecords(db, P);
  const data = records ? buildReportData(records) : null;
  if (!data) throw new Error('no report data');
  return data;
}

describe('the report reads the views’ records', () => {
  it('Metrics view runs: same corpus numbers on all rows, exact corpus BLEU and chrF on a tag slice', async () => {
    const { dataset, rows } = await seedSample();
    const config = selectMetrics(defaultMetricsConfig(), ['bleu', 'chrf', 'rouge']);
    const jobRows = toJobRows(rows);
    const systems = dataset.systems.map((s) => s.name);
    const results = await runJob({ rows: jobRows, systems, config, stats: DEFAULT_STATS });
    // The view stores one run per (metric, system) with options {config: only that metric, stats}.
    for (const r of results)
      await storeResult(db, dataset, r, jobRows, {
        config: { [r.metric]: config[r.metric] },
        stats: DEFAULT_STATS,
      });
    const data = await report();
    const all = buildSummary(data, null, { rounds: 50 });
    for (const r of results)
      for (const [key, k] of Object.entries(r.corpus.keys)) {
        const stat = all.stats.find((s) => s.metric === key && s.system === r.system);
        expect(stat?.value, `${key} ${r.system}`).toBe(k.value);
        expect(stat?.interval?.low).toBe(k.low);
      }
    // ROUGE shows each type, not one "rouge" column.
    expect(data.sources.filter((s) => s.system === 'finetuned').map((s) => s.metric)).toEqual([
      'bleu',
      'chrf',
      'rouge1',
      'rouge2',
      'rougeL',
      'rougeLsum',
    ]);
    const m = sliceMask(data.rows, { kind: 'tag', tag: 'math' });
    if (!m.ok) throw new Error(m.error);
    const slice = buildSummary(data, m.value, { rounds: 50 });
    const mathRows = rows.filter((r) => r.tags.includes('math'));
    for (const system of systems) {
      const hyps = mathRows.map((r) => r.responses[system] ?? '');
      const refs = mathRows.map((r) => r.references);
      const bleu = slice.stats.find((s) => s.metric === 'bleu' && s.system === system);
      expect(bleu?.method).toMatch(/corpus score recomputed/);
      expect(bleu?.n).toBe(10);
      expect(bleu?.value).toBeCloseTo(corpusBleuSegments(hyps, refs).score, 9);
      const chrf = slice.stats.find((s) => s.metric === 'chrf' && s.system === system);
      expect(chrf?.value).toBeCloseTo(corpusChrfSegments(hyps, refs).score, 9);
    }
    // A rerun with other statistics settings is a second run of the same signature: the newest one is shown.
    const again = results.find((r) => r.metric === 'bleu' && r.system === 'finetuned');
    const key = again?.corpus.keys['bleu'];
    if (!again || !key) throw new Error('no bleu');
    const moved = { ...again, corpus: { ...again.corpus, keys: { bleu: { ...key, low: 1, high: 99 } } } };
    await new Promise((r) => setTimeout(r, 2));
    await storeResult(db, dataset, moved, jobRows, {
      config: { bleu: config.bleu },
      stats: { ...DEFAULT_STATS, seed: 1 },
    });
    const latest = buildSummary(await report(), null, { rounds: 50 }).stats.filter(
      (s) => s.metric === 'bleu' && s.system === 'finetuned',
    );
    expect(latest.map((s) => s.interval?.low)).toEqual([1]);
  });

  it('Perplexity view runs: response fields go to their system, references get their own card', async () => {
    const { dataset, rows } = await seedSample();
    const now = 5;
    // Shapes as src/lib/state/perplexity.svelte.ts writes them: system = the scored field, values with nll_sum.
    for (const field of ['response:finetuned', 'reference'] as const) {
      const runId = `ppl-${field}`;
      await db.runs.put({
        id: runId,
        projectId: P,
        datasetId: D,
        datasetHash: dataset.contentHash,
        kind: 'perplexity',
        metric: 'perplexity',
        system: field,
        signature: `ppl|model:demo-bigram|field:${field}`,
        options: { modelId: 'demo-bigram', field, device: 'wasm', label: 'A: demo-bigram' },
        status: 'done',
        corpus: { token_perplexity: 0 },
        createdAt: now,
        updatedAt: now,
      });
      await db.rowScores.bulkPut(
        rows.map((r, i) => ({
          runId,
          rowIdx: r.idx,
          rowId: r.id,
          value: { tokens: 10 + i, nll_sum: (10 + i) * (field === 'reference' ? 1 : 2), words: 1, bytes: 10 },
        })),
      );
    }
    // A multiple-choice run (accuracy from per-choice log-likelihoods) is not a perplexity: left out.
    await db.runs.put({
      id: 'ppl-choices',
      projectId: P,
      datasetId: D,
      datasetHash: dataset.contentHash,
      kind: 'perplexity',
      metric: 'perplexity',
      system: 'choices',
      signature: 'ppl|model:demo-bigram|mode:choices',
      options: { modelId: 'demo-bigram', mode: 'choices', field: 'reference' },
      status: 'done',
      corpus: { token_perplexity: 3 },
      createdAt: now,
      updatedAt: now,
    });
    const summary = buildSummary(await report(), null, { rounds: 50 });
    expect(summary.cards.map((c) => c.system)).not.toContain('choices');
    const card = (system: string) => summary.cards.find((c) => c.system === system);
    expect(card('finetuned')?.perplexity.map((s) => [s.label, s.value])).toEqual([
      ['Perplexity (demo-bigram)', Math.exp(2)],
    ]);
    expect(card('reference')?.perplexity[0]?.value).toBeCloseTo(Math.E, 12);
    expect(summary.cards.some((c) => c.system.startsWith('response:'))).toBe(false);
  });

  it('Human view annotations: the pairwise win rate equals the Human view’s; Likert means per system', async () => {
    await seedSample();
    const systems: [string, string] = ['finetuned', 'base'];
    const rowIds = ['ft-001', 'ft-002', 'ft-003', 'ft-004', 'ft-005'];
    const config: SessionConfig = { kind: 'pairwise', systems, selection: { mode: 'all' }, seed: 42, rowIds };
    await db.annotationSessions.put({
      id: 's-pair',
      projectId: P,
      datasetId: D,
      kind: 'pairwise',
      name: 'Team',
      config: config as unknown as Record<string, unknown>,
      createdAt: 1,
    });
    // finetuned wins 3, loses 1, one skip: choices are about sides, so each depends on where finetuned was shown.
    const wants = ['win', 'win', 'loss', 'win', 'skip'];
    const anns: AnnotationRecord[] = rowIds.map((rowId, i) => {
      const sides = sidesFor(systems, 42, rowId);
      const ftLeft = sides.left === 'finetuned';
      const want = wants[i];
      const choice = want === 'skip' ? 'skip' : (want === 'win') === ftLeft ? 'A' : 'B';
      return {
        id: annotationId('s-pair', 'alice', rowId),
        sessionId: 's-pair',
        projectId: P,
        datasetId: D,
        rowId,
        annotator: 'alice',
        kind: 'pairwise',
        value: { choice, ...sides, seed: 42, itemSeed: itemSeed(42, rowId) },
        createdAt: i,
      };
    });
    // Likert as the view writes it: {scores: {system: {dimension: score}}, order, seed}, plus a skipped item.
    await db.annotationSessions.put({
      id: 's-lik',
      projectId: P,
      datasetId: D,
      kind: 'likert',
      name: 'Ratings',
      config: {
        kind: 'likert',
        systems,
        selection: { mode: 'all' },
        seed: 1,
        rowIds,
        scale: { min: 1, max: 5 },
      },
      createdAt: 2,
    });
    const likert = [
      { finetuned: { helpfulness: 5 }, base: { helpfulness: 2 } },
      { finetuned: { helpfulness: 4 }, base: { helpfulness: 3 } },
    ];
    const lik: AnnotationRecord[] = [
      ...likert.map((scores, i) => ({
        id: annotationId('s-lik', 'bob', rowIds[i] ?? ''),
        sessionId: 's-lik',
        projectId: P,
        datasetId: D,
        rowId: rowIds[i] ?? '',
        annotator: 'bob',
        kind: 'likert' as const,
        value: { scores, order: ['base', 'finetuned'], seed: 1 },
        createdAt: 10 + i,
      })),
      {
        id: annotationId('s-lik', 'bob', 'ft-003'),
        sessionId: 's-lik',
        projectId: P,
        datasetId: D,
        rowId: 'ft-003',
        annotator: 'bob',
        kind: 'likert',
        value: { skipped: true, order: ['base', 'finetuned'], seed: 1 },
        createdAt: 12,
      },
    ];
    await db.annotations.bulkPut([...anns, ...lik]);
    const data = await report();
    const summary = buildSummary(data, null);
    const w = summary.winRates.find((x) => x.kind === 'human' && x.summary.system === 'finetuned');
    expect(w?.summary.winRate).toBe(3 / 4);
    const view = sessionResults(config, anns, anns, new Map(), '', 'base').summary;
    expect(w?.summary.winRate).toBe(view?.winRate);
    expect(w?.summary.interval).toEqual(view?.interval);
    // The set keeps the session's order: finetuned first.
    expect(data.pairwise[0]?.systems).toEqual(systems);
    const help = summary.stats.filter((s) => s.metric === 'likert:helpfulness');
    expect(help.map((s) => [s.system, s.value, s.n])).toEqual([
      ['finetuned', 4.5, 2],
      ['base', 2.5, 2],
    ]);
    expect(data.sources.find((s) => s.kind === 'likert')?.range).toEqual([1, 5]);
  });

  it('Judge view runs: a try run is left out; params.bothOrders decides how pairs resolve', async () => {
    await seedSample();
    const run = (id: string, purpose: string, bothOrders: boolean) => ({
      id,
      projectId: P,
      datasetId: D,
      rubricId: 'rb',
      provider: 'openai-compatible',
      model: 'm',
      params: { temperature: 0, repeats: 1, bothOrders, purpose, rubricVersion: 1 },
      mode: 'pairwise' as const,
      systems: ['finetuned', 'base'],
      status: 'done' as const,
      createdAt: 1,
      updatedAt: 1,
    });
    await db.rubrics.put({
      id: 'rb',
      projectId: P,
      name: 'Help',
      version: 1,
      template: 't',
      mode: 'pairwise',
      createdAt: 1,
    });
    await db.judgeRuns.bulkPut([run('j-try', 'try', true), run('j-full', 'full', true)]);
    // Row ft-001: AB says A (finetuned), BA says B (finetuned again): a consistent win. Row ft-002: only AB is in.
    const j = (id: string, runId: string, rowId: string, order: 'AB' | 'BA', verdict: 'A' | 'B') => ({
      id,
      runId,
      rowId,
      cacheKey: id,
      order,
      repeat: 0,
      status: 'done' as const,
      verdict,
      updatedAt: 1,
    });
    await db.judgments.bulkPut(
      [
        j('1', 'j-full', 'ft-001', 'AB', 'A'),
        j('2', 'j-full', 'ft-001', 'BA', 'B'),
        j('3', 'j-full', 'ft-002', 'AB', 'B'),
        { ...j('4', 'j-full', 'ft-002', 'BA', 'A'), status: 'pending' as const, verdict: undefined },
        j('5', 'j-try', 'ft-003', 'AB', 'A'),
      ].map(({ verdict, ...rest }) => (verdict ? { ...rest, verdict } : rest)),
    );
    const data = await report();
    expect(data.pairwise.map((p) => p.key)).toEqual(['judge:j-full']);
    // With both orders asked, the half-judged row is not resolved yet: one vote, a win.
    expect(data.pairwise[0]?.votes).toEqual([
      { rowId: 'ft-001', annotator: 'judge#0', left: 'finetuned', right: 'base', choice: 'A' },
    ]);
  });

  it('the demo bundle stores runs as the Metrics view does: it finds and reloads them', async () => {
    db = openDb(`report-int-${Math.random()}`);
    const r = restore(readFileSync('static/demo/demo-project.json.gz'));
    if (!r.ok) throw new Error(r.error.message);
    const projectId = await writeRestored(db, r.value, { mode: 'copy', readOnly: false });
    const [dataset] = await db.datasets.where('projectId').equals(projectId).toArray();
    if (!dataset) throw new Error('no dataset');
    const rows = await loadDatasetRows(db, dataset.id);
    // The demo is built from the bundled sample with today's content hash (rebuild it when the hash changes).
    expect(dataset.contentHash).toBe(datasetContentHash(rows));
    const jobRows = toJobRows(rows);
    const config = defaultMetricsConfig();
    for (const metric of ['bleu', 'chrf', 'rouge', 'exact_match'] as const)
      for (const system of ['finetuned', 'base']) {
        const sig = expectedSignature(config, metric, jobRows, system);
        const run = await findStoredRun(db, dataset, metric, system, sig, DEFAULT_STATS);
        expect(run, `${metric} ${system}`).toBeDefined();
        if (!run) continue;
        const shown = await loadStoredResult(db, run, jobRows);
        expect(shown.perRow.every((v) => v !== null)).toBe(true);
      }
    // Every metric key of the demo replays exactly, so its slices are corpus scores.
    const records = await loadProjectRecords(db, projectId);
    const data = records ? buildReportData(records) : null;
    const metricSources = data?.sources.filter((s) => s.kind === 'metric') ?? [];
    // BLEU, chrF, four ROUGE types and exact match, for each system.
    expect(metricSources.length).toBe(2 * (1 + 1 + 4 + 1));
    expect(metricSources.filter((s) => !s.corpusOn).map((s) => s.key)).toEqual([]);
    // Perplexity runs are stored per response field and land on their system's card.
    const ppl = data?.sources.filter((s) => s.kind === 'perplexity').map((s) => s.system);
    expect(ppl?.sort()).toEqual(['base', 'finetuned']);
  });
});
