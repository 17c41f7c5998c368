// The one input reader of the command-line tools: a file is opened as a Node stream, its kind sniffed from the
// first bytes (detectSourceKind: content wins over the extension), and its records streamed by the same data layer
// the browser import uses (src/lib/dataset: BOM and CRLF dropped, papaparse for CSV, a LineError per bad line).
// Every problem, from the reader or from a command's own field checks, is printed as "FILE:LINE: field 'x': reason"
// (a JSON array has no meaningful line per record, so it says "FILE: element N: ...").
import { closeSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import {
  detectSourceKind,
  readRecords,
  sniffText,
  SNIFF_BYTES,
  type LineError,
  type RecordBatch,
  type SourceKind,
} from '../lib/dataset/index';

/** One record of the file, in file order: `line` is the file line (JSONL, CSV) or element number (JSON array). */
export interface InputRecord {
  line: number;
  value: unknown;
}

/** A bad line or field: `field` is null when the whole line is at fault (invalid JSON, not an object). */
export interface InputProblem {
  line: number;
  field: string | null;
  reason: string;
  /** For a JSON array element, the file line it starts on, when the reader knows it. */
  fileLine?: number;
}

/** What a stream of the file yields, in file order: a record, or a line that could not be read. */
export type InputEntry = ({ kind: 'record' } & InputRecord) | ({ kind: 'problem' } & InputProblem);

/** An opened input file: its detected kind, its entries, and how its problems are worded. */
export interface InputFile {
  readonly path: string;
  readonly kind: SourceKind;
  /** Streams the records and the unreadable lines; throws InputError when the file has no data at all. */
  entries(): AsyncGenerator<InputEntry>;
  /** The same entries, a chunk of the file at a time (cheaper per record than entries()). */
  batches?(): AsyncGenerator<InputEntry[]>;
  /** "FILE:LINE: field 'x': reason" (or "FILE: element N: ..." for a JSON array). */
  format(problem: InputProblem): string;
}

/** A bad line or field, thrown by a command that stops at the first one (its message is already formatted). */
export class InputLineError extends Error {
  constructor(
    readonly problem: InputProblem,
    message: string,
  ) {
    super(message);
    this.name = 'InputLineError';
  }
}

/** A file that cannot be read at all (missing, empty, no data): the message is "cannot read FILE: reason". */
export class InputFileError extends Error {
  constructor(path: string, cause: unknown) {
    super(`cannot read ${path}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'InputFileError';
  }
}

/** Opens FILE and sniffs its kind from the first bytes; throws InputFileError when it cannot be read. */
export async function openInput(path: string): Promise<InputFile> {
  let head: Uint8Array;
  try {
    head = await firstBytes(path);
  } catch (e) {
    throw new InputFileError(path, e);
  }
  const kind = detectSourceKind(path, sniffText(head));
  return {
    path,
    kind,
    entries: () => streamEntries(path, kind),
    batches: () => streamBatches(path, kind),
    format: (p) => formatProblem(path, kind, p),
  };
}

/** Reads the whole file: its records and the lines that could not be read, each in file order. */
export async function readInput(
  input: InputFile,
): Promise<{ records: InputRecord[]; problems: InputProblem[] }> {
  const records: InputRecord[] = [];
  const problems: InputProblem[] = [];
  for await (const e of input.entries()) {
    if (e.kind === 'record') records.push({ line: e.line, value: e.value });
    else {
      const { kind: _, ...problem } = e;
      problems.push(problem);
    }
  }
  return { records, problems };
}

/** The words of a problem for stderr. */
export function formatProblem(path: string, kind: SourceKind, p: InputProblem): string {
  const at = p.fileLine === undefined ? '' : ` (line ${p.fileLine})`;
  const where = kind === 'json' ? `${path}: element ${p.line}${at}` : `${path}:${p.line}`;
  return `${where}: ${p.field === null ? '' : `field '${p.field}': `}${p.reason}`;
}

/** A reader LineError as a problem: the reader's "Line 3: " / "Element 3 (line 7): " lead is left to `format`. */
export function problemOf(e: LineError): InputProblem {
  const lead = /^(?:Line \d+|Element \d+(?: \(line (\d+)\))?): /.exec(e.message);
  const reason = (lead ? e.message.slice(lead[0].length) : e.message).replace(/\.$/, '');
  const problem: InputProblem = { line: e.line, field: e.field, reason };
  // A JSON array element's file line is only in the reader's message; keep it, it is where to look.
  if (lead?.[1] !== undefined) problem.fileLine = Number(lead[1]);
  return problem;
}

/** "a string", "an array", "null": the type of a JSON value, for "expected …, got …" reasons. */
export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

async function firstBytes(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buf = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buf, 0, SNIFF_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function* streamEntries(path: string, kind: SourceKind): AsyncGenerator<InputEntry> {
  for await (const batch of streamBatches(path, kind)) yield* batch;
}

/** The entries of an input in chunks: its own batches() when it has them, else entries() grouped. */
export async function* entryBatches(input: InputFile, size = 1024): AsyncGenerator<InputEntry[]> {
  if (input.batches) {
    yield* input.batches();
    return;
  }
  let batch: InputEntry[] = [];
  for await (const e of input.entries()) {
    batch.push(e);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** Bytes per read: batches of records this size stay in the young generation, where collecting them is cheap. */
const CHUNK_BYTES = 1 << 16;

/**
 * The file's bytes in fresh chunks, read synchronously (a command has nothing else to do while it waits, and a
 * thread-pool round trip per chunk cost more than the read). A sync iterable is one of the reader's byte sources.
 */
function* fileChunks(path: string): Generator<Uint8Array> {
  const fd = openSync(path, 'r');
  try {
    for (;;) {
      const buf = Buffer.allocUnsafeSlow(CHUNK_BYTES);
      const n = readSync(fd, buf, 0, CHUNK_BYTES, null);
      if (n <= 0) return;
      yield n === CHUNK_BYTES ? buf : buf.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

async function* streamBatches(path: string, kind: SourceKind): AsyncGenerator<InputEntry[]> {
  for await (const batch of readBatches(path, kind, fileChunks(path))) {
    // Records and errors of a batch are each in line order; merge them so the file order holds.
    const { records, errors } = batch;
    const out: InputEntry[] = [];
    let r = 0;
    let e = 0;
    while (r < records.length || e < errors.length) {
      const rec = records[r];
      const err = errors[e];
      if (rec && (!err || rec.line < err.line)) {
        r++;
        out.push({ kind: 'record', line: rec.line, value: rec.value });
      } else if (err) {
        e++;
        out.push({ kind: 'problem', ...problemOf(err) });
      }
    }
    if (out.length > 0) yield out;
  }
}

// The reader's batches, with a file-level failure (no data, a read error) worded as InputFileError.
async function* readBatches(
  path: string,
  kind: SourceKind,
  chunks: Iterable<Uint8Array>,
): AsyncGenerator<RecordBatch> {
  try {
    yield* readRecords(kind, chunks);
  } catch (e) {
    throw new InputFileError(path, e);
  }
}
