// Collects one record's bytes across chunks, up to a cap. Past the cap it stops storing and only counts, keeping a
// short head for the error message, so one corrupt multi-gigabyte "line" cannot exhaust memory.
import { concatBytes } from './platform';

/** Bytes kept from an over-long record for its error message. */
export const HEAD_BYTES = 256;

/** A finished record: its bytes, or the size and head of one that went over the cap. */
export type TakenRecord = { bytes: Uint8Array } | { tooLong: number; head: Uint8Array };

/** Byte accumulator for one record at a time. */
export class RecordBuffer {
  readonly #max: number;
  #pieces: Uint8Array[] = [];
  #pending = 0;
  #overflow = 0;
  #head: Uint8Array = new Uint8Array(0);

  constructor(maxBytes: number) {
    this.#max = maxBytes;
  }

  /** Bytes of the current record so far (stored or counted). */
  get size(): number {
    return this.#overflow > 0 ? this.#overflow : this.#pending;
  }

  /** Adds a part. `copy` when the part is a view of a chunk that may be reused after the current push. */
  append(part: Uint8Array, copy: boolean): void {
    if (part.length === 0) return;
    if (this.#overflow > 0) {
      this.#overflow += part.length;
      return;
    }
    if (this.#pending + part.length > this.#max) {
      const headLen = Math.min(part.length, HEAD_BYTES);
      const all = concatBytes([...this.#pieces, part.subarray(0, headLen)], this.#pending + headLen);
      this.#head = all.slice(0, HEAD_BYTES);
      this.#overflow = this.#pending + part.length;
      this.#pieces = [];
      this.#pending = 0;
      return;
    }
    this.#pieces.push(copy ? part.slice() : part);
    this.#pending += part.length;
  }

  /** Returns the record and starts a new one. */
  take(): TakenRecord {
    const taken: TakenRecord =
      this.#overflow > 0
        ? { tooLong: this.#overflow, head: this.#head }
        : { bytes: concatBytes(this.#pieces, this.#pending) };
    this.#pieces = [];
    this.#pending = 0;
    this.#overflow = 0;
    this.#head = new Uint8Array(0);
    return taken;
  }
}
