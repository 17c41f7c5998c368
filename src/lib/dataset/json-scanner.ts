// Incremental scanner for a JSON array of rows (or an object holding one, like {"data": [...]}). It works on bytes:
// every structural character is ASCII, so it can find element boundaries without decoding, and each element is
// decoded and JSON.parsed on its own (one bad element spoils only itself). It tracks only depth and strings.
import { InputError } from '../core/errors';
import { decodeLossy } from './platform';
import { RecordBuffer } from './record-buffer';

/** What the scanner found: a complete (or, at EOF, truncated) element, an over-long one, or a structural problem. */
export type ScanEvent =
  | { kind: 'element'; index: number; line: number; bytes: Uint8Array; complete: boolean }
  | { kind: 'too-long'; index: number; line: number; bytes: number; head: Uint8Array }
  | { kind: 'problem'; index: number; message: string };

// Keys whose array belongs inside one row; a top-level object with one of them is a single row, not a dataset.
const SINGLE_ROW_KEYS = new Set(['messages', 'conversations', 'conversation', 'turns', 'choices', 'options']);
const BOM = [0xef, 0xbb, 0xbf];

const enum Phase {
  Start,
  ObjKeyWait,
  ObjKey,
  ObjColon,
  ObjValueWait,
  ObjArrayPeek,
  Skip,
  Between,
  Element,
  AfterEnd,
  Done,
}

const isWs = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/** Byte-level scanner; feed chunks with `push`, then call `end`. */
export class JsonArrayScanner {
  #phase = Phase.Start;
  #line = 1;
  // Bytes seen so far (capped at 4): a BOM may arrive split over the first chunks.
  #seen = 0;
  // Element capture.
  #index = 0;
  #elStartLine = 1;
  readonly #buffer: RecordBuffer;
  #composite = false;
  // Shared depth/string tracking (element capture and value skipping).
  #depth = 0;
  #inString = false;
  #escape = false;
  // Top-level object bookkeeping.
  #inObject = false;
  #keyBytes: number[] = [];
  #key = '';
  #rowsKey: string | null = null;
  #fields: string[] = [];

  constructor(maxElementBytes: number) {
    this.#buffer = new RecordBuffer(maxElementBytes);
  }

  /** The field of the top-level object whose array is being read (null for a top-level array). */
  get rowsField(): string | null {
    return this.#rowsKey;
  }

