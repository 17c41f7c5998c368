// Content hash of a dataset: ids, prompts, references, responses, choices and labels, in row order. It changes
// whenever a score could (so cached scores keyed by it go stale), and not for tags or metadata edits.
//
// Each row goes into the hasher (core/hash.ts, cyrb53-style over UTF-16 units) as a stream of length-prefixed
// strings, fed from the strings already in hand. An earlier version JSON-encoded every row first: re-serialising
// the whole file cost as much as hashing it. The stream, with str(s) = s.length ":" s and
// list(xs) = xs.length "[" str(x)…, is
//   "R" str(id) str(prompt) list(references)
//   responses.length "{" (str(system) str(response))…   systems in sorted (UTF-16) order
//   "-" when there are no choices, else list(choices)
//   "-" when there is no label, "n" str(String(label)) for a number, "s" str(label) for text
// per row, and "#" + the row count at the end. The length prefixes make every field boundary unambiguous.

import { ContentHasher } from '../core/hash';
import type { Row } from '../core/types';

/** Incremental dataset hasher: `add` rows in order, then `digest`. */
export class DatasetHasher {
  readonly #hasher = new ContentHasher();
  #count = 0;

  #text(s: string): void {
    this.#hasher.update(`${s.length}:`).update(s);
  }

  #list(items: readonly string[]): void {
    this.#hasher.update(`${items.length}[`);
    for (const s of items) this.#text(s);
  }

  /** Adds one row (the stream described at the top of this file). */
  add(row: Row): this {
    const h = this.#hasher;
    h.update('R');
    this.#text(row.id);
    this.#text(row.prompt);
    this.#list(row.references);
    const systems = Object.keys(row.responses).sort();
    h.update(`${systems.length}{`);
    for (const s of systems) {
      this.#text(s);
      this.#text(row.responses[s] ?? '');
    }
    if (row.choices) this.#list(row.choices);
    else h.update('-');
    if (row.label === undefined) h.update('-');
    else if (typeof row.label === 'number') {
      h.update('n');
      this.#text(String(row.label));
    } else {
      h.update('s');
      this.#text(row.label);
    }
    this.#count++;
    return this;
  }

  /** 16 hex digits; the row count is mixed in so an empty dataset and a dataset of empty rows differ. */
  digest(): string {
    return this.#hasher.update(`#${this.#count}`).digest();
  }
}

/** Content hash of rows in order (see DatasetHasher). */
export function datasetContentHash(rows: Iterable<Row>): string {
  const h = new DatasetHasher();
  for (const row of rows) h.add(row);
  return h.digest();
}
