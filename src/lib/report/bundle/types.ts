// The project bundle: one self-describing file holding a whole project, versioned so later readers can migrate it.
import type {
  AnnotationRecord,
  AnnotationSessionRecord,
  DatasetRecord,
  JudgeRunRecord,
  JudgmentRecord,
  ProjectRecord,
  RowRecord,
  RowScoreRecord,
  RubricRecord,
  RunRecord,
} from '../../db/records';

/** The magic value of the `format` field: anything else is a foreign file. */
export const BUNDLE_FORMAT = 'yardstick-project';
/** Version of the bundle envelope this code writes. */
export const BUNDLE_VERSION = 1;
/** Database schema version the records follow (see src/lib/db/schema.ts). */
export const RECORD_SCHEMA_VERSION = 2;

/** The record tables a bundle carries, in restore order (parents before children). */
export const BUNDLE_TABLES = [
  'datasets',
  'rows',
  'runs',
  'rowScores',
  'annotationSessions',
  'annotations',
  'rubrics',
  'judgeRuns',
  'judgments',
] as const;
/** One of the bundle's record tables. */
export type BundleTable = (typeof BUNDLE_TABLES)[number];

/** The records of one project, table by table. */
export interface BundleRecords {
  project: ProjectRecord;
  datasets: DatasetRecord[];
  rows: RowRecord[];
  runs: RunRecord[];
  rowScores: RowScoreRecord[];
  annotationSessions: AnnotationSessionRecord[];
  annotations: AnnotationRecord[];
  rubrics: RubricRecord[];
  judgeRuns: JudgeRunRecord[];
  judgments: JudgmentRecord[];
}

/** What a redaction removed, so a reader knows the blanks are deliberate. */
export interface RedactionInfo {
  prompts: boolean;
  responses: boolean;
  references: boolean;
  judgeText: boolean;
  comments: boolean;
  /** Metadata fields dropped from every row. */
  fields: string[];
}

/** The file: an envelope (format, versions, checksum) around the records. */
export interface ProjectBundle extends BundleRecords {
  format: typeof BUNDLE_FORMAT;
  formatVersion: number;
  schemaVersion: number;
  exportedAt: number;
  generator: string;
  /** Present when parts were removed before sharing. */
  redaction?: RedactionInfo;
  /** Set on bundles whose human ratings and judge results are recorded samples (the demo). */
  notice?: string;
  /** 64-bit content hash of everything else (stableStringify), to refuse files changed after export. */
  checksum: string;
}
