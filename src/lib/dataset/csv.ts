// CSV/TSV reader: records are split from the byte stream (quote-aware), decoded one by one, and the fields of each
// chunk's records are parsed by Papa Parse in one synchronous call (worker-safe: no File, no FileReader, no Papa worker).
import Papa from 'papaparse';
import { InputError } from '../core/errors';
import type { LineError } from '../core/types';
import { CsvRecordSplitter, type CsvRecordEvent } from './csv-split';
import { DEFAULT_MAX_LINE_BYTES, isBlank, tooLong } from './jsonl';
import { recordError } from './line-errors';
import { concatBytes, decodeLossy, decodeStrict, iterateChunks } from './platform';
import type { ByteSource, ReadOptions, RecordBatch, SourceRecord } from './types';

const CANDIDATES = [',', '\t', ';', '|'];

/** Guesses the delimiter from the header line: the candidate that occurs most often outside quotes (default ','). */
export function guessDelimiter(headerLine: string): string {
  let best = ',';
  let bestCount = 0;
  for (const d of CANDIDATES) {
    let count = 0;
    let quoted = false;
    for (const ch of headerLine) {
      if (ch === '"') quoted = !quoted;
      else if (ch === d && !quoted) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/** Column names from a header row: trimmed, blanks named `column_<n>`, repeats suffixed `_2`, `_3`. */
export function headerNames(cells: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((cell, i) => {
    const base = cell.trim() || `column_${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}_${n}`;
  });
}

/** Streams a CSV file as batches of `{ column: cell }` records; `line` is the line each record starts on. */
export async function* readCsv(source: ByteSource, options: ReadOptions = {}): AsyncGenerator<RecordBatch> {
  const maxBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const state: CsvState = { header: null, delimiter: options.delimiter ?? '', dataRecords: 0, maxBytes };
  let splitter: CsvRecordSplitter | null = null;
  // Bytes held until the first line is complete, to guess the delimiter from it.
  let held: Uint8Array[] = [];
  let heldBytes = 0;
  let bytesRead = 0;
  const start = (): CsvRecordSplitter => {
    if (!state.delimiter) {
      const first = concatBytes(held, heldBytes);
      const nl = first.indexOf(0x0a);
      state.delimiter = guessDelimiter(decodeLossy(nl === -1 ? first : first.subarray(0, nl)));
    }
    return new CsvRecordSplitter(state.delimiter, maxBytes);
  };
  for await (const chunk of iterateChunks(source, options.signal)) {
    bytesRead += chunk.length;
    const batch: RecordBatch = { records: [], errors: [], bytesRead };
    if (!splitter) {
      held.push(chunk.slice());
      heldBytes += chunk.length;
      if (chunk.indexOf(0x0a) === -1 && heldBytes < maxBytes) {
        yield batch;
        continue;
      }
      splitter = start();
      handleRecords(splitter.push(concatBytes(held, heldBytes)), state, batch);
      held = [];
      heldBytes = 0;
    } else handleRecords(splitter.push(chunk), state, batch);
    yield batch;
  }
  const last: RecordBatch = { records: [], errors: [], bytesRead };
  if (!splitter) {
    splitter = start();
    handleRecords(splitter.push(concatBytes(held, heldBytes)), state, last);
  }
  handleRecords(splitter.end(), state, last);
  if (state.header === null) {
    throw new InputError(
      bytesRead === 0 ? 'The file is empty (0 bytes).' : 'The file has no data: every line is blank.',
    );
  }
  if (state.dataRecords === 0) throw new InputError('The CSV file has a header but no rows.');
  if (last.records.length > 0 || last.errors.length > 0) yield last;
}

interface CsvState {
  header: string[] | null;
  delimiter: string;
  dataRecords: number;
  maxBytes: number;
}

function handleRecords(events: CsvRecordEvent[], state: CsvState, batch: RecordBatch): void {
  const texts: string[] = [];
  const lines: number[] = [];
  for (const ev of events) {
    if (ev.kind === 'too-long') {
      batch.errors.push(tooLong(ev.line, ev.bytes, ev.head, state.maxBytes));
      state.dataRecords++;
      continue;
    }
    const text = decodeStrict(ev.bytes);
    if (text === null) {
      batch.errors.push(
        recordError(ev.line, 'invalid-utf8', `Line ${ev.line}: not valid UTF-8 text.`, decodeLossy(ev.bytes)),
      );
      if (state.header !== null) state.dataRecords++;
      continue;
    }
    if (isBlank(text)) continue;
    if (state.header === null) {
      state.header = headerNames(parseFields([text], state.delimiter).data[0] ?? []);
      continue;
    }
    state.dataRecords++;
    texts.push(text);
    lines.push(ev.line);
  }
  if (texts.length === 0 || state.header === null) return;
  toRecords(texts, lines, state.header, state.delimiter, batch.records, batch.errors);
}

function parseFields(texts: string[], delimiter: string): Papa.ParseResult<string[]> {
  return Papa.parse<string[]>(texts.join('\n'), { delimiter, newline: '\n', skipEmptyLines: false });
}

// Parses a chunk's records in one call; falls back to one call per record if the row count does not line up.
function toRecords(
  texts: string[],
  lines: number[],
  header: string[],
  delimiter: string,
  records: SourceRecord[],
  errors: LineError[],
): void {
  const parsed = parseFields(texts, delimiter);
  if (parsed.data.length !== texts.length) {
    texts.forEach((t, i) => toRecords([t], [lines[i] ?? 0], header, delimiter, records, errors));
    return;
  }
  const badRows = new Map<number, string>();
  for (const e of parsed.errors)
    if (e.row !== undefined && !badRows.has(e.row)) badRows.set(e.row, e.message);
  parsed.data.forEach((cells, i) => {
    const line = lines[i] ?? 0;
    const raw = texts[i] ?? '';
    const problem = badRows.get(i);
    if (problem !== undefined) {
      errors.push(recordError(line, 'csv-error', `Line ${line}: ${problem}.`, raw));
    } else if (cells.length !== header.length) {
      const msg = `Line ${line}: ${cells.length} fields, but the header has ${header.length}.`;
      errors.push(recordError(line, 'csv-error', msg, raw));
    } else {
      const value: Record<string, string> = {};
      header.forEach((name, j) => {
        value[name] = cells[j] ?? '';
      });
      records.push({ line, value });
    }
  });
}