  /** Feeds a chunk; returns what it completed. Throws InputError when the file is not an array of rows. */
  push(input: Uint8Array): ScanEvent[] {
    const chunk = input;
    const out: ScanEvent[] = [];
    let elStart = this.#phase === Phase.Element ? 0 : -1;
    // Cached positions of the next quote, backslash and LF: inside a string only these matter, so the bytes between
    // them are skipped with native indexOf (-2: not looked up yet; -1: none left in this chunk).
    const next = [-2, -2, -2];
    const targets = [0x22, 0x5c, 0x0a];
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] as number;
      if (b === 0x0a) this.#line++;
      if (this.#seen < 4) this.#seen++;
      switch (this.#phase) {
        case Phase.Element: {
          if (this.#track(b)) {
            if (this.#inString && !this.#escape) {
              let to = chunk.length;
              for (let k = 0; k < 3; k++) {
                let at = next[k] as number;
                if (at !== -1 && at <= i) at = next[k] = chunk.indexOf(targets[k] as number, i + 1);
                if (at !== -1 && at < to) to = at;
              }
              i = to - 1;
            }
            continue;
          }
          // The element ends when a composite value closes, or a scalar meets `,` / `]`.
          if (this.#composite && this.#depth === 0) {
            this.#buffer.append(chunk.subarray(elStart, i + 1), false);
            out.push(this.#finishElement(true));
            this.#phase = Phase.Between;
            elStart = -1;
          } else if (!this.#composite && (b === 0x2c || b === 0x5d)) {
            this.#buffer.append(chunk.subarray(elStart, i), false);
            out.push(this.#finishElement(true));
            elStart = -1;
            this.#phase = Phase.Between;
            i--; // let Between see the delimiter
          }
          continue;
        }
        case Phase.Between:
          if (isWs(b) || b === 0x2c) continue;
          if (b === 0x5d) {
            this.#phase = this.#inObject ? Phase.ObjKeyWait : Phase.AfterEnd;
            continue;
          }
          this.#startElement(b);
          elStart = i;
          continue;
        case Phase.Start:
          if (isWs(b) || (this.#seen <= 3 && b === BOM[this.#seen - 1])) continue;
          if (b === 0x5b) this.#phase = Phase.Between;
          else if (b === 0x7b) {
            this.#inObject = true;
            this.#phase = Phase.ObjKeyWait;
          } else throw new InputError(this.#notRows('the file does not start with [ or {'));
          continue;
        case Phase.ObjKeyWait:
          if (isWs(b) || b === 0x2c) continue;
          if (b === 0x22) {
            this.#keyBytes = [];
            this.#escape = false;
            this.#phase = Phase.ObjKey;
          } else if (b === 0x7d) this.#closeObject();
          else throw new InputError(this.#notRows(`unexpected character on line ${this.#line}`));
          continue;
        case Phase.ObjKey:
          if (this.#escape) this.#escape = false;
          else if (b === 0x5c) this.#escape = true;
          else if (b === 0x22) {
            this.#key = this.#decodeKey();
            this.#fields.push(this.#key);
            this.#phase = Phase.ObjColon;
            continue;
          }
          this.#keyBytes.push(b);
          continue;
        case Phase.ObjColon:
          if (b === 0x3a) this.#phase = Phase.ObjValueWait;
          else if (!isWs(b)) throw new InputError(this.#notRows(`expected ':' on line ${this.#line}`));
          continue;
        case Phase.ObjValueWait:
          if (isWs(b)) continue;
          if (b === 0x5b) this.#phase = Phase.ObjArrayPeek;
          else this.#startSkip(b, 0);
          continue;
        case Phase.ObjArrayPeek:
          if (isWs(b)) continue;
          if (b === 0x7b) {
            this.#claimRows();
            this.#phase = Phase.Between;
            this.#startElement(b);
            elStart = i;
          } else if (b === 0x5d) this.#phase = Phase.ObjKeyWait;
          else this.#startSkip(b, 1);
          continue;
        case Phase.Skip:
          // Skipping a value that is not the rows array; it ends where depth returns to 0.
          this.#track(b);
          if (this.#depth > 0 || this.#inString) continue;
          // A composite (object, array, string) is complete on its closing byte; a scalar at the next , or }.
          if (this.#composite || b === 0x2c) this.#phase = Phase.ObjKeyWait;
          else if (b === 0x7d) this.#closeObject();
          continue;
        case Phase.AfterEnd:
          if (isWs(b)) continue;
          out.push({
            kind: 'problem',
            index: this.#index + 1,
            message: `Unexpected text after the end of the JSON on line ${this.#line}; it was ignored.`,
          });
          this.#phase = Phase.Done;
          continue;
        case Phase.Done:
          continue;
      }
    }
    if (this.#phase === Phase.Element && elStart >= 0) this.#buffer.append(chunk.subarray(elStart), true);
    return out;
  }

  /** Ends the input: reports a truncated element or an unclosed array; throws for an empty or non-row file. */
  end(): ScanEvent[] {
    switch (this.#phase) {
      case Phase.Start:
        throw new InputError(
          this.#seen > 0 ? 'The file has no data: it is only whitespace.' : 'The file is empty (0 bytes).',
        );
      case Phase.Element:
        return [this.#finishElement(false), this.#unclosed()];
      case Phase.Between:
        return [this.#unclosed()];
      case Phase.AfterEnd:
      case Phase.Done:
        return [];
      default:
        if (this.#rowsKey === null) throw new InputError(this.#notRows('the object is not complete'));
        return [
          {
            kind: 'problem',
            index: this.#index + 1,
            message: 'The JSON object is not closed: the file may be truncated.',
          },
        ];
    }
  }

  // Returns true when the byte was consumed by string tracking; otherwise updates depth.
  #track(b: number): boolean {
    if (this.#inString) {
      if (this.#escape) this.#escape = false;
      else if (b === 0x5c) this.#escape = true;
      else if (b === 0x22) this.#inString = false;
      return true;
    }
    if (b === 0x22) {
      this.#inString = true;
      return true;
    }
    if (b === 0x7b || b === 0x5b) this.#depth++;
    else if ((b === 0x7d || b === 0x5d) && this.#depth > 0) this.#depth--;
    return false;
  }

  #startElement(b: number): void {
    this.#phase = Phase.Element;
    this.#index++;
    this.#elStartLine = this.#line;
    this.#composite = b === 0x7b || b === 0x5b;
    this.#depth = 0;
    this.#inString = false;
    this.#escape = false;
    // The first byte is tracked here so a composite element starts at depth 1.
    this.#track(b);
  }

  #startSkip(b: number, depth: number): void {
    this.#phase = Phase.Skip;
    this.#composite = depth > 0 || b === 0x7b || b === 0x5b || b === 0x22;
    this.#depth = depth;
    this.#inString = false;
    this.#escape = false;
    this.#track(b);
    if (this.#composite && this.#depth === 0 && !this.#inString) this.#phase = Phase.ObjKeyWait;
  }

  #finishElement(complete: boolean): ScanEvent {
    const index = this.#index;
    const line = this.#elStartLine;
    const taken = this.#buffer.take();
    if ('tooLong' in taken) return { kind: 'too-long', index, line, bytes: taken.tooLong, head: taken.head };
    return { kind: 'element', index, line, bytes: taken.bytes, complete };
  }

  #unclosed(): ScanEvent {
    return {
      kind: 'problem',
      index: this.#index + 1,
      message: 'The JSON array is not closed with ]: the file may be truncated.',
    };
  }

  #decodeKey(): string {
    const raw = decodeLossy(Uint8Array.from(this.#keyBytes));
    try {
      return JSON.parse(`"${raw}"`) as string;
    } catch {
      return raw;
    }
  }

  #claimRows(): void {
    const key = this.#key;
    if (SINGLE_ROW_KEYS.has(key)) {
      throw new InputError(
        `The JSON file is a single row (it has a "${key}" list), not a dataset of rows: wrap it in [ ] or save it as JSONL, one row per line.`,
      );
    }
    if (this.#rowsKey !== null) {
      throw new InputError(
        `The JSON object has more than one array of rows ("${this.#rowsKey}" and "${key}"); keep one, or save the rows as JSONL.`,
      );
    }
    this.#rowsKey = key;
  }

  #closeObject(): void {
    if (this.#rowsKey === null) throw new InputError(this.#notRows('it has no array of row objects'));
    this.#phase = Phase.AfterEnd;
  }

  #notRows(why: string): string {
    const found = this.#fields.length > 0 ? ` Fields found: ${this.#fields.slice(0, 12).join(', ')}.` : '';
    return (
      `The JSON is not an array of rows (${why}). Expected [ {...}, {...} ] or an object with one array of rows, ` +
      `such as {"data": [ ... ]}.${found}`
    );
  }
}
