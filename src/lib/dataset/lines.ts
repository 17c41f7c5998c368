// Splits a byte stream into lines at LF without decoding it, so each line is decoded on its own (one invalid
// byte spoils one line) and no string larger than one line ever exists. CRLF and a leading UTF-8 BOM are removed.
import { RecordBuffer } from './record-buffer';

/**
 * One line's bytes; or a run of `count` consecutive complete lines found whole in one chunk (their bytes with the
 * LFs between them, CRs not removed), which a reader can decode in one call instead of one per line; or the fact
 * that a line was longer than the cap.
 */
export type LineEvent =
  | { kind: 'line'; line: number; bytes: Uint8Array; terminated: boolean }
  | { kind: 'run'; line: number; count: number; bytes: Uint8Array }
  | { kind: 'too-long'; line: number; bytes: number; head: Uint8Array };

/** A line or an over-long line (not a run). */
export type SingleLineEvent = Exclude<LineEvent, { kind: 'run' }>;

const LF = 0x0a;
const CR = 0x0d;
// A run ends at this many bytes: one TextDecoder call over a few hundred KiB of non-ASCII text is several times
// slower per byte than over 64 KiB (measured in Node 20 and Chromium), so long runs are cut.
const MAX_RUN_BYTES = 64 * 1024;
const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

/** Incremental LF line splitter with a per-line byte cap. */
export class LineSplitter {
  readonly #maxLineBytes: number;
  readonly #buffer: RecordBuffer;
  #line = 1;
  // BOM bytes matched at the start of the file (a BOM may arrive split over chunks); -1 once settled.
  #bom = 0;

  constructor(maxLineBytes: number) {
    this.#maxLineBytes = maxLineBytes;
    this.#buffer = new RecordBuffer(maxLineBytes);
  }

  /** Feeds a chunk; returns the lines it completed, those found whole in it grouped into runs. */
  push(chunk: Uint8Array): LineEvent[] {
    const out: LineEvent[] = [];
    let data = chunk;
    while (this.#bom >= 0 && data.length > 0) {
      if (data[0] === BOM[this.#bom]) {
        data = data.subarray(1);
        this.#bom = this.#bom === 2 ? -1 : this.#bom + 1;
      } else {
        // Not a BOM after all: give back the bytes taken for one.
        this.#buffer.append(BOM.subarray(0, this.#bom), true);
        this.#bom = -1;
      }
    }
    let pos = 0;
    // The run being collected: lines [runStart, runEnd) of this chunk, numbered from runLine.
    let runStart = 0;
    let runEnd = -1;
    let runLine = 0;
    let runCount = 0;
    const endRun = () => {
      if (runCount > 0)
        out.push({ kind: 'run', line: runLine, count: runCount, bytes: data.subarray(runStart, runEnd) });
      runCount = 0;
    };
    while (pos < data.length) {
      const nl = data.indexOf(LF, pos);
      if (nl === -1) {
        endRun();
        this.#buffer.append(data.subarray(pos), true);
        break;
      }
      if (this.#buffer.size === 0 && nl - pos <= this.#maxLineBytes) {
        // Fast path: the whole line is inside this chunk; it joins the run (a view, no copy).
        if (runCount > 0 && nl - runStart > MAX_RUN_BYTES) endRun();
        if (runCount === 0) {
          runStart = pos;
          runLine = this.#line;
        }
        runEnd = nl;
        runCount++;
        this.#line++;
      } else {
        endRun();
        this.#buffer.append(data.subarray(pos, nl), false);
        out.push(this.#take(true));
      }
      pos = nl + 1;
    }
    endRun();
    return out;
  }

  /** Ends the input; returns the last line when it had no trailing newline. */
  end(): SingleLineEvent[] {
    return this.#buffer.size === 0 ? [] : [this.#take(false)];
  }

  #take(terminated: boolean): SingleLineEvent {
    const taken = this.#buffer.take();
    if ('tooLong' in taken)
      return { kind: 'too-long', line: this.#line++, bytes: taken.tooLong, head: taken.head };
    return this.#emit(taken.bytes, terminated);
  }

  #emit(bytes: Uint8Array, terminated: boolean): SingleLineEvent {
    const end = bytes.length > 0 && bytes[bytes.length - 1] === CR ? bytes.length - 1 : bytes.length;
    return { kind: 'line', line: this.#line++, bytes: bytes.subarray(0, end), terminated };
  }
}
