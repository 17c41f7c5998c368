// Builds the demo project: runs the real metric code (src/lib/metrics/run) and the demo bigram LM's perplexity
// over static/finetune-vs-base.jsonl, adds the recorded sample human ratings and judge results (src/lib/demo), and
// writes static/demo/demo-project.json.gz through the same bundle writer as "Export project".
//   npx tsx scripts/make-demo.ts [input.jsonl] [output.json.gz]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { datasetContentHash, parseDataset, textSource } from '../src/lib/dataset';
import { runJob, type MetricsConfig } from '../src/lib/metrics/run';
import { defaultMetricsConfig, DEFAULT_STATS, onlyMetric } from '../src/lib/metrics/run/plan';
import {
  corpusPerplexity,
  countBytes,
  countWords,
  type PerplexityStats,
} from '../src/lib/metrics/perplexity/corpus';
import { runSignature, type RunSettings } from '../src/lib/model/run-plan';
import { toStats, type PplRowValue } from '../src/lib/model/row-results';
import { contentHash } from '../src/lib/core/hash';
import { sampleHuman, sampleJudge } from '../src/lib/demo/samples';
import { bundleToGzip, createBundle } from '../src/lib/report/bundle/encode';
import { restore } from '../src/lib/report/bundle/restore';
import type { BundleRecords } from '../src/lib/report/bundle/types';
import type { RowScoreRecord, RunRecord } from '../src/lib/db/records';
import { byteIds, demoBigramTable, EOS_ID, VOCAB } from './tiny-lm/reference';

const root = resolve(import.meta.dirname, '..');
const input = resolve(process.argv[2] ?? `${root}/static/finetune-vs-base.jsonl`);
const output = resolve(process.argv[3] ?? `${root}/static/demo/demo-project.json.gz`);
// A fixed timestamp keeps the file byte-for-byte reproducible.
const T = Date.UTC(2025, 0, 1);
const P = 'demo-project';
const D = 'demo-dataset';

const parsed = await parseDataset(textSource(readFileSync(input, 'utf8')), { fileName: input });
if (parsed.errors.length)
  throw new Error(`${input}: ${parsed.errors.length} bad lines, first: ${parsed.errors[0]?.message}`);
const rows = parsed.rows;
const systems = parsed.systems.map((s) => s.name);
const [sysA, sysB] = [
  systems.find((s) => /fine|ft/i.test(s)) ?? systems[0],
  systems.find((s) => /base/i.test(s)) ?? systems[1],
];
if (!sysA || !sysB || sysA === sysB) throw new Error(`need two systems, found ${systems.join(', ')}`);

// Metrics: the runner the Metrics view's worker runs, with its defaults (sacreBLEU, rouge-score, lm-eval).
const full = defaultMetricsConfig();
const config: MetricsConfig = {
  bleu: full.bleu,
  chrf: full.chrf,
  rouge: full.rouge,
  exact_match: full.exact_match,
};
const jobRows = rows.map((r) => ({
  idx: r.idx,
  id: r.id,
  references: r.references,
  responses: r.responses,
  tags: r.tags,
}));
const results = await runJob({ rows: jobRows, systems, config, stats: DEFAULT_STATS });
const runs: RunRecord[] = [];
const rowScores: RowScoreRecord[] = [];
const hash = datasetContentHash(rows);
// Stored exactly as the Metrics view stores a result (src/lib/state/metrics-store.ts storeResult): corpus holds
// {corpus, slices, skipped, level} and options {config, stats}, so the Metrics view finds these runs as its own.
for (const [k, res] of results.entries()) {
  const id = `demo-run-${res.metric}-${res.system}`;
  runs.push({
    id,
    projectId: P,
    datasetId: D,
    datasetHash: hash,
    kind: 'metric',
    metric: res.metric,
    system: res.system,
    signature: res.signature,
    options: { config: onlyMetric(config, res.metric), stats: DEFAULT_STATS },
    status: 'done',
    corpus: { corpus: res.corpus, slices: res.slices, skipped: res.skipped, level: res.level },
    createdAt: T + k,
    updatedAt: T + k,
  });
  res.perRow.forEach((v, i) => {
    const row = jobRows[i];
    if (v && row) rowScores.push({ runId: id, rowIdx: row.idx, rowId: row.id, value: v });
  });
}

