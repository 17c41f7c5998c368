// One model's corpus summary with bootstrap intervals, and the A/B comparison, as shown in the Perplexity view.
import type { Interval } from '../../core/types';
import { bootstrapInterval, type BootstrapOptions } from './bootstrap';
import { choiceAccuracy, type ChoiceAccuracy } from './choice';
import { compareModels, type Comparison } from './compare';
import { bitsPerByte, corpusPerplexity, type CorpusPerplexity, type PerplexityStats } from './corpus';

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

/** Summarizes the scored rows of one model. */
export function summarizeModel(rows: readonly SummaryRow[], options: BootstrapOptions = {}): ModelSummary {
  const stats = rows.map((r) => r.stats);
  const tokenPpl = (t: PerplexityStats) => (t.tokens > 0 ? Math.exp(t.nllSum / t.tokens) : null);
  const bpb = (t: PerplexityStats) => (t.tokens > 0 ? bitsPerByte(t) : null);
  const mc = rows.flatMap((r) => (r.choices ? [r.choices] : []));
  return {
    rows: rows.length,
    corpus: corpusPerplexity(stats),
    tokenPerplexityInterval: bootstrapInterval(stats, tokenPpl, options),
    bitsPerByteInterval: bootstrapInterval(stats, bpb, options),
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
