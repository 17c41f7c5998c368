// JSON reader: a top-level array of rows (or {"data": [...]}-style object) streamed element by element.
import { JsonArrayScanner, type ScanEvent } from './json-scanner';
import { DEFAULT_MAX_LINE_BYTES, isBlank, jsonError, tooLong } from './jsonl';
import { recordError } from './line-errors';
import { decodeLossy, decodeStrict, iterateChunks } from './platform';
import type { ByteSource, ReadOptions, RecordBatch } from './types';

/** Streams a JSON array file as batches of records; `line` is the 1-based element number. */
export async function* readJsonArray(
  source: ByteSource,
  options: ReadOptions = {},
): AsyncGenerator<RecordBatch> {
  const maxBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const scanner = new JsonArrayScanner(maxBytes);
  let bytesRead = 0;
  for await (const chunk of iterateChunks(source, options.signal)) {
    bytesRead += chunk.length;
    const batch: RecordBatch = { records: [], errors: [], bytesRead };
    for (const ev of scanner.push(chunk)) handle(ev, batch, maxBytes);
    yield batch;
  }
  const last: RecordBatch = { records: [], errors: [], bytesRead };
  for (const ev of scanner.end()) handle(ev, last, maxBytes);
  if (last.records.length > 0 || last.errors.length > 0) yield last;
}

function handle(ev: ScanEvent, batch: RecordBatch, maxBytes: number): void {
  if (ev.kind === 'problem') {
    batch.errors.push(recordError(ev.index, 'invalid-json', ev.message));
    return;
  }
  if (ev.kind === 'too-long') {
    const e = tooLong(ev.index, ev.bytes, ev.head, maxBytes);
    e.message = e.message.replace(/^Line \d+/, `Element ${ev.index} (line ${ev.line})`);
    batch.errors.push(e);
    return;
  }
  const text = decodeStrict(ev.bytes);
  if (text === null) {
    const where = `Element ${ev.index} (line ${ev.line})`;
    batch.errors.push(
      recordError(ev.index, 'invalid-utf8', `${where}: not valid UTF-8 text.`, decodeLossy(ev.bytes)),
    );
    return;
  }
  if (isBlank(text)) return;
  try {
    batch.records.push({ line: ev.index, value: JSON.parse(text) });
  } catch (e) {
    const err = jsonError(ev.index, 'Element', text, e, false);
    const hint = ev.complete ? '' : ' The file ends inside it: it may be truncated.';
    err.message =
      err.message.replace(`Element ${ev.index}:`, `Element ${ev.index} (line ${ev.line}):`) + hint;
    batch.errors.push(err);
  }
}
