// One-call import for Node (CLI, tests, scripts) and small inputs: sniff, sample, detect, map, collect.
// The browser importer streams batch by batch instead, so it never holds more than one chunk of records.
import type { LineError, Row, SystemInfo } from '../core/types';
import { detectFormat } from './detect-format';
import { readRecords, detectSourceKind, SNIFF_BYTES, sniffText } from './read';
import { createRowMapper } from './row-mapper';
import type {
  ByteSource,
  FieldMapping,
  FormatDetection,
  ReadOptions,
  SourceKind,
  SourceRecord,
} from './types';
import { iterateChunks } from './platform';

/** Options of `parseDataset`. */
export interface ParseDatasetOptions extends ReadOptions {
  /** File name, for format sniffing (`.csv`, `.jsonl`, `.json`). */
  fileName: string;
  /** Container kind; sniffed from the name and first bytes when absent. */
  kind?: SourceKind;
  /** Field mapping; detected from the first `sampleSize` records when absent. */
  mapping?: FieldMapping;
  /** Records sampled for detection. Default 200. */
  sampleSize?: number;
  /** Name for the one system of a single-response file. */
  defaultSystemName?: string;
  /** Called after each batch with the bytes read so far. */
  onProgress?: (bytesRead: number) => void;
}

/** Everything an import produces. */
export interface ParsedDataset {
  kind: SourceKind;
  detection: FormatDetection;
  mapping: FieldMapping;
  rows: Row[];
  /** Parse and mapping problems, in line order. */
  errors: LineError[];
  systems: SystemInfo[];
  tags: string[];
}

/** Reads a whole source into rows. The source is buffered (chunk references only) so it can be read twice. */
export async function parseDataset(source: ByteSource, options: ParseDatasetOptions): Promise<ParsedDataset> {
  const chunks: Uint8Array[] = [];
  for await (const c of iterateChunks(source, options.signal)) chunks.push(c.slice());
  const kind = options.kind ?? detectSourceKind(options.fileName, sniffText(firstBytes(chunks, SNIFF_BYTES)));
  const sampleSize = options.sampleSize ?? 200;
  let detection: FormatDetection;
  if (options.mapping) {
    detection = { format: options.mapping.format, mapping: options.mapping, confidence: 1, notes: [] };
  } else {
    const sample: SourceRecord[] = [];
    for await (const batch of readRecords(kind, chunks, options)) {
      sample.push(...batch.records.slice(0, sampleSize - sample.length));
      if (sample.length >= sampleSize) break;
    }
    const detectOptions = options.defaultSystemName ? { defaultSystemName: options.defaultSystemName } : {};
    detection = detectFormat(
      sample.map((r) => r.value),
      detectOptions,
    );
  }
  const mapper = createRowMapper(detection.mapping);
  const rows: Row[] = [];
  const errors: LineError[] = [];
  for await (const batch of readRecords(kind, chunks, options)) {
    const mapped = mapper.push(batch.records);
    rows.push(...mapped.rows);
    errors.push(...batch.errors, ...mapped.errors);
    options.onProgress?.(batch.bytesRead);
  }
  const tail = mapper.finish();
  rows.push(...tail.rows);
  errors.push(...tail.errors);
  errors.sort((a, b) => a.line - b.line);
  return {
    kind,
    detection,
    mapping: detection.mapping,
    rows,
    errors,
    systems: mapper.systems(),
    tags: mapper.tags(),
  };
}

function firstBytes(chunks: readonly Uint8Array[], n: number): Uint8Array {
  const out = new Uint8Array(
    Math.min(
      n,
      chunks.reduce((s, c) => s + c.length, 0),
    ),
  );
  let at = 0;
  for (const c of chunks) {
    if (at >= out.length) break;
    const part = c.subarray(0, out.length - at);
    out.set(part, at);
    at += part.length;
  }
  return out;
}
