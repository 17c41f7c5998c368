// ROUGE exactly as rouge-score 0.1.2 computes it (rouge/rouge_scorer.py, rouge/scoring.py), without
// split_summaries (that needs nltk punkt data; summaries are split on '\n' only).
import { InputError } from '../../core/errors';
import { lcsLength, unigramOverlap, unionLcsHits } from './lcs';
import { SegmentSpanIds } from '../text/interner';
import { RougeVocab, tokenIds, tokenIdsFrom } from './tokenize';

/** A ROUGE variant rouge-score accepts: rouge1…rouge9, rougeL, rougeLsum. */
export type RougeType =
  | 'rouge1'
  | 'rouge2'
  | 'rouge3'
  | 'rouge4'
  | 'rouge5'
  | 'rouge6'
  | 'rouge7'
  | 'rouge8'
  | 'rouge9'
  | 'rougeL'
  | 'rougeLsum';

/** rouge-score's `Score` namedtuple; values in [0, 1]. */
export interface RougeScore {
  precision: number;
  recall: number;
  fmeasure: number;
}

/** One score per requested type. */
export type RougeScores = Partial<Record<RougeType, RougeScore>>;

/** Settings that change a ROUGE number. */
export interface RougeOptions {
  types: readonly RougeType[];
  useStemmer: boolean;
}

/** The usual four, as HF `evaluate.load("rouge")` reports them. */
export const DEFAULT_ROUGE_TYPES: readonly RougeType[] = ['rouge1', 'rouge2', 'rougeL', 'rougeLsum'];

/** rouge-score's validity rule: `rouge[0-9]$` with n > 0, or rougeL / rougeLsum. */
export function isRougeType(name: string): name is RougeType {
  return /^rouge[1-9]$/.test(name) || name === 'rougeL' || name === 'rougeLsum';
}

