// One adapter per metric: a row → its sufficient statistic (sacreBLEU's design: corpus scores come from summed
// statistics, never from averaged sentence scores), and statistics of any subset of rows → headline numbers.
import { bleuSignature, computeBleu, countRefs, segmentStats, type BleuOptions } from '../bleu';
import {
  ExactMatcher,
  exactMatchSignature,
  extractChoice,
  normalizeLabel,
  resolveGoldChoice,
  tokenF1,
} from '../match';
import { classificationReport } from '../match';
import { RougeScorer, rougeSignature } from '../rouge';
import { chrfAdapter } from './chrf-adapter';
import { allIndices, meanStatsAt, sumStatsAt } from './vectors';
import { aggregateRouge, type RougeScores } from '../rouge';
import type { JobRow, KeyScore, MetricName, MetricsConfig, RowValue, StatsConfig } from './types';

/** What the runner needs to know about a metric. */
export interface MetricAdapter {
  name: MetricName;
  /** Headline keys, in display order. */
  keys: string[];
  /** Keys that are proportions (Wilson interval instead of the bootstrap). */
  proportionKeys: string[];
  /** The row's value, or a reason to skip it. */
  row(row: JobRow, response: string): RowValue | string;
  /** Headline numbers from the rows at `idx` (indices into `values`; repeats allowed, as in a resample). */
  keyValues(values: readonly RowValue[], idx: ArrayLike<number>): number[];
  /** Details of the corpus score over all given rows (counts, BP, confusion matrix…). */
  details(values: readonly RowValue[], rows: readonly JobRow[]): Record<string, unknown>;
  /** Intervals that replace the generic bootstrap for some keys (ROUGE: rouge-score's own aggregator). */
  intervals?(values: readonly RowValue[], stats: StatsConfig): Record<string, KeyScore>;
  /** The signature, given the rows that were scored. */
  signature(rows: readonly JobRow[]): string;
}

function bleuAdapter(cfg: NonNullable<MetricsConfig['bleu']>): MetricAdapter {
  const corpusOpts: BleuOptions = { ...cfg };
  const sentenceOpts: BleuOptions = { ...cfg, effectiveOrder: cfg.sentenceEffectiveOrder };
  const width = 2 + 2 * cfg.maxNgramOrder;
  return {
    name: 'bleu',
    keys: ['bleu'],
    proportionKeys: [],
    row(row, response) {
      if (row.references.length === 0) return 'no reference';
      const stat = segmentStats(response, row.references, corpusOpts, row.idx);
      // Per-row BLEU is sacreBLEU's sentence_bleu with the same options (effective order as configured).
      return { stat, bleu: computeBleu(stat, sentenceOpts).score };
    },
    keyValues: (values, idx) => [computeBleu(sumStatsAt(values, idx, width), corpusOpts).score],
    details(values) {
      const s = computeBleu(sumStatsAt(values, allIndices(values.length), width), corpusOpts);
      return {
        counts: s.counts,
        totals: s.totals,
        precisions: s.precisions,
        bp: s.bp,
        sysLen: s.sysLen,
        refLen: s.refLen,
      };
    },
    signature: (rows) => bleuSignature(corpusOpts, countRefs(rows.map((r) => r.references))),
  };
}

function rougeAdapter(cfg: NonNullable<MetricsConfig['rouge']>): MetricAdapter {
  const scorer = new RougeScorer(cfg);
  const types = scorer.types;
  return {
    name: 'rouge',
    keys: [...types],
    proportionKeys: [],
    row(row, response) {
      if (row.references.length === 0) return 'no reference';
      const s = scorer.score(response, row.references);
      const stat: number[] = [];
      const v: RowValue = { stat };
      for (const t of types) {
        const x = s[t] ?? { precision: 0, recall: 0, fmeasure: 0 };
        stat.push(x.precision, x.recall, x.fmeasure);
        v[t] = x.fmeasure;
      }
      return v;
    },
    // Corpus ROUGE is the arithmetic mean of per-row scores (rouge-score has no corpus statistic); F per type.
    keyValues: (values, idx) => meanStatsAt(values, idx, 3 * types.length).filter((_, j) => j % 3 === 2),
    details(values) {
      const m = meanStatsAt(values, allIndices(values.length), 3 * types.length);
      return Object.fromEntries(
        types.map((t, k) => [t, { precision: m[3 * k], recall: m[3 * k + 1], fmeasure: m[3 * k + 2] }]),
      );
    },
    intervals(values, stats) {
      const rows: RougeScores[] = values.map((v) =>
        Object.fromEntries(
          types.map((t, k) => [
            t,
            {
              precision: v.stat[3 * k] ?? 0,
              recall: v.stat[3 * k + 1] ?? 0,
              fmeasure: v.stat[3 * k + 2] ?? 0,
            },
          ]),
        ),
      );
      const agg = aggregateRouge(rows, types, {
        seed: stats.seed,
        confidenceInterval: stats.level,
        nSamples: stats.bootstrapSamples,
      });
      const method = `rouge-score BootstrapAggregator(n=${stats.bootstrapSamples},seed=${stats.seed},np.random)`;
      const out: Record<string, KeyScore> = {};
      for (const t of types) {
        const a = agg[t];
        if (a)
          out[t] = {
            value: a.mean.fmeasure,
            low: a.low.fmeasure,
            high: a.high.fmeasure,
            method,
            mid: a.mid.fmeasure,
          };
      }
      return out;
    },
    signature: () => rougeSignature(cfg),
  };
}

