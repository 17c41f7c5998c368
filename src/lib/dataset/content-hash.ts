// Content hash of a dataset: ids, prompts, references, responses, choices and labels, in row order. It changes
// whenever a score could (so cached scores keyed by it go stale), and not for tags or metadata edits.
import { ContentHasher } from '../core/hash';
import type { Row } from '../core/types';

/** Incremental dataset hasher: `add` rows in order, then `digest`. */
export class DatasetHasher {
  readonly #hasher = new ContentHasher();
  #count = 0;

  /** Adds one row. Fields are JSON-encoded as one array, so field boundaries cannot be confused. */
  add(row: Row): this {
    const systems = Object.keys(row.responses).sort();
    const responses = systems.map((s) => [s, row.responses[s]]);
    this.#hasher.update(
      JSON.stringify([row.id, row.prompt, row.references, responses, row.choices ?? null, row.label ?? null]),
    );
    this.#hasher.update('\n');
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
