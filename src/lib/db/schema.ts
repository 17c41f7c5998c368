// The one Dexie database. Every version stays here forever with its upgrade; tests open old versions and upgrade.
import { Dexie, type EntityTable, type Table, type Transaction } from 'dexie';
import type {
  AnnotationRecord,
  AnnotationSessionRecord,
  DatasetRecord,
  JudgeCacheRecord,
  JudgeRunRecord,
  JudgmentRecord,
  ProjectRecord,
  RowPageRecord,
  RowScoreRecord,
  RubricRecord,
  RunRecord,
  SettingRecord,
  StagedImportRecord,
} from './records';
import { moveRowsIntoPages } from './rows';

export const DB_NAME = 'yardstick';

/** Version 1 stores. Kept verbatim: a database created by v1 must upgrade. */
export const SCHEMA_V1 = {
  projects: 'id, updatedAt',
  datasets: 'id, projectId',
  rows: '[datasetId+idx], datasetId, [datasetId+id]',
  runs: 'id, [datasetId+metric], datasetId, projectId',
  rowScores: '[runId+rowIdx], runId',
  annotationSessions: 'id, datasetId, projectId',
  annotations: 'id, sessionId, [sessionId+rowId], projectId, datasetId',
  rubrics: 'id, projectId',
  judgeRuns: 'id, projectId, datasetId',
  judgments: 'id, runId, [runId+status], cacheKey',
  judgeCache: 'key',
  settings: 'key',
} as const;

/**
 * Version 2: datasets get an `updatedAt` index (recently changed first on the start screen), projects a
 * `description`, and the `stagedImports` table that makes imports all-or-nothing (see StagedImportRecord).
 * rows lose the separate `datasetId` index: the primary key [datasetId+idx] already orders by datasetId, and Dexie
 * answers where('datasetId') from its prefix (a virtual index), so each stored row costs one index entry less.
 * Only changed tables are listed; Dexie carries the others over.
 */
export const SCHEMA_V2 = {
  datasets: 'id, projectId, updatedAt',
  rows: '[datasetId+idx], [datasetId+id]',
  stagedImports: 'datasetId, updatedAt',
} as const;

/** Version 2 upgrade: backfills the new fields so every record satisfies the v2 shape. */
async function upgradeToV2(tx: Transaction): Promise<void> {
  await tx
    .table<ProjectRecord>('projects')
    .toCollection()
    .modify((p) => {
      p.description ??= '';
    });
  await tx
    .table<DatasetRecord>('datasets')
    .toCollection()
    .modify((d) => {
      d.updatedAt ??= d.createdAt;
    });
}

/**
 * Version 3: rows are stored in pages of consecutive rows (RowPageRecord; layout in src/lib/db/rows.ts), because one
 * IndexedDB record per row capped an import at ~12k rows/s. The upgrade moves every row into its page, then the
 * old `rows` table is dropped (Dexie keeps a table removed in a version readable inside that version's upgrade).
 * The `datasetId` index lists the datasets that have rows (sweeping orphans) without reading any page.
 */
export const SCHEMA_V3 = {
  rows: null,
  rowPages: '[datasetId+page], datasetId',
} as const;

export class YardstickDb extends Dexie {
  projects!: EntityTable<ProjectRecord, 'id'>;
  datasets!: EntityTable<DatasetRecord, 'id'>;
  rowPages!: Table<RowPageRecord, [string, number]>;
  runs!: EntityTable<RunRecord, 'id'>;
  rowScores!: Table<RowScoreRecord, [string, number]>;
  annotationSessions!: EntityTable<AnnotationSessionRecord, 'id'>;
  annotations!: EntityTable<AnnotationRecord, 'id'>;
  rubrics!: EntityTable<RubricRecord, 'id'>;
  judgeRuns!: EntityTable<JudgeRunRecord, 'id'>;
  judgments!: EntityTable<JudgmentRecord, 'id'>;
  judgeCache!: EntityTable<JudgeCacheRecord, 'key'>;
  settings!: EntityTable<SettingRecord, 'key'>;
  stagedImports!: EntityTable<StagedImportRecord, 'datasetId'>;

  constructor(name = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2).upgrade(upgradeToV2);
    this.version(3).stores(SCHEMA_V3).upgrade(moveRowsIntoPages);
  }
}

/** Opens a database (a fresh name in tests). */
export function openDb(name = DB_NAME): YardstickDb {
  return new YardstickDb(name);
}
