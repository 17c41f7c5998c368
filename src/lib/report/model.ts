// The report's view of a project: every stored result turned into score sources (one number per row per system)
// and pairwise vote sets (human and judge), aligned with the dataset's rows. Pure.
import type { PairwiseVote } from '../ratings/types';
import type { RowRecord, RowScoreRecord, RunRecord } from '../db/records';
import type { Interval } from '../core/types';
import type { BundleRecords } from './bundle/types';
import { exactCorpus, corpusKeys } from './exact';
import { humanData } from './human-data';
import { judgeData } from './judge-data';
import { readCorpus, readPerplexityStats, readRowScore } from './read';

/** One column of per-row numbers: a metric or perplexity run, a judge's single-answer scores, or Likert means. */
export interface ScoreSource {
  key: string;
  kind: 'metric' | 'perplexity' | 'judge' | 'likert';
  /** Metric name (`bleu`, `perplexity`, `judge`, `likert:helpfulness`). */
  metric: string;
  /** Human-readable metric label. */
  label: string;
  system: string;
  /** Settings signature (metric signature, judge model and rubric). */
  signature: string;
  higherIsBetter: boolean;
  createdAt: number;
  /** Per row, in dataset order; null where the row has no score. */
  scores: (number | null)[];
  /** Perplexity statistics per row (corpus perplexity of any subset is exp(ΣNLL/Σtokens)). */
  ppl?: ({ nll: number; tokens: number } | null)[];
  /** The corpus number stored with the run, for the whole dataset. */
  stored: { score: number | null; interval: Interval | null };
  /** Known value range (judge scale, Likert scale), for histograms. */
  range?: [number, number];
  /** Shown beside the numbers, e.g. "recorded sample". */
  note?: string;
  /**
   * Exact corpus statistic on any subset (the metric's own aggregation over summed sufficient statistics, e.g.
   * corpus BLEU), taking positions of rows; absent when the run's settings cannot be replayed.
   */
  corpusOn?: (positions: ArrayLike<number>) => number;
}

/** A set of pairwise votes between two systems (human session or judge run). */
export interface PairwiseSet {
  key: string;
  kind: 'human' | 'judge';
  label: string;
  systems: [string, string];
  votes: PairwiseVote[];
  note?: string;
}

/** Everything the dashboard draws from, for one dataset. */
export interface ReportData {
  datasetId: string;
  rows: RowRecord[];
  systems: string[];
  sources: ScoreSource[];
  pairwise: PairwiseSet[];
  notice?: string;
}

const LABELS: Record<string, string> = {
  bleu: 'BLEU',
  chrf: 'chrF',
  'chrf++': 'chrF++',
  rouge: 'ROUGE',
  rouge1: 'ROUGE-1',
  rouge2: 'ROUGE-2',
  rougeL: 'ROUGE-L',
  rougeLsum: 'ROUGE-Lsum',
  exact_match: 'Exact match',
  f1: 'Token F1',
  accuracy: 'Accuracy',
  perplexity: 'Perplexity',
};

/** Display name of a metric. */
export function metricLabel(metric: string): string {
  return LABELS[metric] ?? metric.replace(/_/g, ' ');
}

/**
 * The system a perplexity run belongs to. The Perplexity view stores the scored text field as the run's system
 * (src/lib/state/perplexity-store.ts): `response:<system>` is that system's card; `reference` and `prompt` get
 * cards of their own.
 */
export function perplexitySystem(run: RunRecord): string {
  return run.system.startsWith('response:') ? run.system.slice('response:'.length) : run.system;
}

function perplexityLabel(run: RunRecord): string {
  const model = run.options['modelId'] ?? run.options['model'];
  const context = run.options['contextField'];
  const parts = [
    ...(typeof model === 'string' && model ? [model] : []),
    ...(typeof context === 'string' && context ? [`given ${context.replace(/^response:/, '')}`] : []),
  ];
  return parts.length ? `Perplexity (${parts.join(', ')})` : 'Perplexity';
}

/**
 * The runs the report shows: finished ones, one per (kind, metric, system, signature), preferring a run on the
 * dataset's current content, then the newest (the Metrics view keeps a run per statistics setting; the latest is
 * what it shows last).
 */
