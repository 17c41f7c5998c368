// Entry points of the reader: sniff the container kind, then stream records of that kind.
import { readCsv } from './csv';
import { readJsonArray } from './json';
import { readJsonl } from './jsonl';
import { decodeLossy } from './platform';
import type { ByteSource, ReadOptions, RecordBatch, SourceKind } from './types';

/** Bytes to read before calling `detectSourceKind` (enough for a header line or a first record). */
export const SNIFF_BYTES = 64 * 1024;

/** Decodes the first bytes of a file for sniffing (lossy: a multi-byte character cut at the end is harmless). */
export function sniffText(firstBytes: Uint8Array): string {
  return decodeLossy(firstBytes);
}

/**
 * Decides how to read a file. The content wins over the extension: `[` starts a JSON array; `{` starts JSONL when
 * the first line is a complete JSON value (or the name says .jsonl/.ndjson), else one JSON object; anything else is CSV.
 */
export function detectSourceKind(fileName: string, firstChunkText: string): SourceKind {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const text = firstChunkText.replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('[')) return 'json';
  if (text.startsWith('{')) {
    const nl = text.indexOf('\n');
    if (nl === -1) return ext === 'json' ? 'json' : 'jsonl';
    try {
      JSON.parse(text.slice(0, nl));
      return 'jsonl';
    } catch {
      // A first line that is not a whole value is a pretty-printed object; .jsonl with a broken first line stays JSONL.
      return ext === 'jsonl' || ext === 'ndjson' ? 'jsonl' : 'json';
    }
  }
  if (text === '' && (ext === 'jsonl' || ext === 'ndjson' || ext === 'json'))
    return ext === 'json' ? 'json' : 'jsonl';
  return 'csv';
}

/** Streams records of the given kind: batches of `{ records, errors, bytesRead }`; throws InputError for unusable files. */
export function readRecords(
  kind: SourceKind,
  source: ByteSource,
  options: ReadOptions = {},
): AsyncGenerator<RecordBatch> {
  switch (kind) {
    case 'jsonl':
      return readJsonl(source, options);
    case 'json':
      return readJsonArray(source, options);
    case 'csv':
      return readCsv(source, options);
  }
}
