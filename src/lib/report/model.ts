// The report's view of a project: every stored result turned into score sources (one number per row per system)
// and pairwise vote sets (human and judge), aligned with the dataset's rows. Pure.
import { resolveRows, type JudgedItem } from '../judge/aggregate';
import type { PairwiseVote } from '../ratings/types';
import type { RowRecord } from '../db/records';
import type { Interval } from '../core/types';
import type { BundleRecords } from './bundle/types';
import { exactCorpus, corpusKeys } from './exact';
import { readCorpus, readLikertValue, readPairwiseValue, readPerplexityStats, readRowScore } from './read';

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

function runSources(
  b: BundleRecords,
  datasetId: string,
  rowPos: Map<string, number>,
  n: number,
): ScoreSource[] {
  const out: ScoreSource[] = [];
  const runs = b.runs.filter((r) => r.datasetId === datasetId && r.status === 'done');
  const scoresByRun = new Map<string, typeof b.rowScores>();
  for (const s of b.rowScores) {
    const list = scoresByRun.get(s.runId) ?? [];
    list.push(s);
    scoresByRun.set(s.runId, list);
  }
  for (const run of runs.sort((x, y) => x.createdAt - y.createdAt)) {
    const list = scoresByRun.get(run.id) ?? [];
    const perplexity = run.kind === 'perplexity';
    const keys = perplexity ? null : corpusKeys(run.corpus);
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
        label: metricLabel(key),
        system: run.system,
        signature: run.signature,
        higherIsBetter: !perplexity,
        createdAt: run.createdAt,
        scores,
        ...(perplexity ? { ppl } : {}),
        stored,
        ...(corpusOn ? { corpusOn } : {}),
      });
    }
  }
  return out;
}

function judgedItems(b: BundleRecords, runId: string): JudgedItem[] {
  return b.judgments
    .filter((j) => j.runId === runId)
    .map((j) => ({
      rowId: j.rowId,
      repeat: j.repeat,
      status: j.status,
      ...(j.system !== undefined ? { system: j.system } : {}),
      ...(j.order !== undefined ? { order: j.order } : {}),
      ...(j.score !== undefined ? { score: j.score } : {}),
      ...(j.verdict !== undefined ? { verdict: j.verdict } : {}),
    }));
}

function judgeData(
  b: BundleRecords,
  datasetId: string,
  rowPos: Map<string, number>,
  n: number,
  notice: string | undefined,
): { sources: ScoreSource[]; pairwise: PairwiseSet[] } {
  const sources: ScoreSource[] = [];
  const pairwise: PairwiseSet[] = [];
  for (const run of b.judgeRuns.filter((r) => r.datasetId === datasetId)) {
    const rubric = b.rubrics.find((r) => r.id === run.rubricId);
    const signature = `judge:${run.provider}/${run.model}|rubric:${rubric?.name ?? run.rubricId}@v${rubric?.version ?? '?'}`;
    const items = judgedItems(b, run.id);
    // Recorded results (the demo's sample judge) say so on every number they produce.
    const recorded = typeof run.params['recorded'] === 'string' ? run.params['recorded'] : undefined;
    const note = recorded ?? notice;
    const label = `Judge (${rubric?.name ?? 'rubric'})`;
    if (run.mode === 'single') {
      for (const system of run.systems) {
        const sums = new Map<number, { s: number; k: number }>();
        for (const it of items) {
          if (it.system !== system || it.status !== 'done' || it.score === undefined) continue;
          const pos = rowPos.get(it.rowId);
          if (pos === undefined) continue;
          const acc = sums.get(pos) ?? { s: 0, k: 0 };
          acc.s += it.score;
          acc.k += 1;
          sums.set(pos, acc);
        }
        const scores = new Array<number | null>(n).fill(null);
        for (const [pos, { s, k }] of sums) scores[pos] = s / k;
        sources.push({
          key: `judge:${run.id}:${system}`,
          kind: 'judge',
          metric: 'judge',
          label,
          system,
          signature,
          higherIsBetter: true,
          createdAt: run.createdAt,
          scores,
          stored: { score: null, interval: null },
          ...(rubric?.scale ? { range: [rubric.scale.min, rubric.scale.max] as [number, number] } : {}),
          ...(note ? { note } : {}),
        });
      }
    } else {
      const [first, second] = run.systems;
      if (first === undefined || second === undefined) continue;
      // Both orders were run when every judged (row, repeat) has an AB and a BA judgment (MT-Bench swap).
      const orders = new Map<string, Set<string>>();
      for (const it of items) {
        const k = `${it.rowId}\u0000${it.repeat}`;
        orders.set(k, (orders.get(k) ?? new Set()).add(it.order ?? 'AB'));
      }
      const bothOrders = orders.size > 0 && [...orders.values()].every((o) => o.size === 2);
      const votes: PairwiseVote[] = resolveRows(items, bothOrders).map((p) => ({
        rowId: p.rowId,
        annotator: `judge#${p.repeat}`,
        left: first,
        right: second,
        choice: p.outcome === 'win' ? 'A' : p.outcome === 'loss' ? 'B' : 'tie',
      }));
      pairwise.push({
        key: `judge:${run.id}`,
        kind: 'judge',
        label: `${label}, ${run.model}`,
        systems: [first, second],
        votes,
        ...(note ? { note } : {}),
      });
    }
  }
  return { sources, pairwise };
}

