// The head of a file for the mapping screen: sniff the container, read the first records, detect the format.
import { detectFormat } from '../dataset/detect-format';
import { readRecords, sniffText, SNIFF_BYTES, detectSourceKind } from '../dataset/read';
import { fieldPathsWithPreview } from '../dataset/field-paths';
import type { LineError } from '../core/types';
import type { SourceRecord } from '../dataset/types';
import type { PreviewResult } from './protocol';

/** Records sampled for detection and the preview table. */
export const PREVIEW_RECORDS = 200;

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
  const paths = fieldPathsWithPreview(values);
  return {
    kind,
    detection: detectFormat(values),
    fields: paths.map((f) => f.path),
    previews: Object.fromEntries(paths.map((f) => [f.path, f.preview])),
    records,
    errors,
    totalBytes: file.size,
    complete,
  };
}
