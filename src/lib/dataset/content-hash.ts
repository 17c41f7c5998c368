// Content hash of a dataset: ids, prompts, references, responses, choices and labels, in row order. It changes
// whenever a score could (so cached scores keyed by it go stale), and not for tags or metadata edits.
//
// Each row is fed to the hasher as a stream of strings already in hand (an earlier version JSON-encoded every row
// first: re-serialising the whole file cost as much as hashing it). With str(s) = s.length ":" s and
// list(xs) = xs.length "[" str(x)…, a row is
//   "R" str(id) str(prompt) list(references)
//   responses.length "{" (str(system) str(response))…   systems in sorted (UTF-16) order
//   "-" when there are no choices, else list(choices)
//   "-" when there is no label, "n" str(String(label)) for a number, "s" str(label) for text
// and "#" + the row count ends the stream. The length prefixes make every field boundary unambiguous. The stream is
// hashed with MurmurHash3_x86_128 over its UTF-16LE code units (seed 0; see murmur3.ts); the first 64 bits are
// the hash.

import type { Row } from '../core/types';
import { Murmur3Hasher } from './murmur3';

/** Incremental dataset hasher: `add` rows in order, then `digest` once. */
export class DatasetHasher {
  readonly #hasher = new Murmur3Hasher(0);
  #count = 0;

  // Short prefixes and long fields go in separately: concatenating a row first would copy every field once more.
  #str(s: string): void {
    this.#hasher.update(`${s.length}:`).update(s);
  }

  #list(items: readonly string[]): void {
    this.#hasher.update(`${items.length}[`);
    for (const s of items) this.#str(s);
  }

  /** Adds one row (the stream described at the top of this file). */
  add(row: Row): this {
    const h = this.#hasher;
    h.update('R');
    this.#str(row.id);
    this.#str(row.prompt);
    this.#list(row.references);
    const systems = Object.keys(row.responses).sort();
    h.update(`${systems.length}{`);
    for (const s of systems) {
      this.#str(s);
      this.#str(row.responses[s] ?? '');
    }
    if (row.choices) this.#list(row.choices);
    else h.update('-');
    if (row.label === undefined) h.update('-');
    else if (typeof row.label === 'number') {
      h.update('n');
      this.#str(String(row.label));
    } else {
      h.update('s');
      this.#str(row.label);
    }
    this.#count++;
    return this;
  }

  /** 16 hex digits; the row count is mixed in so an empty dataset and a dataset of empty rows differ. */
  digest(): string {
    return this.#hasher.update(`#${this.#count}`).digest().slice(0, 16);
  }
}

/** Content hash of rows in order (see DatasetHasher). */
export function datasetContentHash(rows: Iterable<Row>): string {
  const h = new DatasetHasher();
  for (const row of rows) h.add(row);
  return h.digest();
}