function humanData(
  b: BundleRecords,
  datasetId: string,
  rowPos: Map<string, number>,
  n: number,
  notice: string | undefined,
): { sources: ScoreSource[]; pairwise: PairwiseSet[] } {
  const sources: ScoreSource[] = [];
  const pairwise: PairwiseSet[] = [];
  for (const session of b.annotationSessions.filter((s) => s.datasetId === datasetId)) {
    const recorded = typeof session.config['recorded'] === 'string' ? session.config['recorded'] : undefined;
    const note = recorded ?? notice;
    const anns = b.annotations.filter((a) => a.sessionId === session.id);
    if (session.kind === 'pairwise') {
      const votes: PairwiseVote[] = [];
      for (const a of anns) {
        const v = readPairwiseValue(a.value);
        if (v) votes.push({ rowId: a.rowId, annotator: a.annotator, ...v });
      }
      const pairs = new Map<string, [string, string]>();
      for (const v of votes) {
        const pair = [v.left, v.right].sort() as [string, string];
        pairs.set(pair.join('\u0000'), pair);
      }
      for (const [k, pair] of pairs)
        pairwise.push({
          key: `human:${session.id}:${k}`,
          kind: 'human',
          label: `Human (${session.name})`,
          systems: pair,
          votes: votes.filter((v) => [v.left, v.right].sort().join('\u0000') === k),
          ...(note ? { note } : {}),
        });
    } else {
      const sums = new Map<string, Map<number, { s: number; k: number }>>();
      for (const a of anns) {
        const v = readLikertValue(a.value);
        const pos = rowPos.get(a.rowId);
        if (!v || pos === undefined) continue;
        for (const [dim, score] of Object.entries(v.scores)) {
          const key = `${dim}\u0000${v.system}`;
          const m = sums.get(key) ?? new Map<number, { s: number; k: number }>();
          const acc = m.get(pos) ?? { s: 0, k: 0 };
          acc.s += score;
          acc.k += 1;
          m.set(pos, acc);
          sums.set(key, m);
        }
      }
      const scale = session.config['scale'] as { min?: unknown; max?: unknown } | undefined;
      const range: [number, number] | undefined =
        typeof scale?.min === 'number' && typeof scale.max === 'number' ? [scale.min, scale.max] : undefined;
      for (const [key, m] of sums) {
        const [dim = '', system = ''] = key.split('\u0000');
        const scores = new Array<number | null>(n).fill(null);
        for (const [pos, { s, k }] of m) scores[pos] = s / k;
        sources.push({
          key: `likert:${session.id}:${key}`,
          kind: 'likert',
          metric: `likert:${dim}`,
          label: `Human rating: ${dim}`,
          system,
          signature: `likert:${session.name}`,
          higherIsBetter: true,
          createdAt: session.createdAt,
          scores,
          stored: { score: null, interval: null },
          ...(range ? { range } : {}),
          ...(note ? { note } : {}),
        });
      }
    }
  }
  return { sources, pairwise };
}

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
    sources: [...runSources(b, dataset.id, rowPos, n), ...judge.sources, ...human.sources],
    pairwise: [...human.pairwise, ...judge.pairwise],
    ...(notice ? { notice } : {}),
  };
}
