// Cascading deletes driven by the schema, not by a list of tables: a table another feature adds later is covered as
// long as it indexes projectId, datasetId, or the id of a parent record (runId, sessionId, rubricId).
import type { Table } from 'dexie';
import type { YardstickDb } from './schema';

const CHILD_KEYS = ['runId', 'sessionId', 'rubricId'] as const;

function hasIndex(table: Table, name: string): boolean {
  return table.schema.indexes.some((i) => i.name === name);
}

/** True when the table's primary key is the compound [datasetId+…] (the row pages table): delete by key range. */
function keyedByDataset(table: Table): boolean {
  const keyPath = table.schema.primKey.keyPath;
  return Array.isArray(keyPath) && keyPath[0] === 'datasetId';
}

/** Deletes every record of one dataset from a table keyed [datasetId+…], by primary-key range (IDBObjectStore.delete(range): no key fetch). */
export async function deleteDatasetRows(table: Table, datasetId: string): Promise<void> {
  await table
    .where(table.schema.primKey.name)
    .between([datasetId, -Infinity], [datasetId, Infinity], true, true)
    .delete();
}

/**
 * Deletes every record owned by the given project(s) or dataset(s), and the children of deleted parent records.
 * Call inside a 'rw' transaction over db.tables so the whole cascade is atomic.
 */
export async function deleteWhere(
  db: YardstickDb,
  owners: { projectId?: string[]; datasetIds: string[] },
): Promise<void> {
  const parentIds = new Set<string>();
  const projectIds = owners.projectId ?? [];
  for (const table of db.tables) {
    if (table.name === 'projects') continue;
    const keys: unknown[] = [];
    if (projectIds.length && hasIndex(table, 'projectId'))
      keys.push(...(await table.where('projectId').anyOf(projectIds).primaryKeys()));
    if (owners.datasetIds.length && hasIndex(table, 'datasetId') && !keyedByDataset(table))
      keys.push(...(await table.where('datasetId').anyOf(owners.datasetIds).primaryKeys()));
    if (table.name === 'datasets' || table.name === 'stagedImports') keys.push(...owners.datasetIds);
    if (keyedByDataset(table)) {
      for (const id of owners.datasetIds) await deleteDatasetRows(table, id);
    }
    for (const k of keys) if (typeof k === 'string') parentIds.add(k);
    if (keys.length) await table.bulkDelete(keys);
  }
  if (!parentIds.size) return;
  const parents = [...parentIds];
  for (const table of db.tables) {
    for (const key of CHILD_KEYS) {
      if (hasIndex(table, key)) await table.where(key).anyOf(parents).delete();
    }
  }
}
