// Content hash of a dataset: ids, prompts, references, responses, choices and labels, in row order. It changes
// whenever a score could (so cached scores keyed by it go stale), and not for tags or metadata edits.
//
// Each row is written as one string, built from the strings already in hand (an earlier version JSON-encoded every
// row first: re-serialising the whole file cost as much as hashing it). With str(s) = s.length ":" s and
// list(xs) = xs.length "[" str(x)…, a row is
//   "R" str(id) str(prompt) list(references)
//   responses.length "{" (str(system) str(response))…   systems in sorted (UTF-16) order
//   "-" when there are no choices, else list(choices)
//   "-" when there is no label, "n" str(String(label)) for a number, "s" str(label) for text
// and "#" + the row count ends the stream. The length prefixes make every field boundary unambiguous. The stream's
// UTF-8 bytes are hashed with MurmurHash3_x86_128 (seed 0; see murmur3.ts) and the first 64 bits are the hash. (A
// lone surrogate is encoded as U+FFFD, so text differing only there hashes alike.)

import type { Row } from '../core/types';
import { Murmur3Hasher } from './murmur3';

const str = (s: string): string => `${s.length}:${s}`;

function list(items: readonly string[]): string {
  let out = `${items.length}[`;
  for (const s of items) out += str(s);
  return out;
}

/** The hashed text of one row (the stream described at the top of this file). */
function rowText(row: Row): string {
  let out = `R${str(row.id)}${str(row.prompt)}${list(row.references)}`;
  const systems = Object.keys(row.responses).sort();
  out += `${systems.length}{`;
  for (const s of systems) out += str(s) + str(row.responses[s] ?? '');
  out += row.choices ? list(row.choices) : '-';
  if (row.label === undefined) out += '-';
  else if (typeof row.label === 'number') out += `n${str(String(row.label))}`;
  else out += `s${str(row.label)}`;
  return out;
}

/** Incremental dataset hasher: `add` rows in order, then `digest` once. */
export class DatasetHasher {
  readonly #hasher = new Murmur3Hasher(0);
  #count = 0;

  /** Adds one row. */
  add(row: Row): this {
    this.#hasher.update(rowText(row));
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
