// Planning a metrics run on the main thread: default settings, the job rows, and the signatures a run will
// carry (so a stored run can be found, and the view can show the signature live as options change).
import { CORPUS_BLEU_DEFAULTS } from '../bleu';
import { STRICT_MATCH } from '../match';
import { DEFAULT_ROUGE_TYPES } from '../rouge';
import { adaptersFor } from './adapters';
import type { JobRow, MetricName, MetricsConfig, StatsConfig } from './types';

/** Settings of every metric, whether enabled or not, so toggling a metric keeps its options. */
export type FullMetricsConfig = Required<MetricsConfig>;

/** Display order and labels of the metrics. */
export const METRIC_LABELS: Readonly<Record<MetricName, string>> = {
  bleu: 'BLEU',
  chrf: 'chrF',
  rouge: 'ROUGE',
  exact_match: 'Exact match',
  accuracy: 'Classification accuracy',
  mc_accuracy: 'Multiple-choice accuracy',
};

/** sacreBLEU / rouge-score / lm-eval defaults. */
export function defaultMetricsConfig(): FullMetricsConfig {
  return {
    bleu: { ...CORPUS_BLEU_DEFAULTS, sentenceEffectiveOrder: true },
    chrf: { charOrder: 6, wordOrder: 0, beta: 2, lowercase: false, whitespace: false, epsSmoothing: false },
    rouge: { types: [...DEFAULT_ROUGE_TYPES], useStemmer: false },
    exact_match: { ...STRICT_MATCH, regexesToIgnore: [] },
    accuracy: { ignoreCase: false },
    mc_accuracy: {},
  };
}

/** sacreBLEU's defaults: 1000 bootstrap resamples, 10000 AR trials, seed 12345, 95%. */
export const DEFAULT_STATS: StatsConfig = {
  bootstrapSamples: 1000,
  arTrials: 10000,
  seed: 12345,
  level: 0.95,
};

/** The config holding only the enabled metrics. */
export function selectMetrics(full: FullMetricsConfig, enabled: readonly MetricName[]): MetricsConfig {
  const out: MetricsConfig = {};
  for (const name of enabled) (out as Record<string, unknown>)[name] = full[name];
  return out;
}

/** Just one metric's settings. */
export function onlyMetric(full: MetricsConfig, name: MetricName): MetricsConfig {
  return { [name]: full[name] } as MetricsConfig;
}

/** The fields of a dataset row that scoring needs. */
export interface RowLike {
  idx: number;
  id: string;
  references: string[];
  responses: Record<string, string>;
  tags: string[];
  choices?: string[];
  label?: number | string;
  line?: number;
}

/** Slim, structured-clone-friendly copies of the rows (no metadata, no prompt). */
export function toJobRows(rows: readonly RowLike[]): JobRow[] {
  return rows.map((r) => {
    const row: JobRow = {
      idx: r.idx,
      id: r.id,
      references: r.references,
      responses: r.responses,
      tags: r.tags,
    };
    if (r.choices) row.choices = r.choices;
    if (r.label !== undefined) row.label = r.label;
    if (r.line !== undefined) row.line = r.line;
    return row;
  });
}

/**
 * The signature each enabled metric will carry for one system. BLEU's depends on the data (nrefs counts the
 * references of the rows that system has a response for), so it is computed from the rows, like the runner does.
 */
export function expectedSignature(
  config: MetricsConfig,
  name: MetricName,
  rows: readonly JobRow[],
  system: string,
): string {
  const adapter = adaptersFor(onlyMetric(config, name))[0];
  if (!adapter) return '';
  return adapter.signature(rows.filter((r) => r.references.length > 0 && r.responses[system] !== undefined));
}
