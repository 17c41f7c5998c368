// Shapes of a metric job and its results: what the Metrics view sends to the worker and gets back.
import type { BleuOptions } from '../bleu';
import type { ExactMatchOptions } from '../match';
import type { RougeType } from '../rouge';

/** The metrics the runner knows. */
export type MetricName = 'bleu' | 'chrf' | 'rouge' | 'exact_match' | 'accuracy' | 'mc_accuracy';

/** chrF / chrF++ settings (sacreBLEU CHRF). */
export interface ChrfSettings {
  charOrder: number;
  wordOrder: number;
  beta: number;
  lowercase: boolean;
  whitespace: boolean;
  epsSmoothing: boolean;
}

/** Every metric's settings; a metric is run when its entry is present. */
export interface MetricsConfig {
  /** Corpus BLEU options; per-row sentence BLEU uses the same with `sentenceEffectiveOrder`. */
  bleu?: BleuOptions & { sentenceEffectiveOrder: boolean };
  chrf?: ChrfSettings;
  rouge?: { types: RougeType[]; useStemmer: boolean };
  exact_match?: ExactMatchOptions;
  /** Classification: the response is the predicted label, the row's `label` the gold one. */
  accuracy?: { ignoreCase: boolean };
  /** Multiple choice: the chosen option is extracted from the response. */
  mc_accuracy?: Record<string, never>;
}

/** The statistics settings for intervals and paired tests. */
export interface StatsConfig {
  /** Bootstrap resamples for intervals and paired-bs (sacreBLEU default 1000). */
  bootstrapSamples: number;
  /** Approximate-randomization trials (sacreBLEU default 10000). */
  arTrials: number;
  seed: number;
  /** Confidence level, e.g. 0.95. */
  level: number;
}

/** One row as the worker needs it (a slim copy of core Row). */
export interface JobRow {
  idx: number;
  id: string;
  references: string[];
  responses: Record<string, string>;
  tags: string[];
  choices?: string[];
  label?: number | string;
  /** 1-based line of the source file, for error messages. */
  line?: number;
}

/** A scoring job: every configured metric over every listed system. */
export interface MetricJob {
  rows: JobRow[];
  systems: string[];
  config: MetricsConfig;
  stats: StatsConfig;
}

/** A headline number with its interval (same scale as the score). */
export interface KeyScore {
  value: number;
  low: number;
  high: number;
  /** e.g. `bootstrap(n=1000,seed=12345)`, `wilson`, `rouge-score BootstrapAggregator(n=1000,seed=12345)`. */
  method: string;
  /** ROUGE only: the aggregator's median of bootstrap means (what HF `evaluate` reports as the score). */
  mid?: number;
}

/** Corpus result of one metric for one system (or one slice of it). */
export interface CorpusResult {
  /** Rows that were scored (rows without a reference or response are skipped). */
  rows: number;
  /** Headline numbers by key (`bleu`, `rouge1`, `exact_match`…), each with a bootstrap or Wilson interval. */
  keys: Record<string, KeyScore>;
  /** Metric-specific details (BLEU counts and BP, ROUGE P/R, confusion matrix…). */
  details: Record<string, unknown>;
}

/** Everything computed for one metric and one system. */
export interface MetricResult {
  metric: MetricName;
  system: string;
  signature: string;
  /** Confidence level of every interval. */
  level: number;
  corpus: CorpusResult;
  /** Corpus scores per tag (slices). */
  slices: Record<string, CorpusResult>;
  /** Per row, in job order: the row's sufficient statistic and display values, or null when skipped. */
  perRow: (RowValue | null)[];
  /** Ids of rows that were skipped, with the reason. */
  skipped: { id: string; reason: string }[];
}

/** One row's stored value: `stat` feeds corpus scores and tests; the other keys are for display and sorting. */
export interface RowValue {
  stat: number[];
  [key: string]: number | number[] | string | null;
}

/** A paired significance test between two systems on one headline key. */
export interface PairedResult {
  metric: MetricName;
  key: string;
  baseline: string;
  system: string;
  /** baseline and system corpus values. */
  baselineScore: number;
  systemScore: number;
  /** sacreBLEU paired-bs: p-value, and the system's mean and 95% CI over resamples. */
  bootstrap: { p: number; mean: number; low: number; high: number; samples: number };
  /** sacreBLEU paired-ar: p-value with add-one smoothing. */
  randomization: { p: number; trials: number };
  /** Rows both systems could be scored on. */
  rows: number;
  seed: number;
}
