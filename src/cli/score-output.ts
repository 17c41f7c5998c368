// Output plumbing for `yardstick score`: per-row JSON is spooled to a temporary file while the rows stream (so
// memory stays flat and nothing reaches stdout before the whole file has been read and checked), then copied out
// after the corpus scores; progress goes to stderr when it is a terminal.
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Writes to a stream, waiting for it to drain when it asks to (stdout on a slow pipe). */
export async function writeAll(stream: NodeJS.WritableStream, chunk: string | Uint8Array): Promise<void> {
  if (stream.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    const done = (e?: Error): void => {
      stream.off('drain', done);
      stream.off('error', done);
      if (e) reject(e);
      else resolve();
    };
    stream.once('drain', done);
    stream.once('error', done);
  });
}

const FLUSH_CHARS = 1 << 20;

/** Lines of text kept in a temporary file until they are copied out; removed on copy or close. */
export class Spool {
  readonly #dir: string;
  readonly #fd: number;
  #pending: string[] = [];
  #chars = 0;
  #bytes = 0;
  #closed = false;

  constructor() {
    this.#dir = mkdtempSync(join(tmpdir(), 'yardstick-'));
    this.#fd = openSync(join(this.#dir, 'per_row.jsonl'), 'w+');
  }

  /** Appends `text` (the caller adds separators). */
  push(text: string): void {
    this.#pending.push(text);
    this.#chars += text.length;
    if (this.#chars >= FLUSH_CHARS) this.#flush();
  }

  #flush(): void {
    if (this.#pending.length === 0) return;
    const buf = Buffer.from(this.#pending.join(''), 'utf8');
    let off = 0;
    while (off < buf.length) off += writeSync(this.#fd, buf, off, buf.length - off, this.#bytes + off);
    this.#bytes += buf.length;
    this.#pending = [];
    this.#chars = 0;
  }

  /** Copies everything pushed so far to `out`, then removes the file. */
  async copyTo(out: NodeJS.WritableStream): Promise<void> {
    this.#flush();
    const buf = Buffer.allocUnsafe(1 << 20);
    for (let pos = 0; pos < this.#bytes;) {
      const n = readSync(this.#fd, buf, 0, Math.min(buf.length, this.#bytes - pos), pos);
      if (n <= 0) break;
      // A copy: the stream may keep the chunk queued while the buffer is refilled.
      await writeAll(out, Buffer.from(buf.subarray(0, n)));
      pos += n;
    }
    this.close();
  }

  /** Removes the file (idempotent). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    closeSync(this.#fd);
    rmSync(this.#dir, { recursive: true, force: true });
  }
}

/** "scored 120,000 rows (41,234 rows/s)" on stderr, redrawn a few times a second, only on a terminal. */
export class Progress {
  readonly #on: boolean;
  readonly #start = performance.now();
  #last = 0;
  #shown = false;

  constructor(readonly stream: NodeJS.WriteStream = process.stderr) {
    this.#on = stream.isTTY === true;
  }

  update(rows: number): void {
    if (!this.#on) return;
    const now = performance.now();
    if (now - this.#last < 250) return;
    this.#last = now;
    const rate = rows / Math.max(1e-3, (now - this.#start) / 1000);
    this.stream.write(
      `\rscored ${rows.toLocaleString('en-US')} rows (${Math.round(rate).toLocaleString('en-US')} rows/s)`,
    );
    this.#shown = true;
  }

  /** Clears the progress line. */
  done(): void {
    if (this.#shown) this.stream.write('\r\x1b[K');
    this.#shown = false;
  }
}
