// Perplexity from per-row sufficient statistics (scored tokens, summed NLL, words, bytes). As in sacreBLEU, corpus
// numbers are computed from summed statistics, never by averaging row scores (except HF evaluate's
// mean_perplexity, which is exactly such an average and is labelled so). Intervals resample rows of these
// statistics with the shared stats module and recompute the corpus measure on each resample.
import type { Interval } from '../../core/types';
import { mulberry32 } from '../../core/random';
import {
  DEFAULT_BOOTSTRAP_SAMPLES,
  DEFAULT_SEED,
  drawResample,
  estimateCi,
  packStats,
  sumRows,
  type BootstrapOptions,
  type StatsScore,
} from '../stats';

/** One row's sufficient statistics. `nllSum` is in nats. */
export interface PerplexityStats {
  /** Tokens whose log-likelihood was scored. */
  tokens: number;
  /** Σ −log p(token | context) over scored tokens (natural log). */
  nllSum: number;
  /** Words of the scored text: len(re.split(r"\s+", text)), lm-evaluation-harness's count. */
  words: number;
  /** UTF-8 bytes of the scored text. */
  bytes: number;
}

/** Corpus-level perplexities. Undefined quantities (nothing scored) are null. */
export interface CorpusPerplexity {
  /** exp(Σ NLL / Σ tokens). */
  token_perplexity: number | null;
  /** exp(Σ NLL / Σ words), lm-evaluation-harness `word_perplexity`. */
  word_perplexity: number | null;
  /** exp(Σ NLL / Σ bytes), lm-evaluation-harness `byte_perplexity`. */
  byte_perplexity: number | null;
  /** Σ NLL / Σ bytes / ln 2, lm-evaluation-harness `bits_per_byte`. */
  bits_per_byte: number | null;
  tokens: number;
  nll_sum: number;
  /** Mean of per-row token perplexities over rows with at least one scored token: HF evaluate's `mean_perplexity`. */
  mean_perplexity: number | null;
}

/** Word count exactly as lm-evaluation-harness: `len(re.split(r"\s+", doc))` (a leading space adds an empty word). */
export function countWords(text: string): number {
  return text.split(/\s+/).length;
}

/** UTF-8 byte length. */
export function countBytes(text: string): number {
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/** A row's token perplexity exp(NLL / tokens), or null when nothing was scored. */
export function rowPerplexity(stats: Pick<PerplexityStats, 'tokens' | 'nllSum'>): number | null {
  return stats.tokens > 0 ? Math.exp(stats.nllSum / stats.tokens) : null;
}

/** Sums statistics over rows. */
export function sumStats(rows: readonly PerplexityStats[]): PerplexityStats {
  const total = { tokens: 0, nllSum: 0, words: 0, bytes: 0 };
  for (const r of rows) {
    total.tokens += r.tokens;
    total.nllSum += r.nllSum;
    total.words += r.words;
    total.bytes += r.bytes;
  }
  return total;
}

/** Bits per byte of summed statistics, or null without bytes. */
export function bitsPerByte(stats: Pick<PerplexityStats, 'nllSum' | 'bytes'>): number | null {
  return stats.bytes > 0 ? stats.nllSum / stats.bytes / Math.LN2 : null;
}

/** Every corpus-level perplexity of a set of rows. */
export function corpusPerplexity(rows: readonly PerplexityStats[]): CorpusPerplexity {
  const t = sumStats(rows);
  let perRowSum = 0;
  let perRowCount = 0;
  for (const r of rows) {
    const p = rowPerplexity(r);
    if (p !== null) {
      perRowSum += p;
      perRowCount++;
    }
  }
  return {
    token_perplexity: t.tokens > 0 ? Math.exp(t.nllSum / t.tokens) : null,
    word_perplexity: t.words > 0 && t.tokens > 0 ? Math.exp(t.nllSum / t.words) : null,
    byte_perplexity: t.bytes > 0 && t.tokens > 0 ? Math.exp(t.nllSum / t.bytes) : null,
    bits_per_byte: t.tokens > 0 ? bitsPerByte(t) : null,
    tokens: t.tokens,
    nll_sum: t.nllSum,
    mean_perplexity: perRowCount > 0 ? perRowSum / perRowCount : null,
  };
}

/** A row's statistics as the vector [nll_sum, tokens, words, bytes] that the shared bootstrap resamples and sums. */
export function statsVector(s: PerplexityStats): number[] {
  return [s.nllSum, s.tokens, s.words, s.bytes];
}

/** Statistics from a (summed) vector laid out by statsVector, read from `offset` on. */
export function vectorStats(v: readonly number[], offset = 0): PerplexityStats {
  return {
    nllSum: v[offset] ?? 0,
    tokens: v[offset + 1] ?? 0,
    words: v[offset + 2] ?? 0,
    bytes: v[offset + 3] ?? 0,
  };
}

/**
 * Every measure's value on each of `nSamples` bootstrap resamples of the rows (one shared draw per resample, so
 * measures of the same resample stay paired): rows are drawn by drawResample from mulberry32(seed), the stream
 * every bootstrap in the app uses, and their vectors summed before the measure is applied (sacreBLEU-style
 * resampling of sufficient statistics, Koehn 2004). Streams one index buffer rather than keeping every resample.
 */
export function resampleMeasures(
  rows: readonly (readonly number[])[],
  measures: readonly StatsScore[],
  options: BootstrapOptions = {},
): Float64Array[] {
  const nSamples = options.nSamples ?? DEFAULT_BOOTSTRAP_SAMPLES;
  if (!Number.isInteger(nSamples) || nSamples < 1)
    throw new RangeError(`bootstrap needs ≥ 1 resample, got ${nSamples}`);
  const packed = packStats(rows);
  const out = measures.map(() => new Float64Array(nSamples));
  const rand = mulberry32(options.seed ?? DEFAULT_SEED);
  const idx = new Int32Array(packed.rows);
  for (let s = 0; s < nSamples; s++) {
    drawResample(rand, idx);
    const summed = sumRows(packed, idx);
    measures.forEach((m, k) => ((out[k] as Float64Array)[s] = m(summed)));
  }
  return out;
}

/**
 * Percentile interval of resampled values with type-7 ends at α/2 and 1 − α/2 (estimateCi 'linear', numpy's
 * default percentile, as the metric runner and the report read theirs). Resamples whose measure is undefined
 * (e.g. no scored token drawn) are left out; null when none is finite.
 */
export function percentileInterval(
  values: ArrayLike<number>,
  level: number,
  method: string,
): Interval | null {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
  const finite = Array.from(values).filter((v) => Number.isFinite(v));
  if (finite.length === 0) return null;
  const { low, high } = estimateCi(finite, level, 'linear');
  return { low, high, level, method };
}
