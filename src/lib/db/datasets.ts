// Dataset repository. Imports are staged: rows are written in batches under a fresh datasetId while a
// StagedImportRecord marks them as unfinished; commitImport writes the DatasetRecord (and project) in one
// transaction, so until then no view can see the rows, and discard/sweep remove them without trace.
import type { DatasetRecord, ProjectRecord, RowRecord, StagedImportRecord } from './records';
import type { YardstickDb } from './schema';
import { deleteDatasetRows, deleteWhere } from './cascade';
import { asStorageError } from './storage';

/** Staged imports with no heartbeat for this long are considered dead (tab closed, crash). */
export const STALE_IMPORT_MS = 10 * 60 * 1000;

/** Datasets of a project, oldest first. */
export async function listDatasets(db: YardstickDb, projectId: string): Promise<DatasetRecord[]> {
  return db.datasets.where('projectId').equals(projectId).sortBy('createdAt');
}

/** Rows [start, end) of a dataset by position, in import order. */
export async function loadRowRange(
  db: YardstickDb,
  datasetId: string,
  start: number,
  end: number,
): Promise<RowRecord[]> {
  return db.rows
    .where('[datasetId+idx]')
    .between([datasetId, start], [datasetId, end], true, false)
    .toArray();
}

/**
 * Every row of a dataset in order. Prefer this (and loadRowRange) to querying db.rows directly: how rows are laid
 * out in IndexedDB is this module's business, and may change (e.g. to pages of rows) without callers noticing.
 */
export async function loadDatasetRows(db: YardstickDb, datasetId: string): Promise<RowRecord[]> {
  return loadRowRange(db, datasetId, 0, Infinity);
}

/** Registers an import in progress; its rows stay invisible until commitImport. */
export async function stageImport(
  db: YardstickDb,
  staged: Omit<StagedImportRecord, 'startedAt' | 'updatedAt'>,
): Promise<void> {
  const now = Date.now();
  try {
    await db.stagedImports.put({ ...staged, startedAt: now, updatedAt: now });
  } catch (e) {
    throw asStorageError(e);
  }
}

/** Writes one batch of staged rows and bumps the heartbeat, atomically. Quota failures become QuotaError. */
export async function writeStagedRows(db: YardstickDb, datasetId: string, rows: RowRecord[]): Promise<void> {
  try {
    await db.transaction('rw', db.rows, db.stagedImports, async () => {
      await db.rows.bulkPut(rows);
      await db.stagedImports.update(datasetId, { updatedAt: Date.now() });
    });
  } catch (e) {
    throw asStorageError(e);
  }
}

/**
 * Makes a staged import visible: writes the dataset and, for a new project, the project, and clears the staging
 * mark, all in one transaction. Throws when the staging mark is gone (the import was discarded or swept).
 */
export async function commitImport(
  db: YardstickDb,
  dataset: DatasetRecord,
  newProject?: ProjectRecord,
): Promise<void> {
  try {
    await db.transaction('rw', db.projects, db.datasets, db.stagedImports, async () => {
      const staged = await db.stagedImports.get(dataset.id);
      if (!staged) throw new Error('The import was discarded before it could be saved.');
      if (newProject) await db.projects.put(newProject);
      else await db.projects.update(dataset.projectId, { updatedAt: Date.now() });
      await db.datasets.put(dataset);
      await db.stagedImports.delete(dataset.id);
    });
  } catch (e) {
    throw asStorageError(e);
  }
}

/** Removes a staged import and all its rows (cancel, failure, or the user rejecting the validation report). */
export async function discardStaged(db: YardstickDb, datasetId: string): Promise<void> {
  await db.transaction('rw', db.rows, db.stagedImports, db.datasets, async () => {
    // Never delete the rows of a committed dataset through this path.
    if (await db.datasets.get(datasetId)) return;
    await deleteDatasetRows(db.rows, datasetId);
    await db.stagedImports.delete(datasetId);
  });
}

/**
 * Sweeps what interrupted imports left behind: staged imports without a recent heartbeat, and rows whose dataset
 * neither exists nor is being staged. Returns the number of datasets swept.
 */
export async function sweepStaleImports(db: YardstickDb, now = Date.now()): Promise<number> {
  const staged = await db.stagedImports.toArray();
  const live = new Set(staged.filter((s) => now - s.updatedAt < STALE_IMPORT_MS).map((s) => s.datasetId));
  const known = new Set((await db.datasets.toCollection().primaryKeys()).map(String));
  const rowOwners = (await db.rows.orderBy('datasetId').uniqueKeys()).map(String);
  const dead = new Set([
    ...staged.filter((s) => !live.has(s.datasetId)).map((s) => s.datasetId),
    ...rowOwners.filter((id) => !known.has(id) && !live.has(id)),
  ]);
  for (const id of dead) await discardStaged(db, id);
  return dead.size;
}

/** Deletes one dataset with its rows and everything computed on it. */
export async function deleteDataset(db: YardstickDb, datasetId: string): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    await deleteWhere(db, { datasetIds: [datasetId] });
  });
}

/**
 * Replaces a dataset's rows and record in one transaction (after a join added a system). Rows are rewritten by key,
 * so row count and order must not change.
 */
export async function replaceDatasetRows(
  db: YardstickDb,
  dataset: DatasetRecord,
  rows: RowRecord[],
): Promise<void> {
  try {
    await db.transaction('rw', db.rows, db.datasets, db.projects, async () => {
      await db.rows.bulkPut(rows);
      await db.datasets.put(dataset);
      await db.projects.update(dataset.projectId, { updatedAt: Date.now() });
    });
  } catch (e) {
    throw asStorageError(e);
  }
}
