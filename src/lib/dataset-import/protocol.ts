// Messages between the page and the import worker: the only file both sides import. Requests carry ids; the
// worker always answers each request with exactly one final message ('preview' | 'staged' | 'joined' |
// 'cancelled' | 'error'), and may send 'progress' before it.
import type { LineError } from '../core/types';
import type { FormatDetection, FieldMapping, SourceKind, SourceRecord } from '../dataset/types';
import type { JoinMiss } from '../dataset/join';
import type { ImportProgress, ImportSummary } from './pipeline';

/** Read the head of a file: container kind, format, suggested mapping, sample records. */
export interface PreviewRequest {
  type: 'preview';
  id: number;
  file: Blob;
  name: string;
}

/** Stream a whole file into a staged (not yet visible) dataset. */
export interface ImportRequest {
  type: 'import';
  id: number;
  file: Blob;
  kind: SourceKind;
  mapping: FieldMapping;
  projectId: string;
  datasetId: string;
  source: string;
}

/** Parse another model's outputs and join them onto an existing dataset, atomically. */
export interface JoinRequest {
  type: 'join';
  id: number;
  file: Blob;
  kind: SourceKind;
  mapping: FieldMapping;
  datasetId: string;
  by: 'id' | 'prompt';
  source: string;
}

/** Stop the request with id `target`; it answers 'cancelled' after cleaning up. */
export interface CancelRequest {
  type: 'cancel';
  id: number;
  target: number;
}

export type WorkerRequest = PreviewRequest | ImportRequest | JoinRequest | CancelRequest;

/** The head of a file, for the mapping screen. */
export interface PreviewResult {
  kind: SourceKind;
  detection: FormatDetection;
  /** Field paths seen in the sample (keys, nested keys, list elements: see dataset/field-paths.ts). */
  fields: string[];
  /** A short preview of each field's value in the first sampled record that has it. */
  previews: Record<string, string>;
  /** The first records, to re-map on the page as the user edits the mapping. */
  records: SourceRecord[];
  /** Reader errors among the sampled lines. */
  errors: LineError[];
  totalBytes: number;
  /** True when the sample is the whole file. */
  complete: boolean;
}

/** A join's outcome (already written). */
export interface JoinReport {
  matched: number;
  addedSystems: string[];
  /** Rows listed (the first ones); the counts below are complete. */
  unmatchedBase: JoinMiss[];
  unmatchedOther: JoinMiss[];
  duplicateOther: JoinMiss[];
  unmatchedBaseCount: number;
  unmatchedOtherCount: number;
  duplicateOtherCount: number;
  errors: LineError[];
  errorCount: number;
  warnings: LineError[];
  warningCount: number;
}

export type WorkerResponse =
  | { type: 'progress'; id: number; progress: ImportProgress }
  | { type: 'preview'; id: number; result: PreviewResult }
  | { type: 'staged'; id: number; summary: ImportSummary }
  | { type: 'joined'; id: number; report: JoinReport }
  | { type: 'cancelled'; id: number }
  | { type: 'error'; id: number; code: string; message: string };
