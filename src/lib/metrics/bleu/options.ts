// BLEU options and their sacreBLEU 2.6.0 defaults (sacrebleu/metrics/bleu.py, compat.py).
import { BLEU_TOKENIZERS, type BleuTokenizer } from './tokenizers';

/** sacreBLEU's smoothing methods (Chen & Cherry 2014): none, floor (method 1), add-k (2), exp (3). */
export type SmoothMethod = 'none' | 'floor' | 'add-k' | 'exp';

/** Every smoothing method, in sacreBLEU's order. */
export const SMOOTH_METHODS: readonly SmoothMethod[] = ['none', 'floor', 'add-k', 'exp'];

/** BLEU.SMOOTH_DEFAULTS: the value used when none is given (null: the method takes no value). */
export const SMOOTH_DEFAULTS: Readonly<Record<SmoothMethod, number | null>> = {
  none: null,
  floor: 0.1,
  'add-k': 1,
  exp: null,
};

/** The sacreBLEU release these ports match; it appears in every signature. */
export const SACREBLEU_VERSION = '2.6.0';

/** Options of sacreBLEU's BLEU(...) that change scores. */
export interface BleuOptions {
  tokenize: BleuTokenizer;
  lowercase: boolean;
  smoothMethod: SmoothMethod;
  /** null: the method's default (SMOOTH_DEFAULTS). */
  smoothValue: number | null;
  maxNgramOrder: number;
  /** Drop n-gram orders the hypothesis is too short to have (corpus default false, sentence default true). */
  effectiveOrder: boolean;
}

/** Defaults of sacrebleu.corpus_bleu(). */
export const CORPUS_BLEU_DEFAULTS: Readonly<BleuOptions> = {
  tokenize: '13a',
  lowercase: false,
  smoothMethod: 'exp',
  smoothValue: null,
  maxNgramOrder: 4,
  effectiveOrder: false,
};

/** Defaults of sacrebleu.sentence_bleu(): the same, but with effective order on. */
export const SENTENCE_BLEU_DEFAULTS: Readonly<BleuOptions> = {
  ...CORPUS_BLEU_DEFAULTS,
  effectiveOrder: true,
};

/** Fills in defaults and rejects options sacreBLEU would reject. */
export function resolveBleuOptions(
  opts: Partial<BleuOptions> | undefined,
  defaults: Readonly<BleuOptions>,
): BleuOptions {
  const o: BleuOptions = {
    tokenize: opts?.tokenize ?? defaults.tokenize,
    lowercase: opts?.lowercase ?? defaults.lowercase,
    smoothMethod: opts?.smoothMethod ?? defaults.smoothMethod,
    smoothValue: opts?.smoothValue === undefined ? defaults.smoothValue : opts.smoothValue,
    maxNgramOrder: opts?.maxNgramOrder ?? defaults.maxNgramOrder,
    effectiveOrder: opts?.effectiveOrder ?? defaults.effectiveOrder,
  };
  if (!Number.isInteger(o.maxNgramOrder) || o.maxNgramOrder < 1) {
    throw new RangeError(`BLEU max n-gram order must be a positive integer, got ${o.maxNgramOrder}`);
  }
  if (!Object.hasOwn(SMOOTH_DEFAULTS, o.smoothMethod)) {
    throw new RangeError(`Unknown BLEU smoothing method '${String(o.smoothMethod)}'`);
  }
  if (o.smoothValue !== null && !Number.isFinite(o.smoothValue)) {
    throw new RangeError(`BLEU smoothing value must be a finite number, got ${o.smoothValue}`);
  }
  if (!BLEU_TOKENIZERS.includes(o.tokenize)) {
    throw new RangeError(`Unknown BLEU tokenizer '${String(o.tokenize)}'`);
  }
  return o;
}
