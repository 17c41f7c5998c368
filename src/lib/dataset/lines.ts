// Splits a byte stream into lines at LF without decoding it, so each line is decoded on its own (one invalid
// byte spoils one line) and no string larger than one line ever exists. CRLF and a leading UTF-8 BOM are removed.
import { concatBytes } from './platform';

/** One line's bytes, or the fact that it was longer than the cap. */
export type LineEvent =
  | { kind: 'line'; line: number; bytes: Uint8Array; terminated: boolean }
  | { kind: 'too-long'; line: number; bytes: number; head: Uint8Array };

const LF = 0x0a;
const CR = 0x0d;
const HEAD_BYTES = 256;

/** Incremental LF line splitter with a per-line byte cap. */
export class LineSplitter {
  readonly #maxLineBytes: number;
  #pieces: Uint8Array[] = [];
  #pending = 0;
  #line = 1;
  #atStart = true;
  // Bytes of the current over-long line seen so far (0 when the line is within the cap).
  #overflow = 0;
  #head: Uint8Array = new Uint8Array(0);

  constructor(maxLineBytes: number) {
    this.#maxLineBytes = maxLineBytes;
  }

  /** Feeds a chunk; returns the lines it completed. */
  push(chunk: Uint8Array): LineEvent[] {
    const out: LineEvent[] = [];
    let data = chunk;
    if (this.#atStart) {
      data = this.#stripBom(data);
      if (data.length === 0) return out;
    }
    let pos = 0;
    while (pos < data.length) {
      const nl = data.indexOf(LF, pos);
      const end = nl === -1 ? data.length : nl;
      if (nl !== -1 && this.#pending === 0 && this.#overflow === 0 && end - pos <= this.#maxLineBytes) {
        // Fast path: the whole line is inside this chunk; hand out a view, no copy.
        out.push(this.#emit(data.subarray(pos, end), true));
        pos = nl + 1;
        continue;
      }
      this.#append(data.subarray(pos, end));
      if (nl === -1) break;
      out.push(this.#take(true));
      pos = nl + 1;
    }
    return out;
  }

  /** Ends the input; returns the last line when it had no trailing newline. */
  end(): LineEvent[] {
    if (this.#pending === 0 && this.#overflow === 0) return [];
    return [this.#take(false)];
  }

  // A BOM may arrive split over the first chunks; hold up to 3 bytes until it is settled.
  #stripBom(data: Uint8Array): Uint8Array {
    const held = concatBytes([...this.#pieces, data], this.#pending + data.length);
    const bom = [0xef, 0xbb, 0xbf];
    let i = 0;
    while (i < held.length && i < 3 && held[i] === bom[i]) i++;
    if (i < 3 && i === held.length) {
      this.#pieces = [held];
      this.#pending = held.length;
      return new Uint8Array(0);
    }
    this.#atStart = false;
    this.#pieces = [];
    this.#pending = 0;
    return i === 3 ? held.subarray(3) : held;
  }

  #append(part: Uint8Array): void {
    if (part.length === 0) return;
    if (this.#overflow > 0) {
      this.#overflow += part.length;
      return;
    }
    if (this.#pending + part.length > this.#maxLineBytes) {
      // Keep only a short head for the error message; drop the rest as it streams past.
      const all = concatBytes(
        [...this.#pieces, part.subarray(0, HEAD_BYTES)],
        this.#pending + Math.min(part.length, HEAD_BYTES),
      );
      this.#head = all.slice(0, HEAD_BYTES);
      this.#overflow = this.#pending + part.length;
      this.#pieces = [];
      this.#pending = 0;
      return;
    }
    // Copy: the caller may reuse its chunk buffer (Node streams and some readers do).
    this.#pieces.push(part.slice());
    this.#pending += part.length;
  }

  #take(terminated: boolean): LineEvent {
    if (this.#overflow > 0) {
      const ev: LineEvent = { kind: 'too-long', line: this.#line++, bytes: this.#overflow, head: this.#head };
      this.#overflow = 0;
      this.#head = new Uint8Array(0);
      return ev;
    }
    const bytes = concatBytes(this.#pieces, this.#pending);
    this.#pieces = [];
    this.#pending = 0;
    return this.#emit(bytes, terminated);
  }

  #emit(bytes: Uint8Array, terminated: boolean): LineEvent {
    const line = this.#line++;
    const end = bytes.length > 0 && bytes[bytes.length - 1] === CR ? bytes.length - 1 : bytes.length;
    return { kind: 'line', line, bytes: bytes.subarray(0, end), terminated };
  }
}
