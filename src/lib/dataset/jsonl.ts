// JSONL reader: one JSON value per line, decoded and parsed line by line as the bytes stream in.
import { InputError } from '../core/errors';
import type { LineError } from '../core/types';
import { LineSplitter, type LineEvent, type SingleLineEvent } from './lines';
import { recordError } from './line-errors';
import { decodeLossy, decodeStrict, iterateChunks } from './platform';
import type { ByteSource, ReadOptions, RecordBatch, SourceRecord } from './types';

/** Default cap on one line: long enough for any real row, short enough that a corrupt file cannot exhaust memory. */
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;

/** Streams a JSONL file as batches of parsed records; blank lines are skipped, bad lines become LineErrors. */
export async function* readJsonl(source: ByteSource, options: ReadOptions = {}): AsyncGenerator<RecordBatch> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const splitter = new LineSplitter(maxLineBytes);
  let bytesRead = 0;
  let nonBlank = 0;
  for await (const chunk of iterateChunks(source, options.signal)) {
    bytesRead += chunk.length;
    const batch: RecordBatch = { records: [], errors: [], bytesRead };
    for (const ev of splitter.push(chunk)) {
      nonBlank +=
        ev.kind === 'run'
          ? handleRun(ev, batch.records, batch.errors, maxLineBytes)
          : handleLine(ev, batch.records, batch.errors, maxLineBytes);
    }
    yield batch;
  }
  const last: RecordBatch = { records: [], errors: [], bytesRead };
  for (const ev of splitter.end()) nonBlank += handleLine(ev, last.records, last.errors, maxLineBytes);
  if (nonBlank === 0) {
    throw new InputError(
      bytesRead === 0 ? 'The file is empty (0 bytes).' : 'The file has no data: every line is blank.',
    );
  }
  if (last.records.length > 0 || last.errors.length > 0) yield last;
}

const LF = 0x0a;
const CR = 0x0d;

// A run of whole lines decoded in one call: per-line TextDecoder calls were the reader's largest cost after
// JSON.parse. The result is the same as line by line: CRs dropped, and a BOM at the start of any line dropped (a
// decode call drops a leading BOM, so per-line decoding dropped it on every line). Bytes that are not UTF-8 make the
// whole run fail; it is then decoded line by line, so the error names the bad line. Returns the non-blank lines.
function handleRun(
  ev: Extract<LineEvent, { kind: 'run' }>,
  records: SourceRecord[],
  errors: LineError[],
  maxLineBytes: number,
): number {
  const text = decodeStrict(ev.bytes);
  let nonBlank = 0;
  let start = 0;
  for (let i = 0; i < ev.count; i++) {
    const last = i === ev.count - 1;
    if (text === null) {
      const nl = last ? ev.bytes.length : ev.bytes.indexOf(LF, start);
      const end = nl > start && ev.bytes[nl - 1] === CR ? nl - 1 : nl;
      const bytes = ev.bytes.subarray(start, end);
      nonBlank += handleLine(
        { kind: 'line', line: ev.line + i, bytes, terminated: true },
        records,
        errors,
        maxLineBytes,
      );
      start = nl + 1;
    } else {
      const nl = last ? text.length : text.indexOf('\n', start);
      const end = nl > start && text.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
      const from = i > 0 && text.charCodeAt(start) === 0xfeff ? start + 1 : start;
      nonBlank += handleText(ev.line + i, text.slice(from, end), true, records, errors);
      start = nl + 1;
    }
  }
  return nonBlank;
}

// Returns 1 when the line held anything (a record or an error), 0 for a blank line.
function handleLine(
  ev: SingleLineEvent,
  records: SourceRecord[],
  errors: LineError[],
  maxLineBytes: number,
): number {
  if (ev.kind === 'too-long') {
    errors.push(tooLong(ev.line, ev.bytes, ev.head, maxLineBytes));
    return 1;
  }
  const text = decodeStrict(ev.bytes);
  if (text === null) {
    errors.push(
      recordError(ev.line, 'invalid-utf8', `Line ${ev.line}: not valid UTF-8 text.`, decodeLossy(ev.bytes)),
    );
    return 1;
  }
  return handleText(ev.line, text, ev.terminated, records, errors);
}

// Parses one decoded line; returns 1 when it held anything (a record or an error), 0 for a blank line.
function handleText(
  line: number,
  text: string,
  terminated: boolean,
  records: SourceRecord[],
  errors: LineError[],
): number {
  if (isBlank(text)) return 0;
  try {
    records.push({ line, value: JSON.parse(text) });
  } catch (e) {
    errors.push(jsonError(line, 'Line', text, e, !terminated));
  }
  return 1;
}

/** A `line-too-long` error with the size and a short head of the line. */
export function tooLong(line: number, bytes: number, head: Uint8Array, maxLineBytes: number): LineError {
  const mib = (n: number) => `${(n / 1048576).toFixed(1)} MiB`;
  return recordError(
    line,
    'line-too-long',
    `Line ${line}: ${mib(bytes)} is over the ${mib(maxLineBytes)} limit for one record; it was skipped.`,
    decodeLossy(head),
  );
}

/** An `invalid-json` error carrying the parser's reason; `mayBeTruncated` for the unterminated last record. */
export function jsonError(
  line: number,
  noun: string,
  text: string,
  e: unknown,
  mayBeTruncated: boolean,
): LineError {
  const reason = e instanceof Error ? e.message : String(e);
  const hint = mayBeTruncated ? ' It is the last line and has no newline: the file may be truncated.' : '';
  return recordError(line, 'invalid-json', `${noun} ${line}: invalid JSON (${reason}).${hint}`, text);
}

/** True for text that is only whitespace (JSON's own whitespace plus the BOM/NBSP some editors leave). */
export function isBlank(text: string): boolean {
  // \S is exactly what trim() keeps (ECMAScript WhiteSpace and LineTerminator), found without copying the line.
  return !/\S/.test(text);
}
