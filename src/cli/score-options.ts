// The options of `yardstick score`: its help text, and the flags parsed and checked into a ScoreConfig (a bad flag
// is a UsageError, exit status 2).
import { parseArgs } from 'node:util';
import {
  BLEU_TOKENIZERS,
  CORPUS_BLEU_DEFAULTS,
  resolveBleuOptions,
  SMOOTH_METHODS,
  type BleuOptions,
  type BleuTokenizer,
  type SmoothMethod,
} from '../lib/metrics/bleu';
import { resolveChrfOptions } from '../lib/metrics/chrf';
import { STRICT_MATCH } from '../lib/metrics/match';
import { DEFAULT_ROUGE_TYPES, isRougeType, type RougeType } from '../lib/metrics/rouge';
import type { ScoreConfig, ScoreMetric } from './score-compute';

export const HELP = `Usage: yardstick score FILE [options]

FILE is JSONL, a JSON array of objects, or CSV with a header. Each row has an optional id, a response
and a reference (a string) or references (an array; null entries mean "no reference"). Rows without
any reference get null scores and are left out of corpus scores.

  --json                      print JSON: {rows, corpus, groups (with --by), per_row}
  --metrics LIST              bleu,chrf,rouge,exact (default: all four)
  --response-field F          field holding the response (default: response); a path such as
                              filtered_resps.0, choices.0.turns.0 or messages[-1].content reaches
                              into lists and objects (README, "Field paths")
  --reference-field F         field holding the reference(s) (default: reference or references)
  --lowercase                 case-insensitive BLEU, chrF and exact match
  --bleu-tokenize T           13a (default) | intl | zh | char | none
  --bleu-smooth M             exp (default) | floor | add-k | none
  --bleu-smooth-value X       value for floor (default 0.1) and add-k (default 1)
  --bleu-max-order N          maximum n-gram order (default 4)
  --bleu-effective-order Y    yes | no, for corpus and per-row BLEU
                              (default: no for the corpus, yes per row, as sacreBLEU)
  --chrf-char-order N         character n-gram order (default 6)
  --chrf-word-order N         word n-gram order (default 0; 2 is chrF++)
  --chrf-beta N               recall weight (default 2)
  --chrf-eps-smoothing        chrF++.py-style smoothing instead of effective order
  --rouge-types LIST          rouge1..rouge9, rougeL, rougeLsum (default rouge1,rouge2,rougeL,rougeLsum)
  --rouge-stemmer             Porter stemmer (nltk), as rouge-score's use_stemmer
  --by FIELD                  corpus scores per value of FIELD (an array counts for each element)
  --jobs N                    worker threads that score rows (default 1: the main thread); the
                              numbers do not depend on it
  -h, --help                  this text

Exit status: 0 on success, 1 for a bad file or row (reported on stderr with its line), 2 for bad options.
`;

const METRICS: readonly ScoreMetric[] = ['bleu', 'chrf', 'rouge', 'exact'];

/** A bad command line (exit 2). */
export class UsageError extends Error {}

export function intOption(name: string, v: string | undefined, min: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`--${name} must be an integer ≥ ${min}, got '${v}'`);
  return n;
}

function choice<T extends string>(name: string, v: string | undefined, allowed: readonly T[]): T | undefined {
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) {
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got '${v}'`);
  }
  return v as T;
}

function list(v: string | undefined): string[] | undefined {
  return v
    ?.split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export type Values = ReturnType<typeof parse>['values'];

export function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'boolean' },
      metrics: { type: 'string' },
      'response-field': { type: 'string' },
      'reference-field': { type: 'string' },
      lowercase: { type: 'boolean' },
      'bleu-tokenize': { type: 'string' },
      'bleu-smooth': { type: 'string' },
      'bleu-smooth-value': { type: 'string' },
      'bleu-max-order': { type: 'string' },
      'bleu-effective-order': { type: 'string' },
      'chrf-char-order': { type: 'string' },
      'chrf-word-order': { type: 'string' },
      'chrf-beta': { type: 'string' },
      'chrf-eps-smoothing': { type: 'boolean' },
      'rouge-types': { type: 'string' },
      'rouge-stemmer': { type: 'boolean' },
      by: { type: 'string' },
      jobs: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/** The score configuration the flags describe. */
export function configFrom(v: Values): ScoreConfig {
  const metrics = list(v.metrics) ?? [...METRICS];
  for (const m of metrics) choice('metrics', m, METRICS);
  const lowercase = v.lowercase ?? false;
  const smoothValue = v['bleu-smooth-value'];
  if (smoothValue !== undefined && !Number.isFinite(Number(smoothValue))) {
    throw new UsageError(`--bleu-smooth-value must be a number, got '${smoothValue}'`);
  }
  const eff = choice('bleu-effective-order', v['bleu-effective-order'], ['yes', 'no'] as const);
  const bleu: Partial<BleuOptions> = {
    lowercase,
    tokenize: choice<BleuTokenizer>('bleu-tokenize', v['bleu-tokenize'], BLEU_TOKENIZERS) ?? '13a',
    smoothMethod: choice<SmoothMethod>('bleu-smooth', v['bleu-smooth'], SMOOTH_METHODS) ?? 'exp',
    smoothValue: smoothValue === undefined ? null : Number(smoothValue),
    maxNgramOrder: intOption('bleu-max-order', v['bleu-max-order'], 1) ?? 4,
  };
  const beta = v['chrf-beta'];
  if (beta !== undefined && !(Number(beta) >= 0))
    throw new UsageError(`--chrf-beta must be a number ≥ 0, got '${beta}'`);
  const charOrder = intOption('chrf-char-order', v['chrf-char-order'], 0);
  const wordOrder = intOption('chrf-word-order', v['chrf-word-order'], 0);
  const types = list(v['rouge-types']) ?? [...DEFAULT_ROUGE_TYPES];
  for (const t of types)
    if (!isRougeType(t)) throw new UsageError(`--rouge-types: unknown ROUGE type '${t}'`);
  try {
    return {
      metrics: new Set(metrics as ScoreMetric[]),
      bleuCorpus: resolveBleuOptions(
        { ...bleu, effectiveOrder: eff ? eff === 'yes' : false },
        CORPUS_BLEU_DEFAULTS,
      ),
      bleuRow: resolveBleuOptions(
        { ...bleu, effectiveOrder: eff ? eff === 'yes' : true },
        CORPUS_BLEU_DEFAULTS,
      ),
      chrf: resolveChrfOptions({
        lowercase,
        ...(charOrder !== undefined && { charOrder }),
        ...(wordOrder !== undefined && { wordOrder }),
        ...(beta !== undefined && { beta: Number(beta) }),
        epsSmoothing: v['chrf-eps-smoothing'] ?? false,
      }),
      rouge: { types: types as RougeType[], useStemmer: v['rouge-stemmer'] ?? false },
      exact: { ...STRICT_MATCH, ignoreCase: lowercase },
    };
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
}
