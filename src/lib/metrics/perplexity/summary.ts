// One model's corpus summary with bootstrap intervals, and the A/B comparison, as shown in the Perplexity view.
import type { Interval } from '../../core/types';
import { DEFAULT_BOOTSTRAP_SAMPLES, DEFAULT_SEED, type BootstrapOptions } from '../stats';
import { choiceAccuracy, type ChoiceAccuracy } from './choice';
import { compareModels, type Comparison } from './compare';
import {
  bitsPerByte,
  corpusPerplexity,
  percentileInterval,
  resampleMeasures,
  rowPerplexity,
  statsVector,
  vectorStats,
  type CorpusPerplexity,
  type PerplexityStats,
} from './corpus';

/** Per-row input: statistics, plus choice log-likelihoods and gold label for multiple-choice rows. */
export interface SummaryRow {
  stats: PerplexityStats;
  choices?: { choices: string[]; logLikelihoods: number[]; label: number };
}

/** Corpus numbers with 95% bootstrap intervals over rows. */
export interface ModelSummary {
  rows: number;
  corpus: CorpusPerplexity;
  tokenPerplexityInterval: Interval | null;
  bitsPerByteInterval: Interval | null;
  choice: ChoiceAccuracy | null;
}

/** Token perplexity and bits per byte of summed statistics (NaN where undefined), as corpusPerplexity defines them. */
const MEASURES = [
  (v: number[]) => rowPerplexity(vectorStats(v)) ?? NaN,
  (v: number[]) => {
    const t = vectorStats(v);
    return t.tokens > 0 ? (bitsPerByte(t) ?? NaN) : NaN;
  },
];

/** Summarizes the scored rows of one model; both intervals come from the same resamples of its rows. */
export function summarizeModel(rows: readonly SummaryRow[], options: BootstrapOptions = {}): ModelSummary {
  const stats = rows.map((r) => r.stats);
  const mc = rows.flatMap((r) => (r.choices ? [r.choices] : []));
  let tokenPerplexityInterval: Interval | null = null;
  let bitsPerByteInterval: Interval | null = null;
  if (stats.length > 0) {
    const level = options.level ?? 0.95;
    const method = `bootstrap(n=${options.nSamples ?? DEFAULT_BOOTSTRAP_SAMPLES},seed=${options.seed ?? DEFAULT_SEED})`;
    const [ppl = [], bpb = []] = resampleMeasures(stats.map(statsVector), MEASURES, options);
    tokenPerplexityInterval = percentileInterval(ppl, level, method);
    bitsPerByteInterval = percentileInterval(bpb, level, method);
  }
  return {
    rows: rows.length,
    corpus: corpusPerplexity(stats),
    tokenPerplexityInterval,
    bitsPerByteInterval,
    choice: mc.length > 0 ? choiceAccuracy(mc) : null,
  };
}

/** Compares B with A on the rows both scored (paired by row index). */
export function compareSummaries(
  a: readonly (PerplexityStats | null)[],
  b: readonly (PerplexityStats | null)[],
  options: BootstrapOptions = {},
): { comparison: Comparison; rowIdx: number[] } | null {
  const rowIdx: number[] = [];
  const pa: PerplexityStats[] = [];
  const pb: PerplexityStats[] = [];
  a.forEach((x, i) => {
    const y = b[i];
    if (x && y) {
      rowIdx.push(i);
      pa.push(x);
      pb.push(y);
    }
  });
  if (rowIdx.length === 0) return null;
  // Bits per byte when bytes are known (text mode); per-token log-perplexity otherwise.
  const measure = pa.every((s) => s.bytes > 0) ? 'bits_per_byte' : 'log_token_perplexity';
  return { comparison: compareModels(pa, pb, measure, options), rowIdx };
}
