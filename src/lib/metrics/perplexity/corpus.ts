// Perplexity from per-row sufficient statistics (scored tokens, summed NLL, words, bytes). As in sacreBLEU, corpus
// numbers are computed from summed statistics, never by averaging row scores (except HF evaluate's
// mean_perplexity, which is exactly such an average and is labelled so).

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
