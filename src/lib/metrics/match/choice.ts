// Multiple-choice answers from free text: which option a response chose ("Answer: B", "(B)", "B.", "The answer
// is B", or the option's own text), and accuracy with the rows where no choice could be found reported apart.
import { squadNormalize } from './normalize';

/** How a choice was found, for display and auditing. */
export type ChoiceMethod = 'statement' | 'letter' | 'text';

/** An extracted choice: an index into the options. */
export interface ExtractedChoice {
  index: number;
  method: ChoiceMethod;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

// "Answer: B", "The answer is (B)", "correct option is b", "Choice - C". The letter must stand alone.
const STATEMENT_RE =
  /\b(?:answer|choice|option)\b(?:\s+(?:is|would\s+be|will\s+be|should\s+be))?\s*(?:[:=-]\s*)?(?:is\s+)?[([{]?\s*([A-Za-z])\s*[)\]}]?(?![A-Za-z0-9])/gi;
// A response that opens with the letter: "B", "B.", "B)", "(B)", "[B]", "B: Paris", "**B**". A capital followed by
// a space is not enough: "A good guess…" and "I think…" start with words, not choices.
const LEADING_RE = /^\s*[*_]*[([{]?([A-Z])(?:[)\]}.:][*_]*(?:\s|$)|[*_]*\s*$)/;
// A parenthesised letter anywhere: "(B)".
const PAREN_RE = /\(([A-Z])\)/g;

function letterIndex(letter: string, n: number): number | null {
  const i = LETTERS.indexOf(letter.toUpperCase());
  return i >= 0 && i < n ? i : null;
}

function byText(response: string, choices: readonly string[]): number | null {
  const norm = squadNormalize(response);
  if (!norm) return null;
  const options = choices.map((c) => squadNormalize(c));
  const exact = options.findIndex((o) => o.length > 0 && o === norm);
  if (exact >= 0) return exact;
  const padded = ` ${norm} `;
  const found = options
    .map((o, i) => ({ o, i }))
    .filter(({ o }) => o.length > 0 && padded.includes(` ${o} `));
  if (found.length === 0) return null;
  // "Paris, Texas" contains "Paris": the longest match wins only when it contains every other match.
  const longest = found.reduce((a, b) => (b.o.length > a.o.length ? b : a));
  return found.every((f) => f === longest || longest.o.includes(f.o)) ? longest.i : null;
}

/** The option a free-text response chose, or null when none (or several, ambiguously) can be identified. */
export function extractChoice(response: string, choices: readonly string[]): ExtractedChoice | null {
  const n = choices.length;
  // An explicit statement wins; the last one counts because models revise ("…so the answer is C").
  const statements = [...response.matchAll(STATEMENT_RE)]
    .map((m) => letterIndex(m[1] ?? '', n))
    .filter((i): i is number => i !== null);
  const last = statements[statements.length - 1];
  if (last !== undefined) return { index: last, method: 'statement' };
  const lead = LEADING_RE.exec(response);
  const leadIdx = lead ? letterIndex(lead[1] ?? '', n) : null;
  if (leadIdx !== null) return { index: leadIdx, method: 'letter' };
  const parens = new Set(
    [...response.matchAll(PAREN_RE)].map((m) => letterIndex(m[1] ?? '', n)).filter((i) => i !== null),
  );
  if (parens.size === 1) return { index: [...parens][0] ?? 0, method: 'letter' };
  const t = byText(response, choices);
  return t === null ? null : { index: t, method: 'text' };
}

/** The gold option index of a row's label: an index, a letter ("B"), or the option's text. */
export function resolveGoldChoice(
  label: number | string | undefined,
  choices: readonly string[],
): number | null {
  if (typeof label === 'number')
    return Number.isInteger(label) && label >= 0 && label < choices.length ? label : null;
  if (typeof label !== 'string') return null;
  const t = label.trim();
  if (/^[A-Za-z]$/.test(t)) return letterIndex(t, choices.length);
  if (/^\d+$/.test(t)) return resolveGoldChoice(Number(t), choices);
  const i = choices.findIndex((c) => c.trim() === t);
  return i >= 0 ? i : null;
}

/** One item for multiple-choice accuracy. */
export interface ChoiceItem {
  response: string;
  choices: readonly string[];
  label: number | string | undefined;
}

/** Multiple-choice accuracy; rows with no extractable choice count as wrong and are listed. */
export interface ChoiceReport {
  n: number;
  correct: number;
  /** correct / n, unextracted rows counted as wrong. */
  accuracy: number;
  /** Positions (into the items) where no choice could be extracted. */
  unextracted: number[];
  /** Positions whose gold label could not be resolved to an option (left out of n). */
  noGold: number[];
  /** Per item: the extracted choice (or null) and whether it was right (null when there is no gold). */
  perItem: { choice: ExtractedChoice | null; correct: boolean | null }[];
}

/** Scores multiple-choice items. */
export function multipleChoiceAccuracy(items: readonly ChoiceItem[]): ChoiceReport {
  const unextracted: number[] = [];
  const noGold: number[] = [];
  let correct = 0;
  const perItem = items.map((item, i) => {
    const gold = resolveGoldChoice(item.label, item.choices);
    const choice = extractChoice(item.response, item.choices);
    if (gold === null) {
      noGold.push(i);
      return { choice, correct: null };
    }
    if (choice === null) unextracted.push(i);
    const ok = choice !== null && choice.index === gold;
    if (ok) correct++;
    return { choice, correct: ok };
  });
  const n = items.length - noGold.length;
  return { n, correct, accuracy: n ? correct / n : 0, unextracted, noGold, perItem };
}