/** `scoring.fmeasure`: always F1, and 0.0 when precision + recall is 0. */
export function fmeasure(precision: number, recall: number): number {
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

const ZERO: RougeScore = { precision: 0, recall: 0, fmeasure: 0 };

interface Tokenized {
  tokens: number[];
  /** Per '\n'-separated non-empty sentence; only built when rougeLsum is requested. */
  sentences: number[][] | null;
}

/** N-gram keys of a sequence whose ids are all below `bound`. */
function ngramKeys(tokens: readonly number[], n: number, bound: number): (number | string)[] {
  const out: (number | string)[] = [];
  // A bigram packs into a small integer (a * bound + b) while that stays below 2^30, else into an exact double
  // while both ids are below 2^26; beyond that it falls back to a string.
  const small = bound < 0x8000;
  for (let i = 0; i + n <= tokens.length; i++) {
    const a = tokens[i] ?? 0;
    const b = tokens[i + 1] ?? 0;
    if (n === 1) out.push(a);
    else if (n === 2 && small) out.push(a * bound + b);
    else if (n === 2 && a < 0x4000000 && b < 0x4000000) out.push(a * 0x4000000 + b);
    else out.push(tokens.slice(i, i + n).join(','));
  }
  return out;
}

/** `_score_ngrams`: overlap = Σ min(count_target, count_pred); denominators floored at 1. */
function scoreNgrams(
  target: readonly number[],
  pred: readonly number[],
  n: number,
  bound: number,
): RougeScore {
  if (n === 1) {
    const overlap = unigramOverlap(target, pred);
    const precision = overlap / Math.max(pred.length, 1);
    const recall = overlap / Math.max(target.length, 1);
    return { precision, recall, fmeasure: fmeasure(precision, recall) };
  }
  const t = ngramKeys(target, n, bound);
  const p = ngramKeys(pred, n, bound);
  const counts = new Map<number | string, number>();
  for (const k of t) counts.set(k, (counts.get(k) ?? 0) + 1);
  let overlap = 0;
  for (const k of p) {
    const c = counts.get(k);
    if (c !== undefined && c > 0) {
      overlap++;
      counts.set(k, c - 1);
    }
  }
  const precision = overlap / Math.max(p.length, 1);
  const recall = overlap / Math.max(t.length, 1);
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

/** `_score_lcs`: ROUGE-L over whole texts (newlines ignored). */
function scoreLcs(target: readonly number[], pred: readonly number[]): RougeScore {
  if (target.length === 0 || pred.length === 0) return { ...ZERO };
  const lcs = lcsLength(target, pred);
  const precision = lcs / pred.length;
  const recall = lcs / target.length;
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

/** `_summary_level_lcs`: ROUGE-Lsum, union LCS per target sentence. */
function scoreLsum(target: readonly number[][], pred: readonly number[][]): RougeScore {
  if (target.length === 0 || pred.length === 0) return { ...ZERO };
  let m = 0;
  let n = 0;
  for (const s of target) m += s.length;
  for (const s of pred) n += s.length;
  if (m === 0 || n === 0) return { ...ZERO };
  const hits = unionLcsHits(target, pred);
  const recall = hits / m;
  const precision = hits / n;
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

/** A reusable scorer: validates options once and shares its token vocabulary and stem memo across calls. */
export class RougeScorer {
  readonly types: readonly RougeType[];
  readonly useStemmer: boolean;
  readonly #vocab: RougeVocab;
  readonly #needsLsum: boolean;
  // Without the stemmer, token ids only need to agree within one prediction and its references: a table of one
  // pair's tokens stays in cache, where the shared vocabulary (kept for its stem memo) costs a miss per token.
  readonly #pairIds = new SegmentSpanIds();

  constructor(options: RougeOptions, vocab = new RougeVocab()) {
    if (options.types.length === 0) throw new InputError('ROUGE needs at least one type');
    for (const t of options.types)
      if (!isRougeType(t)) throw new InputError(`Invalid ROUGE type: ${String(t)}`);
    this.types = [...options.types];
    this.useStemmer = options.useStemmer;
    this.#vocab = vocab;
    this.#needsLsum = this.types.includes('rougeLsum');
  }

  #ids(text: string): number[] {
    return this.useStemmer ? tokenIds(text, true, this.#vocab) : tokenIdsFrom(text, this.#pairIds);
  }

  /** Every id handed out for the current pair is below this. */
  #bound(): number {
    return this.useStemmer ? this.#vocab.size : this.#pairIds.size;
  }

  #tokenize(text: string): Tokenized {
    if (!this.#needsLsum) return { tokens: this.#ids(text), sentences: null };
    // `text.split("\n")`, dropping empty strings; '\r' is just another separator inside a sentence. '\n' is a
    // separator for the tokenizer too, so the whole text's tokens are exactly the sentences' tokens in order.
    const sentences = text
      .split('\n')
      .filter((s) => s.length > 0)
      .map((s) => this.#ids(s));
    return { tokens: sentences.length === 1 ? (sentences[0] ?? []) : sentences.flat(), sentences };
  }

  #scorePair(target: Tokenized, pred: Tokenized): RougeScores {
    const out: RougeScores = {};
    const bound = this.#bound();
    for (const type of this.types) {
      if (type === 'rougeL') out[type] = scoreLcs(target.tokens, pred.tokens);
      else if (type === 'rougeLsum') out[type] = scoreLsum(target.sentences ?? [], pred.sentences ?? []);
      else out[type] = scoreNgrams(target.tokens, pred.tokens, Number(type.slice(5)), bound);
    }
    return out;
  }

  /** rouge-score `score(target, prediction)`: one reference. */
  scoreOne(prediction: string, reference: string): RougeScores {
    this.#pairIds.clear();
    return this.#scorePair(this.#tokenize(reference), this.#tokenize(prediction));
  }

  /**
   * rouge-score `score_multi(targets, prediction)`: per type independently, the score of the reference with the
   * highest fmeasure; the first reference wins ties (np.argmax).
   */
  score(prediction: string, references: readonly string[]): RougeScores {
    if (references.length === 0) throw new InputError('ROUGE needs at least one reference');
    this.#pairIds.clear();
    const pred = this.#tokenize(prediction);
    const best: RougeScores = {};
    for (const ref of references) {
      const scores = this.#scorePair(this.#tokenize(ref), pred);
      for (const type of this.types) {
        const s = scores[type];
        const cur = best[type];
        if (s && (!cur || s.fmeasure > cur.fmeasure)) best[type] = s;
      }
    }
    return best;
  }
}

const sharedVocab = new RougeVocab();

/** ROUGE of one prediction against one or more references (score_multi semantics). */
export function scoreRouge(
  prediction: string,
  references: readonly string[],
  options: RougeOptions,
): RougeScores {
  return new RougeScorer(options, sharedVocab).score(prediction, references);
}

/** A sacreBLEU-style signature of every setting that changes a ROUGE number. */
export function rougeSignature(options: RougeOptions): string {
  return [
    `types:${options.types.join('+')}`,
    `stem:${options.useStemmer ? 'yes' : 'no'}`,
    'tok:default',
    'lsum:newline',
    'multi:best-f',
    'version:rouge-score-0.1.2',
  ].join('|');
}
