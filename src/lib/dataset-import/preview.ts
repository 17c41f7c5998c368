// The head of a file for the mapping screen: sniff the container, read the first records, detect the format.
import { detectFormat } from '../dataset/detect-format';
import { readRecords, sniffText, SNIFF_BYTES, detectSourceKind } from '../dataset/read';
import { isObject } from '../dataset/paths';
import type { LineError } from '../core/types';
import type { SourceRecord } from '../dataset/types';
import type { PreviewResult } from './protocol';

/** Records sampled for detection and the preview table. */
export const PREVIEW_RECORDS = 200;

/** Field paths of sampled records: every top-level key, and `key.sub` for keys of nested objects (outputs.model). */
export function fieldPaths(values: readonly unknown[]): string[] {
  const paths = new Set<string>();
  for (const v of values) {
    if (!isObject(v)) continue;
    for (const [k, inner] of Object.entries(v)) {
      paths.add(k);
      if (isObject(inner)) for (const sub of Object.keys(inner)) paths.add(`${k}.${sub}`);
    }
  }
  return [...paths];
}

/** Reads the first records of a file (stopping early: a 200 MB file is not read for a preview). */
export async function previewFile(file: Blob, name: string): Promise<PreviewResult> {
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  const kind = detectSourceKind(name, sniffText(head));
  const records: SourceRecord[] = [];
  const errors: LineError[] = [];
  let complete = true;
  for await (const batch of readRecords(kind, file.stream())) {
    for (const r of batch.records) if (records.length < PREVIEW_RECORDS) records.push(r);
    for (const e of batch.errors) if (records.length < PREVIEW_RECORDS) errors.push(e);
    if (records.length >= PREVIEW_RECORDS) {
      complete = batch.bytesRead >= file.size;
      break;
    }
  }
  const values = records.map((r) => r.value);
  return {
    kind,
    detection: detectFormat(values),
    fields: fieldPaths(values),
    records,
    errors,
    totalBytes: file.size,
    complete,
  };
}