// Perplexity of each response under the bundled demo-bigram model, with the EOS token as prefix (lm-eval's rolling
// loglikelihood): NLL = −Σ log P(b_t | b_{t−1}) over every byte, the same numbers the ONNX model gives. Stored as
// the Perplexity view stores a run (src/lib/state/perplexity-store.ts): the scored field `response:<system>` as
// the run's system, its settings as options, the row values {tokens, nll_sum, words, bytes}.
const corpusText = readFileSync(`${root}/scripts/tiny-lm/corpus/pride-and-prejudice-ch1.txt`, 'utf8');
const table = demoBigramTable(corpusText);
for (const system of systems) {
  const rs: RunSettings = {
    modelId: 'demo-bigram',
    revision: 'main',
    dtype: 'fp32',
    mode: 'text',
    field: `response:${system}`,
    contextField: '',
    options: { maxLength: 1024, stride: 512, batchSize: 4, addBos: true, chatTemplate: false },
  };
  const signature = runSignature(rs);
  const id = `ppl-${contentHash(`${D}|${hash}|${signature}`)}`;
  const stats: PerplexityStats[] = [];
  for (const row of rows) {
    const text = row.responses[system];
    if (text === undefined) continue;
    const ids = [EOS_ID, ...byteIds(text)];
    // One window covers the whole text, so the rolling windows of the real run reduce to this single sum.
    if (ids.length > rs.options.maxLength) throw new Error(`${row.id}: response longer than one window`);
    let nll = 0;
    for (let t = 1; t < ids.length; t++) nll -= table[(ids[t - 1] ?? 0) * VOCAB + (ids[t] ?? 0)] ?? 0;
    const value: PplRowValue = {
      tokens: ids.length - 1,
      nll_sum: nll,
      words: countWords(text),
      bytes: countBytes(text),
    };
    stats.push(toStats(value));
    rowScores.push({ runId: id, rowIdx: row.idx, rowId: row.id, value: { ...value } });
  }
  runs.push({
    id,
    projectId: P,
    datasetId: D,
    datasetHash: hash,
    kind: 'perplexity',
    metric: 'perplexity',
    system: rs.field,
    signature,
    options: { ...rs, device: 'wasm', label: 'A: demo-bigram' },
    status: 'done',
    corpus: { ...corpusPerplexity(stats) },
    createdAt: T + 100,
    updatedAt: T + 100,
  });
}

// Recorded samples: quality = the row's token F1 against the reference.
const f1 = new Map<string, (number | null)[]>();
for (const res of results)
  if (res.metric === 'exact_match')
    f1.set(
      res.system,
      res.perRow.map((v) => (typeof v?.['token_f1'] === 'number' ? v['token_f1'] : null)),
    );
const sample = {
  projectId: P,
  datasetId: D,
  rows,
  systems: [sysA, sysB] as [string, string],
  quality: (i: number, s: string) => f1.get(s)?.[i] ?? 0,
  createdAt: T + 200,
};
const human = sampleHuman(sample);
const judge = sampleJudge(sample);

const records: BundleRecords = {
  project: {
    id: P,
    name: 'Demo: fine-tune vs base',
    description: 'Sample project bundled with Yardstick.',
    createdAt: T,
    updatedAt: T,
  },
  datasets: [
    {
      id: D,
      projectId: P,
      name: 'finetune-vs-base.jsonl',
      format: parsed.detection.format,
      rowCount: rows.length,
      contentHash: hash,
      systems: parsed.systems,
      tags: parsed.tags,
      mapping: parsed.mapping as unknown as Record<string, unknown>,
      createdAt: T,
      updatedAt: T,
      source: 'static/finetune-vs-base.jsonl',
    },
  ],
  rows: rows.map((r) => ({ ...r, datasetId: D })),
  runs,
  rowScores,
  annotationSessions: [human.session],
  annotations: human.annotations,
  rubrics: judge.rubrics,
  judgeRuns: judge.runs,
  judgments: judge.judgments,
};
const bundle = createBundle(records, {
  now: T,
  generator: 'Yardstick scripts/make-demo.ts',
  notice:
    'Demo project: metrics and perplexity computed by Yardstick; human ratings and judge results are recorded samples.',
});
const check = restore(bundle);
if (!check.ok) throw new Error(`the demo bundle does not restore: ${check.error.message}`);
const bytes = bundleToGzip(bundle);
mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, bytes);
console.log(
  `${output}: ${rows.length} rows, ${systems.length} systems, ${runs.length} runs, ${bytes.length} bytes`,
);
