// Types of the dataset pipeline: bytes → records (parse) → rows (map) → joined/hashed datasets.
// Platform objects (streams, signals) are typed structurally so this pure code compiles without DOM or Node libs.
import type { DetectedFormat, LineError, Row } from '../core/types';

/** The three container formats the reader understands. */
export type SourceKind = 'jsonl' | 'json' | 'csv';

/** The subset of `ReadableStream<Uint8Array>` the reader uses (a real stream satisfies it). */
export interface ByteStreamLike {
  getReader(): {
    read(): Promise<{ done: boolean; value?: Uint8Array | undefined }>;
    cancel(reason?: unknown): Promise<void>;
    releaseLock(): void;
  };
}

/** Anything that yields the file's bytes in order: a web stream, a Node stream, or an (async) iterable of chunks. */
export type ByteSource = ByteStreamLike | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/** The subset of `AbortSignal` the reader checks between chunks. */
export interface AbortSignalLike {
  readonly aborted: boolean;
}

/** One parsed record and where it came from. */
export interface SourceRecord {
  /** 1-based: the file line (JSONL), the line a record starts on (CSV), or the element number (JSON array). */
  line: number;
  /** The parsed value: any JSON value for JSON/JSONL, a `{ header: cell }` object for CSV. */
  value: unknown;
}

/** What the reader yields, once per chunk of input. */
export interface RecordBatch {
  records: SourceRecord[];
  errors: LineError[];
  /** Bytes consumed so far (including this batch), for progress = bytesRead / total. */
  bytesRead: number;
}

/** Options of the streaming reader. */
export interface ReadOptions {
  /** Checked between chunks; when it fires the reader stops and throws `AbortError`. */
  signal?: AbortSignalLike;
  /** Longest accepted line/record/element in bytes; longer ones become a `line-too-long` error. Default 64 MiB. */
  maxLineBytes?: number;
  /** CSV only: the field delimiter. Default: guessed from the header line (`,` `\t` `;` `|`). */
  delimiter?: string;
}

/** How a multiple-choice label is written in the file. */
export type LabelEncoding =
  /** 0-based index into the choices. */
  | 'index'
  /** 1-based index into the choices. */
  | 'index1'
  /** A, B, C… (also "(B)", "b."). */
  | 'letter'
  /** The text of the correct choice. */
  | 'text'
  /** Try index, then letter, then text, per row. */
  | 'auto';

/** Where one system's response comes from. */
export type ResponseMapping = {
  /** System name (key in `Row.responses`); the fallback when `systemField` is empty on a row. */
  system: string;
  /** Field path of the response text. */
  field: string;
  /** Field path whose value names the system on each row (arena-style `model_a`/`response_a`). */
  systemField?: string;
};

/** A conversation field (OpenAI `messages` or ShareGPT `conversations`). */
export type ConversationMapping = {
  /** Field path of the turn array. */
  field: string;
  /** What the last assistant turn is: a system's response, or the reference. The turns before it are the prompt. */
  lastAssistantAs: 'response' | 'reference';
  /** System name for the last assistant turn when `lastAssistantAs` is 'response'. */
  system: string;
};

/** Long format: one record per prompt × system, pivoted into one row per prompt. */
export type LongMapping = {
  /** Field path naming the system of each record (`model`, `system`, `generator`). */
  systemField: string;
  /** Field path of the response text of each record. */
  responseField: string;
  /** How records of the same prompt are grouped: by the mapped id field, or by normalized prompt text. */
  groupBy: 'id' | 'prompt';
};

/**
 * An editable, serialisable description of how records become rows. Field paths are dot-separated
 * (`outputs.gpt-4`); a key that literally contains dots is matched first, so `gpt-3.5-turbo` works.
 * Every top-level field no path uses is kept in `Row.metadata`.
 */
export type FieldMapping = {
  /** The format the mapping was detected for (informational; the mapping alone drives the mapper). */
  format: DetectedFormat;
  /** Field path(s) of the prompt; several are joined with a blank line (Alpaca instruction + input). */
  prompt: string[];
  /** Responses per system. */
  responses: ResponseMapping[];
  /** Field path of an object whose every key is a system and value its response (`{outputs: {model: text}}`). */
  responsesObject?: string;
  /** Field path(s) of references: each a string or an array of strings. */
  references: string[];
  /** A conversation that provides the prompt and the last assistant turn. */
  conversation?: ConversationMapping;
  /** Field path(s) of the choices: one path to an array, or one path per option (`A`, `B`, `C`, `D` columns). */
  choices: string[];
  /** Field path of the gold label (with choices: the correct option; without: a class name). */
  label?: string;
  /** How `label` is written when there are choices. */
  labelEncoding: LabelEncoding;
  /** Field path of a unique id; rows without one get `row-<line>`. */
  id?: string;
  /** Field path(s) of tags or categories: strings or arrays of strings. */
  tags: string[];
  /** Long format pivot (the mapper then emits rows only from `finish()`). */
  long?: LongMapping;
  /** Field path of an object whose keys are spread into metadata (Yardstick's own `metadata`; lm-eval's `doc`). */
  metadataObject?: string;
  /**
   * Per-choice scores (a list of numbers, one per choice, e.g. lm-eval's log-likelihoods `filtered_resps.*.0`): the
   * choice with the highest score becomes `system`'s response.
   */
  choiceScores?: { field: string; system: string };
  /** Splits text references on this separator (TruthfulQA's CSV lists several answers joined by "; "). */
  referenceSeparator?: string;
  /** Rows may have no prompt: an answers file whose prompts come from the file it is joined onto (MT-Bench). */
  promptOptional?: boolean;
};

/** The result of `detectFormat`. */
export interface FormatDetection {
  format: DetectedFormat;
  mapping: FieldMapping;
  /** 0–1: how sure the detector is (1 = every sampled record matched the format's signature). */
  confidence: number;
  /** Human-readable notes on choices made, for the mapping screen. */
  notes: string[];
}

/** What the row mapper returns for a batch of records. */
export interface MapResult {
  rows: Row[];
  /** Bad records (severity 'error', the record is skipped) and warnings (the row is kept). */
  errors: LineError[];
}