function latestRuns(runs: readonly RunRecord[], hash: string): RunRecord[] {
  const best = new Map<string, RunRecord>();
  const better = (r: RunRecord, p: RunRecord): boolean =>
    r.datasetHash === hash && p.datasetHash !== hash
      ? true
      : r.datasetHash !== hash && p.datasetHash === hash
        ? false
        : r.updatedAt > p.updatedAt;
  for (const run of runs) {
    if (run.status !== 'done') continue;
    const k = [run.kind, run.metric, run.system, run.signature].join('\u0000');
    const prev = best.get(k);
    if (!prev || better(run, prev)) best.set(k, run);
  }
  return [...best.values()].sort((x, y) => x.createdAt - y.createdAt);
}

function runSources(
  b: BundleRecords,
  dataset: { id: string; contentHash: string },
  rowPos: Map<string, number>,
  n: number,
): ScoreSource[] {
  const out: ScoreSource[] = [];
  const scoresByRun = new Map<string, RowScoreRecord[]>();
  for (const s of b.rowScores) {
    const list = scoresByRun.get(s.runId) ?? [];
    list.push(s);
    scoresByRun.set(s.runId, list);
  }
  const mine = b.runs.filter((r) => r.datasetId === dataset.id);
  for (const run of latestRuns(mine, dataset.contentHash)) {
    // Multiple-choice scoring yields accuracy from per-choice log-likelihoods, not a perplexity of one text; the
    // Perplexity view shows it (acc / acc_norm) and the report does not pretend it is a perplexity.
    if (run.kind === 'perplexity' && run.options['mode'] === 'choices') continue;
    const list = scoresByRun.get(run.id) ?? [];
    const perplexity = run.kind === 'perplexity';
    const keys = perplexity ? null : corpusKeys(run.corpus);
    const stale = run.datasetHash !== dataset.contentHash;
    for (const key of keys ?? [run.metric]) {
      const scores: (number | null)[] = new Array<number | null>(n).fill(null);
      const ppl = new Array<{ nll: number; tokens: number } | null>(n).fill(null);
      for (const s of list) {
        const pos = rowPos.get(s.rowId);
        if (pos === undefined) continue;
        scores[pos] = readRowScore(s.value, key);
        if (perplexity) ppl[pos] = readPerplexityStats(s.value);
      }
      const stored = readCorpus(run.corpus, key);
      const corpusOn = keys ? exactCorpus(run, key, list, rowPos, stored.score) : null;
      out.push({
        key: keys ? `run:${run.id}:${key}` : `run:${run.id}`,
        kind: perplexity ? 'perplexity' : 'metric',
        metric: key,
        label: perplexity ? perplexityLabel(run) : metricLabel(key),
        system: perplexity ? perplexitySystem(run) : run.system,
        signature: run.signature,
        higherIsBetter: !perplexity,
        createdAt: run.createdAt,
        scores,
        ...(perplexity ? { ppl } : {}),
        stored,
        ...(corpusOn ? { corpusOn } : {}),
        ...(stale ? { note: STALE_NOTE } : {}),
      });
    }
  }
  return out;
}

/** Shown beside scores computed before the dataset last changed (a join or re-import). */
export const STALE_NOTE =
  'Some scores were computed before the dataset last changed; re-run them in their view to refresh.';

/** Builds the report data of one dataset of a project (the first dataset when none is named). */
export function buildReportData(b: BundleRecords, datasetId?: string, notice?: string): ReportData | null {
  const dataset = b.datasets.find((d) => d.id === datasetId) ?? b.datasets[0];
  if (!dataset) return null;
  const rows = b.rows.filter((r) => r.datasetId === dataset.id).sort((x, y) => x.idx - y.idx);
  const rowPos = new Map(rows.map((r, i) => [r.id, i]));
  const n = rows.length;
  const judge = judgeData(b, dataset.id, rowPos, n, notice);
  const human = humanData(b, dataset.id, rowPos, n, notice);
  return {
    datasetId: dataset.id,
    rows,
    systems: dataset.systems.map((s) => s.name),
    sources: [...runSources(b, dataset, rowPos, n), ...judge.sources, ...human.sources],
    pairwise: [...human.pairwise, ...judge.pairwise],
    ...(notice ? { notice } : {}),
  };
}
