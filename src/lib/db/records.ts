// Stored record shapes. Every score-like record carries the signature of the settings that produced it and the
// content hash of the dataset it was computed on, so unchanged inputs are never recomputed and stale ones are visible.
import type { DetectedFormat, Row, SystemInfo } from '../core/types';

export interface ProjectRecord {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  /** True for a project opened read-only from a shared bundle or link. */
  readOnly?: boolean;
  /** Free-text note shown on the start screen (schema v2; backfilled as ''). */
  description?: string;
}

export interface DatasetRecord {
  id: string;
  projectId: string;
  name: string;
  format: DetectedFormat;
  rowCount: number;
  /** Hash of the rows' content (ids, prompts, references, responses); changes whenever a score could. */
  contentHash: string;
  systems: SystemInfo[];
  /** Distinct tags, for filters. */
  tags: string[];
  /** The field mapping used at import, for display and re-import. */
  mapping: Record<string, unknown>;
  createdAt: number;
  /** Last change (import, join, rename); schema v2 indexes it and backfills it from createdAt. */
  updatedAt?: number;
  /** File the rows came from, for display. */
  source?: string;
}

/**
 * A dataset whose rows are being written (schema v2). Rows of an import land under a fresh datasetId before its
 * DatasetRecord exists; the record is written last, in one transaction, so a crash or cancel never leaves a
 * half-written dataset visible. Stale staging entries (no heartbeat) are swept with their rows on start.
 */
export interface StagedImportRecord {
  datasetId: string;
  projectId: string;
  source: string;
  startedAt: number;
  /** Heartbeat: bumped with every written batch. */
  updatedAt: number;
}

/** A row of a dataset: the core Row plus its dataset (what the row repository, src/lib/db/rows.ts, hands out). */
export interface RowRecord extends Row {
  datasetId: string;
}

/**
 * Rows as stored since schema v3: consecutive rows of one dataset in one record (primary key [datasetId+page]),
 * so an import writes one IndexedDB record per page instead of one per row. Only src/lib/db/rows.ts knows the
 * layout (page size, which rows go where); everything else reads and writes rows through it.
 */
export interface RowPageRecord {
  datasetId: string;
  page: number;
  /** The page's rows in idx order, stored without their datasetId. */
  rows: Row[];
}

/** One scoring run: a metric (or perplexity model) over one system of one dataset. */
export interface RunRecord {
  id: string;
  projectId: string;
  datasetId: string;
  datasetHash: string;
  kind: 'metric' | 'perplexity';
  /** Metric name (`bleu`, `chrf`, `rouge`, `exact_match`, …) or `perplexity`. */
  metric: string;
  /** The system scored, or the text field scored for perplexity. */
  system: string;
  /** sacreBLEU-style signature of every setting that changes the number. */
  signature: string;
  options: Record<string, unknown>;
  status: 'running' | 'done' | 'cancelled' | 'error';
  /** Corpus-level result (score, interval, counts…), metric-specific. */
  corpus?: Record<string, unknown>;
  error?: string;
  createdAt: number;
  updatedAt: number;
}

/** One row's score within a run. Primary key [runId+rowIdx]. */
export interface RowScoreRecord {
  runId: string;
  rowIdx: number;
  rowId: string;
  /** Metric-specific values (e.g. {score, counts, totals} for BLEU, {nll_sum, tokens} for perplexity). */
  value: Record<string, unknown>;
}

/** A human-evaluation session: which systems, rows, dimensions, and the seed that fixed sides and order. */
export interface AnnotationSessionRecord {
  id: string;
  projectId: string;
  datasetId: string;
  kind: 'pairwise' | 'likert';
  name: string;
  config: Record<string, unknown>;
  createdAt: number;
}

/** One annotator's judgment of one item. */
export interface AnnotationRecord {
  id: string;
  sessionId: string;
  projectId: string;
  datasetId: string;
  rowId: string;
  annotator: string;
  kind: 'pairwise' | 'likert';
  /** Pairwise: 'A' | 'B' | 'tie' | 'both-bad' | 'skip', with the systems shown on each side. Likert: scores per dimension. */
  value: Record<string, unknown>;
  comment?: string;
  flagged?: boolean;
  createdAt: number;
  /** Milliseconds spent on the item. */
  durationMs?: number;
}

export interface RubricRecord {
  id: string;
  projectId: string;
  name: string;
  version: number;
  template: string;
  mode: 'single' | 'pairwise';
  /** Score range for single grading. */
  scale?: { min: number; max: number };
  createdAt: number;
}

/** A judge run: the rubric version, provider, model and parameters (never the key). */
export interface JudgeRunRecord {
  id: string;
  projectId: string;
  datasetId: string;
  rubricId: string;
  provider: string;
  model: string;
  params: Record<string, unknown>;
  mode: 'single' | 'pairwise';
  systems: string[];
  status: 'queued' | 'running' | 'paused' | 'done' | 'cancelled' | 'error';
  createdAt: number;
  updatedAt: number;
  /**
   * When the run arrived in a bundle (share link, imported file, demo): its provider, base URL and model were chosen
   * by the bundle's author, so the page shows them but sends a key there only after the user confirms.
   */
  importedAt?: number;
}

/** One judge call's outcome. `score` / `verdict` absent when unparsed: a failure never becomes a score. */
export interface JudgmentRecord {
  id: string;
  runId: string;
  rowId: string;
  /** Content-addressed key of the request (provider, model, params, filled prompt). */
  cacheKey: string;
  system?: string;
  /** Pairwise: which order ('AB' or 'BA') and repeat index. */
  order?: 'AB' | 'BA';
  repeat: number;
  status: 'pending' | 'done' | 'unparsed' | 'failed';
  score?: number;
  verdict?: 'A' | 'B' | 'tie';
  raw?: string;
  error?: string;
  usage?: { promptTokens: number; completionTokens: number };
  /** G-Eval probability-weighted score, only where the provider returned logprobs (not indexed). */
  weighted?: number;
  /** How many times an unparsed answer was re-asked with a format reminder (not indexed). */
  reasked?: number;
  /** Set just before the provider call and removed when its answer is recorded: a call that may already be paid. */
  inFlightAt?: number;
  updatedAt: number;
}

/** Content-addressed cache of provider answers. */
export interface JudgeCacheRecord {
  key: string;
  raw: string;
  usage?: { promptTokens: number; completionTokens: number };
  logprobs?: unknown;
  createdAt: number;
}

/** Small app settings (never secrets). */
export interface SettingRecord {
  key: string;
  value: unknown;
}
