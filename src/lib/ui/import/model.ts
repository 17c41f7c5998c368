// What the import panel needs from the import flow: state to show and intentions to call. Declared here so the
// presentational layer depends on a shape, not on the state module.
import type { LineError, Row } from '../../core/types';
import type { FieldMapping, FormatDetection, SourceKind } from '../../dataset/types';

/** Progress counters of a running import. */
export interface ProgressInfo {
  bytesRead: number;
  totalBytes: number;
  rows: number;
  errors: number;
}

/** Outcome counts and lists of an import or a join. */
export interface ReportInfo {
  errors: LineError[];
  errorCount: number;
  warnings: LineError[];
  warningCount: number;
}

/** A join miss, as listed. */
export interface MissInfo {
  idx: number;
  id: string;
  line?: number;
  prompt: string;
}

/** The import flow as the panel sees it. */
export interface ImportPanelModel {
  readonly phase: 'idle' | 'reading' | 'mapping' | 'importing' | 'review' | 'saving' | 'joined' | 'failed';
  readonly target: { kind: 'new-project' } | { kind: 'join' };
  readonly fileName: string;
  readonly preview: {
    kind: SourceKind;
    detection: FormatDetection;
    fields: string[];
    previews: Record<string, string>;
    records: unknown[];
    totalBytes: number;
    complete: boolean;
  } | null;
  readonly mapped: {
    rows: Row[];
    errors: LineError[];
    systems: string[];
    share: number;
    reason: string | null;
  };
  readonly progress: ProgressInfo | null;
  readonly summary: (ReportInfo & { rowCount: number }) | null;
  readonly joinReport:
    | (ReportInfo & {
        matched: number;
        addedSystems: string[];
        unmatchedBase: MissInfo[];
        unmatchedOther: MissInfo[];
        unmatchedBaseCount: number;
        unmatchedOtherCount: number;
        duplicateOtherCount: number;
      })
    | null;
  readonly error: string | null;
  mapping: FieldMapping | null;
  projectName: string;
  joinBy: 'id' | 'prompt';
  start(): Promise<void>;
  cancel(): void;
  commit(): Promise<void>;
  discard(): Promise<void>;
  reset(): Promise<void>;
  back(): void;
  badLines(): string;
  reportJsonl(): string;
}

/** The top-level key a field path starts with (`choices.0.turns.0` → `choices`, `messages[-1]` → `messages`). */
export function topKey(path: string): string {
  return path.split(/[.[]/)[0] ?? path;
}

/** A picker option: the path, and a preview of its value when the sample has one. */
export function optionText(path: string, previews: Readonly<Record<string, string>>): string {
  const p = previews[path];
  return p === undefined ? path : `${path} = ${p}`;
}
