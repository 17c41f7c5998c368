// Exact match (HF evaluate / lm-evaluation-harness `exact_match`) and SQuAD token F1 (official v2.0 script).
import { pySplit } from '../text/whitespace';
import { compileIgnoreRegexes, normalizeAnswer, squadNormalize, type ExactMatchOptions } from './normalize';

/** Token-overlap F1 with the precision and recall it came from. */
export interface TokenF1 {
  f1: number;
  precision: number;
  recall: number;
}

/** A reusable exact-match scorer: regexes are compiled once. */
export class ExactMatcher {
  readonly #options: ExactMatchOptions;
  readonly #regexes: RegExp[];
  constructor(options: ExactMatchOptions) {
    this.#options = options;
    this.#regexes = compileIgnoreRegexes(options.regexesToIgnore);
  }
  /** 1 when the normalized prediction equals any normalized reference (SQuAD's max over ground truths), else 0. */
  score(prediction: string, references: readonly string[]): 0 | 1 {
    const p = normalizeAnswer(prediction, this.#options, this.#regexes);
    return references.some((r) => normalizeAnswer(r, this.#options, this.#regexes) === p) ? 1 : 0;
  }
}

/** Exact match of one prediction against one or more references. */
export function exactMatch(
  prediction: string,
  references: readonly string[],
  options: ExactMatchOptions,
): 0 | 1 {
  return new ExactMatcher(options).score(prediction, references);
}

function counts(tokens: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of tokens) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

/**
 * SQuAD v2.0 `compute_f1` on `normalize_answer` tokens: common = multiset intersection; when either side has no
 * tokens the score is 1 if both are empty else 0; when nothing is shared it is 0.
 */
export function tokenF1One(prediction: string, reference: string): TokenF1 {
  const pred = pySplit(squadNormalize(prediction));
  const gold = pySplit(squadNormalize(reference));
  if (pred.length === 0 || gold.length === 0) {
    const v = pred.length === gold.length ? 1 : 0;
    return { f1: v, precision: v, recall: v };
  }
  const goldCounts = counts(gold);
  let same = 0;
  for (const t of pred) {
    const c = goldCounts.get(t) ?? 0;
    if (c > 0) {
      same++;
      goldCounts.set(t, c - 1);
    }
  }
  if (same === 0) return { f1: 0, precision: 0, recall: 0 };
  const precision = (1.0 * same) / pred.length;
  const recall = (1.0 * same) / gold.length;
  return { f1: (2 * precision * recall) / (precision + recall), precision, recall };
}

/** SQuAD token F1 against several references: the best one (`metric_max_over_ground_truths`). */
export function tokenF1(prediction: string, references: readonly string[]): TokenF1 {
  let best: TokenF1 = { f1: 0, precision: 0, recall: 0 };
  let first = true;
  for (const r of references) {
    const s = tokenF1One(prediction, r);
    if (first || s.f1 > best.f1) best = s;
    first = false;
  }
  return best;
}

/** Signature of the settings that change an exact-match number. */
export function exactMatchSignature(options: ExactMatchOptions): string {
  const yn = (b: boolean): string => (b ? 'yes' : 'no');
  return [
    `case:${options.ignoreCase ? 'ignore' : 'keep'}`,
    `punct:${options.ignorePunctuation ? 'ignore' : 'keep'}`,
    `num:${options.ignoreNumbers ? 'ignore' : 'keep'}`,
    `regex:${options.regexesToIgnore.length ? options.regexesToIgnore.map((r) => JSON.stringify(r)).join(',') : 'none'}`,
    `squad:${yn(options.squad)}`,
    'multi:any',
  ].join('|');
}
