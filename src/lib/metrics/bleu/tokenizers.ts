// sacreBLEU 2.6.0's BLEU tokenizers (sacrebleu/tokenizers/tokenizer_{13a,re,intl,zh,char,none}.py).
// 13a and zh end in TokenizerRegexp: four regex substitutions, then ' '.join(line.split()). Instead of
// four regex passes we decide in one scan which characters those substitutions isolate; the equivalence
// is argued at splitRegexp and tested against a literal regex port (tests/unit/bleu-tokenizers.test.ts).
import { IntBuffer, type SpanInterner } from '../text/interner';
import { isPyWhitespace, pySplit, pyStrip } from '../text/whitespace';

/** The BLEU tokenizers sacreBLEU ships that need no external model. */
export type BleuTokenizer = '13a' | 'intl' | 'zh' | 'char' | 'none';

/** Every supported tokenizer name, in sacreBLEU's order. */
export const BLEU_TOKENIZERS: readonly BleuTokenizer[] = ['13a', 'intl', 'zh', 'char', 'none'];

// Character classes for TokenizerRegexp, ASCII only (every class member is ASCII).
const OTHER = 0;
const ISOLATED = 1; // step 1: ([\{-\~\[-\` -\&\(-\+\:-\@\/]) -> ' \1 '
const DOT_COMMA = 2;
const HYPHEN = 3;
const DIGIT = 4;
const SPACE = 5; // Python whitespace that step 1 leaves alone: \t \n \v \f \r \x1c-\x1f
const CLASS = new Uint8Array(128);
for (const [lo, hi] of [
  [0x7b, 0x7e],
  [0x5b, 0x60],
  [0x20, 0x26],
  [0x28, 0x2b],
  [0x3a, 0x40],
  [0x2f, 0x2f],
] as const) {
  for (let c = lo; c <= hi; c++) CLASS[c] = ISOLATED;
}
CLASS[0x2e] = DOT_COMMA;
CLASS[0x2c] = DOT_COMMA;
CLASS[0x2d] = HYPHEN;
for (let c = 0x30; c <= 0x39; c++) CLASS[c] = DIGIT;
for (let c = 0x09; c <= 0x0d; c++) CLASS[c] = SPACE;
for (let c = 0x1c; c <= 0x1f; c++) CLASS[c] = SPACE;

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/**
 * Writes the [start, end) spans of the tokens of `' '.join(TokenizerRegexp(s).split())` into `spans`
 * (two entries per token) and returns the token count. `padded` says whether sacreBLEU wrapped the
 * line in spaces first (13a does, zh does not).
 *
 * The substitutions only insert spaces, so a token boundary is either Python whitespace or a character
 * a substitution surrounded with spaces:
 *  1. ([{-~[-` -&(-+:-@/]) -> ' \1 ': those characters, always.
 *  2. ([^0-9])([.,]) -> '\1 \2 ': a period/comma whose left neighbour is a non-digit, unless that
 *     neighbour is itself a period/comma consumed by the previous match (step-1 spaces are non-digits,
 *     never periods, so they change no outcome).
 *  3. ([.,])([^0-9]) -> ' \1 \2': a period/comma whose right neighbour after step 2 is a non-digit. A
 *     period/comma followed by another period/comma always gets a space from step 2, so no period/comma
 *     is ever consumed here, and the test reduces to "the original right neighbour is not a digit".
 *  4. ([0-9])(-) -> '\1 \2 ': a hyphen right after a digit (steps 1-3 never put a space between them).
 * A missing neighbour (line edge) counts as a non-digit space only when padded.
 */
export function splitRegexpSpans(s: string, padded: boolean, spans: IntBuffer): number {
  const n = s.length;
  const out = spans.ensure(2 * n + 2);
  let w = 0;
  let start = -1;
  let prevMatched2 = false; // previous character was a period/comma matched by step 2
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const cls = c < 128 ? (CLASS[c] ?? OTHER) : isPyWhitespace(c) ? SPACE : OTHER;
    if (cls === OTHER || cls === DIGIT) {
      prevMatched2 = false;
      if (start < 0) start = i;
      continue;
    }
    let isolate = true;
    let matched2 = false;
    if (cls === DOT_COMMA) {
      const leftOk = i > 0 ? !isDigit(s.charCodeAt(i - 1)) : padded;
      matched2 = leftOk && !prevMatched2;
      isolate = matched2 || (i + 1 < n ? !isDigit(s.charCodeAt(i + 1)) : padded);
    } else if (cls === HYPHEN) {
      isolate = i > 0 && isDigit(s.charCodeAt(i - 1));
    }
    prevMatched2 = matched2;
    if (!isolate) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      out[w++] = start;
      out[w++] = i;
      start = -1;
    }
    if (cls !== SPACE && c !== 0x20) {
      out[w++] = i;
      out[w++] = i + 1;
    }
  }
  if (start >= 0) {
    out[w++] = start;
    out[w++] = n;
  }
  return w >> 1;
}

/** The language-independent part of mteval-v13a (tokenizer_13a.py), before TokenizerRegexp. */
function normalize13a(line: string): string {
  if (line.includes('<skipped>')) line = line.replaceAll('<skipped>', '');
  if (line.includes('\n')) line = line.replaceAll('-\n', '').replaceAll('\n', ' ');
  if (line.includes('&')) {
    line = line
      .replaceAll('&quot;', '"')
      .replaceAll('&amp;', '&')
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>');
  }
  return line;
}

