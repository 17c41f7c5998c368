// The analysis worker's typed messages: the statistics behind the Human results and the Report, computed off the
// main thread. The only file both threads import besides the pure modules the handler runs.
import type { AnnotationLike } from '../ratings/annotations';
import type { SessionConfig } from '../ratings/session';
import type { SessionResults } from '../ratings/session-results';
import type { WriteOptions } from '../db/write-restored';
import type { BundleRecords, ProjectBundle } from '../report/bundle/types';
import type { Comparison } from '../report/compare';
import type { SliceDef } from '../report/slices';
import type { ReportSummary } from '../report/summary';
import type { IntervalBarSpec } from '../ui/charts/spec';
import type { SortDirection } from '../ui/sort-order';

/** The annotations `sessionResults` (src/lib/ratings/session-results.ts) reads; sent once, reused by every filter. */
export interface HumanData {
  annotations: AnnotationLike[];
  datasetPairwise: AnnotationLike[];
  /** Tags of the session's rows (per-tag slices). */
  tagsByRow: Map<string, string[]>;
}

/** The rest of `sessionResults`'s inputs: the session and the filters. */
export interface HumanResultsQuery {
  config: SessionConfig;
  annotator: string;
  btBaseline: string;
}

/** The per-slice charts of the Report's evidence (each slice: a statistic with a 400-round bootstrap). */
export interface BreakdownCharts {
  /** The metric in focus by slice; null when no metric is in focus. */
  slice: IntervalBarSpec | null;
  /** Every pairwise set's win rate by slice; null when there are no pairwise sets. */
  winRate: IntervalBarSpec | null;
}

/** How a bundle is opened: as a project bundle (restore()), or any file the Report imports (detectResults() first). */
export type BundleSource =
  | { kind: 'bundle'; input: Uint8Array | string }
  | { kind: 'any'; input: Uint8Array; fileName: string; now: number };

/** A bundle restore() accepted, or why not: `stage` says whether the file was unrecognised or refused. */
export type BundleOutcome =
  { ok: true; bundle: ProjectBundle } | { ok: false; stage: 'detect' | 'restore'; message: string };

/** A bundle opened and written to the database in the worker: the new project's id and its name in the bundle. */
export type BundleOpenOutcome =
  { ok: true; projectId: string; name: string } | { ok: false; stage: 'detect' | 'restore'; message: string };

/**
 * Main thread → worker. Every request carries an id and gets exactly one answer. Data is sent once under a `key`
 * (`human-load` the annotations, `report-load` the project's records, `sort-load` a text column's keys) and later requests name the key they are
 * about, so a filter or slice change sends a few bytes, not thousands of records. A cancel names a queued request
 * to drop (one already running finishes; its answer is then ignored).
 */
export type AnalysisRequest =
  | { type: 'human-load'; id: number; key: string; data: HumanData }
  | { type: 'human-results'; id: number; key: string; query: HumanResultsQuery }
  | { type: 'report-load'; id: number; key: string; records: BundleRecords; datasetId?: string }
  | { type: 'report-summary'; id: number; key: string; mask: boolean[] | null }
  | { type: 'report-breakdown'; id: number; key: string; metric: string | null; slices: SliceDef[] }
  | { type: 'report-compare'; id: number; key: string; a: string; b: string }
  | { type: 'sort-load'; id: number; key: string; keys: (string | undefined)[] }
  | { type: 'sort-text'; id: number; key: string; direction: SortDirection }
  | { type: 'bundle-restore'; id: number; source: BundleSource }
  | { type: 'bundle-open'; id: number; source: BundleSource; options: WriteOptions }
  | { type: 'cancel'; id: number; target: number };

/** Worker → main thread: the answer to a request has the request's type, or is `cancelled` or `error`. */
export type AnalysisResponse =
  | { type: 'human-load'; id: number; key: string }
  | { type: 'human-results'; id: number; results: SessionResults }
  | { type: 'report-load'; id: number; key: string; rows: number }
  | { type: 'report-summary'; id: number; summary: ReportSummary }
  | { type: 'report-breakdown'; id: number; charts: BreakdownCharts }
  | { type: 'report-compare'; id: number; comparison: Comparison }
  | { type: 'sort-load'; id: number; key: string }
  | { type: 'sort-text'; id: number; order: Uint32Array }
  | { type: 'bundle-restore'; id: number; outcome: BundleOutcome }
  | { type: 'bundle-open'; id: number; outcome: BundleOpenOutcome }
  | { type: 'cancelled'; id: number }
  | { type: 'error'; id: number; code: string; message: string };

/** A request without its id, as a caller writes it (cancel is the client's business). */
export type AnalysisBody =
  Exclude<AnalysisRequest, { type: 'cancel' }> extends infer R
    ? R extends { id: number }
      ? Omit<R, 'id'>
      : never
    : never;

/** The successful answer to a request body of type T. */
export type AnalysisAnswer<T extends AnalysisBody['type']> = Extract<AnalysisResponse, { type: T }>;

/** The buffers an answer hands over instead of copying (a sort permutation). */
export function transferablesOf(message: AnalysisResponse): Transferable[] {
  return message.type === 'sort-text' ? [message.order.buffer] : [];
}
