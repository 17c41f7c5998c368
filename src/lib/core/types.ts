// Shared vocabulary of Yardstick: the shapes every layer agrees on. Types only, no behaviour.

/** One evaluation item: a prompt with its references and, per system, a response. */
export interface Row {
  /** Stable id from the file (or `row-<n>` when the file has none). Unique within a dataset. */
  id: string;
  /** Position in the dataset, 0-based; the order rows were imported in. */
  idx: number;
  prompt: string;
  /** Zero or more references; an empty array means "no reference". */
  references: string[];
  /** Responses keyed by system name (e.g. `base`, `finetuned`). A missing key means "no response". */
  responses: Record<string, string>;
  /** Multiple-choice options, when the row is a multiple-choice item. */
  choices?: string[];
  /** Gold label: an index into `choices`, or a class name for classification. */
  label?: number | string;
  tags: string[];
  /** Every other field of the source record, kept as-is. */
  metadata: Record<string, unknown>;
  /** 1-based line (JSONL/CSV record) the row came from, for error messages. */
  line?: number;
}

/** A model whose responses are in the dataset. */
export interface SystemInfo {
  /** Key in `Row.responses`. */
  name: string;
  /** Where the responses came from (file name, column). */
  source?: string;
}

/** The input formats the importer recognises. */
export type DetectedFormat =
  | 'generic'
  | 'openai-chat'
  | 'alpaca'
  | 'sharegpt'
  | 'wide-multi-system'
  | 'outputs-object'
  | 'long'
  | 'multiple-choice'
  | 'yardstick-rows'
  | 'lm-eval-samples'
  | 'mt-bench-questions'
  | 'mt-bench-answers'
  | 'nested-multiple-choice'
  | 'truthfulqa'
  | 'unknown';

/** Where a bad line went wrong. Never thrown: returned beside the valid rows. */
export interface LineError {
  /** 1-based line (JSONL) or record (CSV/JSON array element) number. */
  line: number;
  /** The field at fault, or `null` when the whole line is (invalid JSON, wrong shape). */
  field: string | null;
  code:
    | 'invalid-json'
    | 'invalid-utf8'
    | 'not-an-object'
    | 'wrong-type'
    | 'missing-field'
    | 'duplicate-id'
    | 'empty-response'
    | 'line-too-long'
    | 'csv-error';
  message: string;
  /** 'error' (the default when absent): the record was skipped. 'warning': the row was kept (e.g. one empty response). */
  severity?: 'error' | 'warning';
  /** The raw text of the line, possibly truncated, so bad lines can be downloaded and fixed. */
  raw?: string;
}

/** A discriminated success/failure value for expected failures. */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });

/** A confidence interval (same scale as the score it qualifies). */
export interface Interval {
  low: number;
  high: number;
  /** Confidence level, e.g. 0.95. */
  level: number;
  /** How it was computed, e.g. `bootstrap(n=1000,seed=12345)` or `wilson`. */
  method: string;
}
