// The streaming import pipeline: bytes → records → rows → sink, in batches. It never holds the whole file: each
// batch of rows is handed to the sink (IndexedDB in the worker) while the next chunk is being parsed.
import type { LineError, Row, SystemInfo } from '../core/types';
import { throwIfAbortedLike } from './abort';
import { DatasetHasher } from '../dataset/content-hash';
import { clipRaw, isFatal } from '../dataset/line-errors';
import { readRecords } from '../dataset/read';
import { createRowMapper } from '../dataset/row-mapper';
import type { AbortSignalLike, ByteSource, FieldMapping, SourceKind, SourceRecord } from '../dataset/types';

/**
 * Where mapped rows go. `write` may be slow (a database transaction); the pipeline keeps up to WRITES_IN_FLIGHT
 * writes pending, started in order, and never returns or throws while one is still running.
 */
export interface RowSink {
  write(rows: Row[]): Promise<void>;
}

/** Progress of a running import. */
export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  rows: number;
  errors: number;
}

/** What an import produced. */
export interface ImportSummary {
  rowCount: number;
  /** Lines that were skipped (at most `maxErrors` kept; `errorCount` counts all). */
  errors: LineError[];
  errorCount: number;
  /** Problems in rows that were kept (e.g. one empty response), at most `maxErrors`. */
  warnings: LineError[];
  warningCount: number;
  systems: SystemInfo[];
  tags: string[];
  contentHash: string;
  bytesRead: number;
  /** Wall time of the whole import, and the part spent waiting for the sink (storage) rather than parsing. */
  elapsedMs: number;
  writeWaitMs: number;
}

/** Options of runImport. */
export interface ImportOptions {
  kind: SourceKind;
  source: ByteSource;
  totalBytes: number;
  mapping: FieldMapping;
  sink: RowSink;
  signal?: AbortSignalLike;
  onProgress?: (p: ImportProgress) => void;
  /** Rows per sink write: every write but the last holds a whole multiple of it (a paged store gets whole pages). */
  batchRows?: number;
  /** Errors and warnings kept for the report (beyond it they are only counted). */
  maxErrors?: number;
}

export const DEFAULT_BATCH_ROWS = 4096;
export const DEFAULT_MAX_ERRORS = 10_000;
/**
 * Sink writes pending at once. Two: the next batch is already being serialised into IndexedDB while the previous
 * transaction commits (with one, parsing stalled on every commit: ~0.35 s of a 100k-row import in Chromium).
 */
export const WRITES_IN_FLIGHT = 2;

/** Gives field-level errors (missing field, wrong type) the raw record, so "download bad lines" has every line. */
function attachRaw(errors: LineError[], records: readonly SourceRecord[]): void {
  let byLine: Map<number, unknown> | null = null;
  for (const e of errors) {
    if (e.raw !== undefined || !isFatal(e)) continue;
    byLine ??= new Map(records.map((r) => [r.line, r.value]));
    const value = byLine.get(e.line);
    if (value !== undefined) e.raw = clipRaw(JSON.stringify(value));
  }
}

/** Streams a source through the mapper into the sink; bad lines are collected, never fatal. */
export async function runImport(options: ImportOptions): Promise<ImportSummary> {
  const { sink, signal, onProgress } = options;
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;
  const maxErrors = options.maxErrors ?? DEFAULT_MAX_ERRORS;
  const mapper = createRowMapper(options.mapping);
  const hasher = new DatasetHasher();
  const summary: ImportSummary = {
    rowCount: 0,
    errors: [],
    errorCount: 0,
    warnings: [],
    warningCount: 0,
    systems: [],
    tags: [],
    contentHash: '',
    bytesRead: 0,
    elapsedMs: 0,
    writeWaitMs: 0,
  };
  const started = Date.now();
  let buffer: Row[] = [];
  const pending: Promise<void>[] = [];

  const collect = (errors: LineError[]): void => {
    for (const e of errors) {
      if (isFatal(e)) {
        if (summary.errorCount++ < maxErrors) summary.errors.push(e);
      } else if (summary.warningCount++ < maxErrors) summary.warnings.push(e);
    }
  };
  const accept = (rows: Row[]): void => {
    for (const r of rows) {
      hasher.add(r);
      buffer.push(r);
    }
    summary.rowCount += rows.length;
  };
  /** Waits until at most `room` writes are pending. A failed write fails the import once the others have settled. */
  const drain = async (room: number): Promise<void> => {
    const waitStart = Date.now();
    try {
      for (let head = pending[0]; pending.length > room && head; head = pending[0]) {
        await head;
        pending.shift();
      }
    } catch (e) {
      await Promise.allSettled(pending);
      throw e;
    } finally {
      summary.writeWaitMs += Date.now() - waitStart;
    }
  };
  const flush = async (final: boolean): Promise<void> => {
    await drain(WRITES_IN_FLIGHT - 1);
    throwIfAbortedLike(signal);
    const take = final ? buffer.length : buffer.length - (buffer.length % batchRows);
    if (take === 0) return;
    const batch = take === buffer.length ? buffer : buffer.slice(0, take);
    buffer = take === buffer.length ? [] : buffer.slice(take);
    const write = sink.write(batch);
    // Handled in drain(); this only keeps a failure from being reported as unhandled before then.
    write.catch(() => undefined);
    pending.push(write);
  };

  const readAll = async (): Promise<void> => {
    for await (const batch of readRecords(options.kind, options.source, signal ? { signal } : {})) {
      const mapped = mapper.push(batch.records);
      attachRaw(mapped.errors, batch.records);
      collect(batch.errors);
      collect(mapped.errors);
      accept(mapped.rows);
      summary.bytesRead = batch.bytesRead;
      if (buffer.length >= batchRows) await flush(false);
      onProgress?.({
        bytesRead: batch.bytesRead,
        totalBytes: options.totalBytes,
        rows: summary.rowCount,
        errors: summary.errorCount,
      });
    }
    const last = mapper.finish();
    collect(last.errors);
    accept(last.rows);
    await flush(true);
    await drain(0);
  };

  try {
    await readAll();
  } catch (e) {
    // Nothing may still be writing when the caller cleans up after a failure or a cancel.
    await Promise.allSettled(pending);
    throw e;
  }
  summary.elapsedMs = Date.now() - started;
  summary.systems = mapper.systems();
  summary.tags = mapper.tags();
  summary.contentHash = hasher.digest();
  summary.errors.sort((a, b) => a.line - b.line);
  summary.warnings.sort((a, b) => a.line - b.line);
  return summary;
}
