// Answer normalizations: HF evaluate / lm-evaluation-harness `exact_match` options and SQuAD's normalize_answer.
import { InputError } from '../../core/errors';
import { pySplit } from '../text/whitespace';

/** Settings that change an exact-match number. */
export interface ExactMatchOptions {
  /** lm-eval `ignore_case`: Python `str.lower()`. */
  ignoreCase: boolean;
  /** lm-eval `ignore_punctuation`: deletes ASCII `string.punctuation`. */
  ignorePunctuation: boolean;
  /** lm-eval `ignore_numbers`: deletes ASCII digits. */
  ignoreNumbers: boolean;
  /** lm-eval `regexes_to_ignore`: each pattern is deleted (`re.sub(p, "", s)`), in order, before anything else. */
  regexesToIgnore: readonly string[];
  /** SQuAD `normalize_answer` (lower, drop punctuation, drop a/an/the, collapse whitespace), applied last. */
  squad: boolean;
}

/** No normalization at all: strict string equality. */
export const STRICT_MATCH: ExactMatchOptions = {
  ignoreCase: false,
  ignorePunctuation: false,
  ignoreNumbers: false,
  regexesToIgnore: [],
  squad: false,
};

/** Python's `string.punctuation`. */
export const ASCII_PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
const PUNCT_RE = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;
const DIGIT_RE = /[0-9]/g;
// Python's `\b` on str patterns is Unicode-aware (\w = letters, numbers, '_'); JS `\b` is ASCII-only even with
// the u flag, so the boundaries are spelled out as lookarounds.
const ARTICLE_RE = /(?<![\p{L}\p{N}_])(?:a|an|the)(?![\p{L}\p{N}_])/gu;

/** SQuAD v1.1/v2.0 `normalize_answer`: lower → remove punctuation → remove articles → collapse whitespace. */
export function squadNormalize(s: string): string {
  const noPunct = s.toLowerCase().replace(PUNCT_RE, '');
  return pySplit(noPunct.replace(ARTICLE_RE, ' ')).join(' ');
}

/** Compiles user regexes once; a bad pattern is an InputError naming it. JS regex syntax, applied globally. */
export function compileIgnoreRegexes(patterns: readonly string[]): RegExp[] {
  return patterns.map((p) => {
    try {
      return new RegExp(p, 'gu');
    } catch (e) {
      throw new InputError(
        `Invalid regex to ignore ${JSON.stringify(p)}: ${e instanceof Error ? e.message : ''}`,
      );
    }
  });
}

/** Applies the exact-match normalizations in lm-eval's order: regexes, case, punctuation, digits, then SQuAD. */
export function normalizeAnswer(s: string, options: ExactMatchOptions, regexes?: readonly RegExp[]): string {
  let out = s;
  for (const re of regexes ?? compileIgnoreRegexes(options.regexesToIgnore)) out = out.replace(re, '');
  if (options.ignoreCase) out = out.toLowerCase();
  if (options.ignorePunctuation) out = out.replace(PUNCT_RE, '');
  if (options.ignoreNumbers) out = out.replace(DIGIT_RE, '');
  if (options.squad) out = squadNormalize(out);
  return out;
}