/** tokenizer_zh._is_chinese_char, including the effective ranges of its two mistyped astral entries. */
const ZH_RANGES: readonly (readonly [number, number])[] = [
  [0x3400, 0x4db5],
  [0x4e00, 0x9fa5],
  [0x9fa6, 0x9fbb],
  [0xf900, 0xfa2d],
  [0xfa30, 0xfa6a],
  [0xfa70, 0xfad9],
  [0x2001, 0x2a6d], // (u'\u20000', u'\u2a6d6') are two-character strings: compares as U+2001..U+2A6D
  [0x2f81, 0x2fa1], // likewise (u'\u2f800', u'\u2fa1d')
  [0xff00, 0xffef],
  [0x2e80, 0x2eff],
  [0x3000, 0x303f],
  [0x31c0, 0x31ef],
  [0x2f00, 0x2fdf],
  [0x2ff0, 0x2fff],
  [0x3100, 0x312f],
  [0x31a0, 0x31bf],
  [0xfe10, 0xfe1f],
  [0xfe30, 0xfe4f],
  [0x2600, 0x26ff],
  [0x2700, 0x27bf],
  [0x3200, 0x32ff],
  [0x3300, 0x33ff],
];

/** Whether sacreBLEU's zh tokenizer surrounds the code point `cp` with spaces. */
export function isChineseChar(cp: number): boolean {
  for (const [lo, hi] of ZH_RANGES) if (cp >= lo && cp <= hi) return true;
  return false;
}

function spaceChinese(line: string): string {
  let out = '';
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    // Only BMP code points are Chinese here; a surrogate pair is copied as is.
    out += c >= 0x2001 && c <= 0xffef && isChineseChar(c) ? ` ${line[i] ?? ''} ` : (line[i] ?? '');
  }
  return out;
}

const INTL_RES: readonly (readonly [RegExp, string])[] = [
  [/(\P{N})(\p{P})/gu, '$1 $2 '],
  [/(\p{P})(\P{N})/gu, ' $1 $2'],
  [/(\p{S})/gu, ' $1 '],
];

function intl(line: string): string {
  for (const [re, repl] of INTL_RES) line = line.replace(re, repl);
  return line;
}

const spanScratch = new IntBuffer(512);

/** 13a/zh: the string TokenizerRegexp runs on and whether it is padded; other tokenizers: null. */
function regexpInput(line: string, tokenizer: BleuTokenizer): [string, boolean] | null {
  if (tokenizer === '13a') return [normalize13a(line), true];
  if (tokenizer === 'zh') return [spaceChinese(pyStrip(line)), false];
  return null;
}

/** Words of the tokenizers that are not regexp-based: their output string split on whitespace. */
function otherWords(line: string, tokenizer: BleuTokenizer): string[] {
  if (tokenizer === 'intl') return pySplit(intl(line));
  if (tokenizer === 'none') return pySplit(line);
  // char: " ".join(line) over code points, then split(): every non-whitespace code point is a token.
  const out: string[] = [];
  for (const ch of line) if (!isPyWhitespace(ch.charCodeAt(0))) out.push(ch);
  return out;
}

/** The tokens BLEU counts for an already lowercased and rstripped line: `tokenizer(line).split()`. */
export function tokenizeWords(line: string, tokenizer: BleuTokenizer): string[] {
  const rx = regexpInput(line, tokenizer);
  if (!rx) return otherWords(line, tokenizer);
  const [s, padded] = rx;
  const count = splitRegexpSpans(s, padded, spanScratch);
  const spans = spanScratch.data;
  const out: string[] = [];
  for (let t = 0; t < count; t++) out.push(s.slice(spans[2 * t] ?? 0, spans[2 * t + 1] ?? 0));
  return out;
}

/** Like tokenizeWords, but writes token ids (from `ids`) into `out`; returns the token count. */
export function tokenizeIds(
  line: string,
  tokenizer: BleuTokenizer,
  ids: SpanInterner,
  out: IntBuffer,
): number {
  const rx = regexpInput(line, tokenizer);
  if (!rx) {
    const words = otherWords(line, tokenizer);
    const data = out.ensure(words.length);
    for (let t = 0; t < words.length; t++) data[t] = ids.id(words[t] ?? '');
    return words.length;
  }
  const [s, padded] = rx;
  const count = splitRegexpSpans(s, padded, spanScratch);
  const spans = spanScratch.data;
  const data = out.ensure(count);
  for (let t = 0; t < count; t++) data[t] = ids.span(s, spans[2 * t] ?? 0, spans[2 * t + 1] ?? 0);
  return count;
}

/** The string sacreBLEU's tokenizer returns for `line` (tokenizer_cases in bleu_cases.json). */
export function tokenizeLine(line: string, tokenizer: BleuTokenizer): string {
  switch (tokenizer) {
    case 'char':
      return Array.from(line).join(' ');
    case 'none':
      return line;
    default:
      return tokenizeWords(line, tokenizer).join(' ');
  }
}
