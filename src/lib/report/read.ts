// Tolerant readers for stored results. Runs, row scores, annotations and judgments are written by other parts of
// the app (and by older versions and importers); these functions find the numbers in the shapes they may take and
// return null rather than guess when a number is not there.
import type { Interval } from '../core/types';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** A finite number at the first of `keys` that has one. */
export function firstNumber(o: Obj, keys: readonly string[]): number | null {
  for (const k of keys) {
    const v = num(o[k]);
    if (v !== null) return v;
  }
  return null;
}

/** An interval from {low, high[, level, method]}, [low, high] or {lower, upper}. */
export function readInterval(v: unknown, fallbackMethod = 'stored'): Interval | null {
  if (Array.isArray(v) && v.length === 2) {
    const [lo, hi] = v.map(num);
    return lo != null && hi != null ? { low: lo, high: hi, level: 0.95, method: fallbackMethod } : null;
  }
  if (!isObj(v)) return null;
  const low = firstNumber(v, ['low', 'lower', 'lo']);
  const high = firstNumber(v, ['high', 'upper', 'hi']);
  if (low === null || high === null) return null;
  return {
    low,
    high,
    level: num(v['level']) ?? 0.95,
    method: typeof v['method'] === 'string' ? v['method'] : fallbackMethod,
  };
}

/**
 * The corpus result inside a run's `corpus` field. The Metrics view stores `{ corpus: CorpusResult, slices,
 * skipped, level }` (src/lib/state/metrics-store.ts storeResult); importers store a flat `{ score, interval }`.
 */
export function unwrapCorpus(corpus: unknown): { result: Obj; level: number | null } | null {
  if (!isObj(corpus)) return null;
  const inner = corpus['corpus'];
  if (isObj(inner) && isObj(inner['keys'])) return { result: inner, level: num(corpus['level']) };
  return { result: corpus, level: num(corpus['level']) };
}

/** Corpus score and interval of a run's `corpus` object (runner result, flat, or nested under the metric's name). */
export function readCorpus(
  corpus: unknown,
  metric: string,
): { score: number | null; interval: Interval | null } {
  const unwrapped = unwrapCorpus(corpus);
  if (!unwrapped) return { score: null, interval: null };
  const { result, level } = unwrapped;
  // The metrics runner's CorpusResult: { rows, keys: { <key>: { value, low, high, method } }, details }.
  const keyed = isObj(result['keys']) ? result['keys'][metric] : undefined;
  if (isObj(keyed)) {
    const value = num(keyed['value']);
    const low = num(keyed['low']);
    const high = num(keyed['high']);
    const method = typeof keyed['method'] === 'string' ? keyed['method'] : 'stored';
    return {
      score: value,
      interval: low !== null && high !== null ? { low, high, level: level ?? 0.95, method } : null,
    };
  }
  const nested = isObj(result[metric]) ? (result[metric] as Obj) : null;
  for (const o of nested ? [nested, result] : [result]) {
    const score = firstNumber(o, ['score', 'token_perplexity', 'perplexity', 'value', 'mean', metric]);
    if (score !== null) {
      const interval = readInterval(o['interval'] ?? o['ci'] ?? o['bootstrap'] ?? o['confidence']);
      return { score, interval };
    }
  }
  return { score: null, interval: null };
}

/** Perplexity sufficient statistics of a row score, in either naming (nllSum / nll_sum). */
export function readPerplexityStats(value: unknown): { nll: number; tokens: number } | null {
  if (!isObj(value)) return null;
  const nll = firstNumber(value, ['nllSum', 'nll_sum', 'nll']);
  const tokens = firstNumber(value, ['tokens', 'token_count', 'n_tokens']);
  return nll !== null && tokens !== null && tokens > 0 ? { nll, tokens } : null;
}

/** One row's score for a metric run (`score`, the metric's own key, or a perplexity from its statistics). */
export function readRowScore(value: unknown, metric: string): number | null {
  if (!isObj(value)) return num(value);
  const direct = firstNumber(value, ['score', metric, 'value', 'f1', 'fmeasure']);
  if (direct !== null) return direct;
  if (isObj(value[metric])) {
    const inner = readRowScore(value[metric], metric);
    if (inner !== null) return inner;
  }
  const ppl = readPerplexityStats(value);
  return ppl ? Math.exp(ppl.nll / ppl.tokens) : null;
}