function exactAdapter(cfg: NonNullable<MetricsConfig['exact_match']>): MetricAdapter {
  const matcher = new ExactMatcher(cfg);
  return {
    name: 'exact_match',
    keys: ['exact_match', 'token_f1'],
    proportionKeys: ['exact_match'],
    row(row, response) {
      if (row.references.length === 0) return 'no reference';
      const em = matcher.score(response, row.references);
      const f1 = tokenF1(response, row.references).f1;
      return { stat: [em, f1], exact_match: em, token_f1: f1 };
    },
    keyValues: (values, idx) => meanStatsAt(values, idx, 2),
    details: (values) => ({ correct: sumStatsAt(values, allIndices(values.length), 2)[0] }),
    signature: () => exactMatchSignature(cfg),
  };
}

function accuracyAdapter(cfg: NonNullable<MetricsConfig['accuracy']>): MetricAdapter {
  return {
    name: 'accuracy',
    keys: ['accuracy', 'macro_f1'],
    proportionKeys: ['accuracy'],
    row(row, response) {
      if (row.label === undefined) return 'no gold label';
      const gold = normalizeLabel(String(row.label), cfg);
      const pred = normalizeLabel(response, cfg);
      return { stat: [gold === pred ? 1 : 0], accuracy: gold === pred ? 1 : 0, gold, predicted: pred };
    },
    keyValues(values, idx) {
      const g: string[] = [];
      const p: string[] = [];
      for (let k = 0; k < idx.length; k++) {
        const v = values[idx[k] ?? 0];
        g.push(String(v?.gold ?? ''));
        p.push(String(v?.predicted ?? ''));
      }
      const r = classificationReport(g, p);
      return [r.accuracy, r.macroF1];
    },
    details(values) {
      const r = classificationReport(
        values.map((v) => String(v.gold ?? '')),
        values.map((v) => String(v.predicted ?? '')),
      );
      return { labels: r.labels, matrix: r.matrix, perClass: r.perClass, correct: r.correct };
    },
    signature: () => `case:${cfg.ignoreCase ? 'ignore' : 'keep'}|strip:yes|macro:sklearn`,
  };
}

function choiceAdapter(): MetricAdapter {
  return {
    name: 'mc_accuracy',
    keys: ['mc_accuracy'],
    proportionKeys: ['mc_accuracy'],
    row(row, response) {
      const choices = row.choices ?? [];
      if (choices.length === 0) return 'no choices';
      const gold = resolveGoldChoice(row.label, choices);
      if (gold === null) return 'no gold choice';
      const c = extractChoice(response, choices);
      const ok = c !== null && c.index === gold ? 1 : 0;
      return {
        stat: [ok, c === null ? 1 : 0],
        mc_accuracy: ok,
        choice: c === null ? null : String.fromCharCode(65 + c.index),
        method: c?.method ?? 'none',
      };
    },
    keyValues: (values, idx) => [meanStatsAt(values, idx, 2)[0] ?? NaN],
    details: (values) => {
      const [correct, unextracted] = sumStatsAt(values, allIndices(values.length), 2);
      return { correct, unextracted };
    },
    signature: () => 'extract:statement>letter>text|unextracted:wrong',
  };
}

/** Adapters for every metric present in the config, in a fixed order. */
export function adaptersFor(config: MetricsConfig): MetricAdapter[] {
  const out: MetricAdapter[] = [];
  if (config.bleu) out.push(bleuAdapter(config.bleu));
  if (config.chrf) out.push(chrfAdapter(config.chrf));
  if (config.rouge) out.push(rougeAdapter(config.rouge));
  if (config.exact_match) out.push(exactAdapter(config.exact_match));
  if (config.accuracy) out.push(accuracyAdapter(config.accuracy));
  if (config.mc_accuracy) out.push(choiceAdapter());
  return out;
}
