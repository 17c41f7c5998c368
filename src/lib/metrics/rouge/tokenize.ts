// rouge-score 0.1.2 DefaultTokenizer (rouge/tokenize.py), with tokens interned to integer ids so n-gram counting
// and LCS compare numbers, and with stems memoized (the stemmer is by far the slowest step of rouge-score).
import { TokenIds, type SpanInterner } from '../text/interner';
import { porterStem } from './porter';

/** Interns token strings to small integers and memoizes stems; one per scorer (or the shared default). */
export class RougeVocab {
  readonly #ids = new Map<string, number>();
  readonly #words: string[] = [];
  readonly #stemmed = new Map<string, number>();
  // Spans of text looked up without slicing them out, each mapped once to its plain and its stemmed id (+1; 0 =
  // not yet known): the per-token cost is a hash of its characters, not a new string and a Map lookup.
  readonly #spans = new TokenIds(Infinity);
  #plainOf = new Int32Array(1024);
  #stemOf = new Int32Array(1024);

  /** The id of the token `text.slice(start, end)`, stemmed or not. */
  spanId(text: string, start: number, end: number, useStemmer: boolean): number {
    const raw = this.#spans.span(text, start, end);
    if (raw >= this.#plainOf.length) {
      const grow = (a: Int32Array): Int32Array<ArrayBuffer> => {
        const b = new Int32Array(Math.max(a.length * 2, raw + 1));
        b.set(a);
        return b;
      };
      this.#plainOf = grow(this.#plainOf);
      this.#stemOf = grow(this.#stemOf);
    }
    const memo = useStemmer ? this.#stemOf : this.#plainOf;
    const known = memo[raw] ?? 0;
    if (known > 0) return known - 1;
    const word = this.#spans.string(raw);
    const id = useStemmer ? this.stemmedId(word) : this.id(word);
    memo[raw] = id + 1;
    return id;
  }

  /** The id of a token string, assigning the next one on first sight. */
  id(word: string): number {
    let id = this.#ids.get(word);
    if (id === undefined) {
      id = this.#words.length;
      this.#ids.set(word, id);
      this.#words.push(word);
    }
    return id;
  }

  /** The id of the token after rouge-score's stemming rule: only tokens longer than 3 characters are stemmed. */
  stemmedId(word: string): number {
    if (word.length <= 3) return this.id(word);
    let id = this.#stemmed.get(word);
    if (id === undefined) {
      id = this.id(porterStem(word));
      this.#stemmed.set(word, id);
    }
    return id;
  }

  /** The token string of an id. */
  word(id: number): string {
    return this.#words[id] ?? '';
  }

  get size(): number {
    return this.#words.length;
  }
}

/**
 * Token ids of a text, as rouge-score tokenizes it: Python `lower()`, every run of characters outside ASCII
 * [a-z0-9] is a separator, then (optionally) Porter stems for tokens of length > 3. JS `toLowerCase()` yields the
 * same ASCII letters as Python's `lower()` on every code point (METRICS-SPEC B.2), so only ASCII survives either way.
 */
export function tokenIds(text: string, useStemmer: boolean, vocab: RougeVocab): number[] {
  return tokenIdsFrom(text, { span: (s, a, b) => vocab.spanId(s, a, b, useStemmer) });
}

/** tokenIds without stemming, ids from `ids` (a pair's own, when only the pair needs to agree on them). */
export function tokenIdsFrom(text: string, ids: Pick<SpanInterner, 'span'>): number[] {
  const lower = text.toLowerCase();
  const out: number[] = [];
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 32;
    const isWordChar = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (isWordChar) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push(ids.span(lower, start, i));
      start = -1;
    }
  }
  return out;
}

/** rouge-score's `tokenize.tokenize(text, stemmer)` as strings (for display and tests). */
export function tokenizeRouge(text: string, useStemmer: boolean, vocab = new RougeVocab()): string[] {
  return tokenIds(text, useStemmer, vocab).map((id) => vocab.word(id));
}
