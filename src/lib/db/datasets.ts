// Dataset repository. Imports are staged: rows are written in batches under a fresh datasetId while a
// StagedImportRecord marks them as unfinished; commitImport writes the DatasetRecord (and project) in one
// transaction, so until then no view can see the rows, and discard/sweep remove them without trace.
import type { Row } from '../core/types';
import type { DatasetRecord, ProjectRecord, StagedImportRecord } from './records';
import type { YardstickDb } from './schema';
import { deleteWhere } from './cascade';
import { deleteRows, putRows, rowOwners } from './rows';
import { asStorageError } from './storage';

/** Staged imports with no heartbeat for this long are considered dead (tab closed, crash). */
export const STALE_IMPORT_MS = 10 * 60 * 1000;

/** Datasets of a project, oldest first. */
export async function listDatasets(db: YardstickDb, projectId: string): Promise<DatasetRecord[]> {
  return db.datasets.where('projectId').equals(projectId).sortBy('createdAt');
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
export async function writeStagedRows(
  db: YardstickDb,
  datasetId: string,
  rows: readonly Row[],
): Promise<void> {
  try {
    await db.transaction('rw', db.rowPages, db.stagedImports, async () => {
      await putRows(db, datasetId, rows);
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
  await db.transaction('rw', db.rowPages, db.stagedImports, db.datasets, async () => {
    // Never delete the rows of a committed dataset through this path.
    if (await db.datasets.get(datasetId)) return;
    await deleteRows(db, datasetId);
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
  const owners = await rowOwners(db);
  const dead = new Set([
    ...staged.filter((s) => !live.has(s.datasetId)).map((s) => s.datasetId),
    ...owners.filter((id) => !known.has(id) && !live.has(id)),
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
 * Replaces rows of a dataset and its record in one transaction (after a join added a system). Rows are rewritten by
 * position (idx); rows not passed stay as they are, so row count and order must not change.
 */
export async function replaceDatasetRows(
  db: YardstickDb,
  dataset: DatasetRecord,
  rows: readonly Row[],
): Promise<void> {
  try {
    await db.transaction('rw', db.rowPages, db.datasets, db.projects, async () => {
      await putRows(db, dataset.id, rows);
      await db.datasets.put(dataset);
      await db.projects.update(dataset.projectId, { updatedAt: Date.now() });
    });
  } catch (e) {
    throw asStorageError(e);
  }
}
