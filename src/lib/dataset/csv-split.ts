// Splits CSV bytes into records at line feeds outside quoted fields, following Papa Parse's quoting rules
// (a quote opens a field only at its start; `""` is an escaped quote; a closing quote may be followed by spaces).
// Records are handed out as bytes so each is decoded on its own, like JSONL lines.
import { RecordBuffer } from './record-buffer';

/** One record's bytes (CRLF and BOM removed), or the fact that it was over the cap. */
export type CsvRecordEvent =
  | { kind: 'record'; line: number; bytes: Uint8Array; terminated: boolean }
  | { kind: 'too-long'; line: number; bytes: number; head: Uint8Array };

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const SPACE = 0x20;
const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

const enum Q {
  Unquoted,
  Quoted,
  QuoteSeen,
  SpacesAfterQuote,
}

/** Incremental quote-aware record splitter for one-byte delimiters. */
export class CsvRecordSplitter {
  readonly #delim: number;
  readonly #max: number;
  #state = Q.Unquoted;
  #fieldStart = true;
  #line = 1;
  #recordLine = 1;
  readonly #buffer: RecordBuffer;
  // BOM bytes matched at the start of the file (a BOM may arrive split over the first chunks); -1 once settled.
  #bom = 0;

  constructor(delimiter: string, maxRecordBytes: number) {
    this.#delim = delimiter.charCodeAt(0);
    this.#max = maxRecordBytes;
    this.#buffer = new RecordBuffer(maxRecordBytes);
  }

  /** Feeds a chunk; returns the records it completed. */
  push(input: Uint8Array): CsvRecordEvent[] {
    let chunk = input;
    while (this.#bom >= 0 && chunk.length > 0) {
      if (chunk[0] === BOM[this.#bom]) {
        chunk = chunk.subarray(1);
        this.#bom = this.#bom === 2 ? -1 : this.#bom + 1;
      } else {
        // Not a BOM after all: give back the bytes taken for one.
        this.#buffer.append(BOM.subarray(0, this.#bom), true);
        this.#bom = -1;
      }
    }
    const out: CsvRecordEvent[] = [];
    let start = 0;
    // Cached positions of the next LF, quote and delimiter, so runs of ordinary bytes are skipped with native
    // indexOf instead of a byte-by-byte loop (-2: not looked up yet; -1: none left in this chunk).
    const next = [-2, -2, -2];
    const targets = [LF, QUOTE, this.#delim];
    const skipFrom = (from: number, kinds: number): number => {
      let to = chunk.length;
      for (let k = 0; k < kinds; k++) {
        let at = next[k] as number;
        if (at !== -1 && at < from) at = next[k] = chunk.indexOf(targets[k] as number, from);
        if (at !== -1 && at < to) to = at;
      }
      return to - 1;
    };
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] as number;
      if (b !== LF && b !== QUOTE && b !== this.#delim) {
        // An ordinary byte: nothing changes until the next special one (in quotes, only LF and quote matter).
        if (this.#state === Q.Unquoted) {
          this.#fieldStart = false;
          i = skipFrom(i + 1, 3);
          continue;
        }
        if (this.#state === Q.Quoted) {
          i = skipFrom(i + 1, 2);
          continue;
        }
      }
      if (b === LF) {
        this.#line++;
        // Past the cap inside quotes (usually an unclosed quote): cut the record here rather than at EOF.
        if (this.#state !== Q.Unquoted && this.#buffer.size + i - start > this.#max) {
          this.#buffer.append(chunk.subarray(start, i), false);
          out.push(this.#take(true));
          start = i + 1;
          this.#fieldStart = true;
          continue;
        }
      }
      switch (this.#state) {
        case Q.Unquoted:
          if (b === LF) {
            this.#buffer.append(chunk.subarray(start, i), false);
            out.push(this.#take(true));
            start = i + 1;
            this.#fieldStart = true;
          } else if (b === this.#delim) this.#fieldStart = true;
          else {
            if (b === QUOTE && this.#fieldStart) this.#state = Q.Quoted;
            this.#fieldStart = false;
          }
          break;
        case Q.Quoted:
          if (b === QUOTE) this.#state = Q.QuoteSeen;
          break;
        case Q.QuoteSeen:
        case Q.SpacesAfterQuote:
          if (b === QUOTE && this.#state === Q.QuoteSeen) this.#state = Q.Quoted;
          else if (b === this.#delim) {
            this.#state = Q.Unquoted;
            this.#fieldStart = true;
          } else if (b === LF) {
            this.#state = Q.Unquoted;
            this.#buffer.append(chunk.subarray(start, i), false);
            out.push(this.#take(true));
            start = i + 1;
            this.#fieldStart = true;
          } else if (b === SPACE || b === CR) this.#state = Q.SpacesAfterQuote;
          // Anything else after a closing quote is malformed; like Papa Parse, keep reading the quoted field.
          else this.#state = Q.Quoted;
          break;
      }
    }
    if (start < chunk.length) this.#buffer.append(chunk.subarray(start), true);
    return out;
  }

  /** Ends the input; returns the last record when it had no trailing newline. */
  end(): CsvRecordEvent[] {
    return this.#buffer.size === 0 ? [] : [this.#take(false)];
  }

  #take(terminated: boolean): CsvRecordEvent {
    const line = this.#recordLine;
    this.#recordLine = this.#line;
    const taken = this.#buffer.take();
    if ('tooLong' in taken) {
      // An over-long record is usually an unclosed quote; resynchronise at the next line.
      this.#state = Q.Unquoted;
      return { kind: 'too-long', line, bytes: taken.tooLong, head: taken.head };
    }
    const bytes = taken.bytes;
    const end = bytes.length > 0 && bytes[bytes.length - 1] === CR ? bytes.length - 1 : bytes.length;
    return { kind: 'record', line, bytes: bytes.subarray(0, end), terminated };
  }
}
