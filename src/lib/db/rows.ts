// The row repository: the only code that knows how a dataset's rows are laid out in IndexedDB. Since schema v3 they
// are stored in pages (RowPageRecord, key [datasetId+page]) of ROW_PAGE_SIZE consecutive positions, page = ⌊idx /
// ROW_PAGE_SIZE⌋. Every IndexedDB put has a fixed cost: one record per row capped an import at ~12k rows/s in
// Chromium, pages of 512 rows reached ~180k rows/s. Rows stay plain objects (structured clone): storing each page, or
// each row, as JSON text measured no faster in the ingest bench and raised its peak heap from ~1.7× to 2.1–3.6× the
// file (Chromium 156). Callers see plain RowRecords; they never touch db.rowPages.
import type { Collection, Transaction } from 'dexie';
import type { Row } from '../core/types';
import { deleteDatasetRows } from './cascade';
import type { RowPageRecord, RowRecord } from './records';
import type { YardstickDb } from './schema';

/** Rows per stored page. Changing it changes the layout: it would need a schema version that re-pages. */
export const ROW_PAGE_SIZE = 512;

/** Rows per import write: whole pages, so no write has to read back a page the previous one left half-full. */
export const ROWS_PER_WRITE = ROW_PAGE_SIZE * 8;

/** Rows read per step by the v3 upgrade (bounded memory while moving a large database). */
const UPGRADE_BATCH = 4096;

const pageOf = (idx: number): number => Math.floor(idx / ROW_PAGE_SIZE);

/** The row as stored in a page: without its datasetId (the page has it). Import rows have none: no copy. */
function storedRow(row: Row): Row {
  if (!('datasetId' in row)) return row;
  const { datasetId: _owner, ...rest } = row as RowRecord;
  return rest;
}

/** Sorts a page's rows by idx (a no-op for rows already in order) and rejects two rows at one position. */
function sortPage(rows: Row[]): Row[] {
  let sorted = true;
  for (let i = 1; i < rows.length && sorted; i++) sorted = (rows[i - 1]?.idx ?? 0) < (rows[i]?.idx ?? 0);
  if (!sorted) rows.sort((a, b) => a.idx - b.idx);
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1];
    const b = rows[i];
    if (a && b && a.idx === b.idx)
      throw new Error(`Rows "${a.id}" and "${b.id}" are both at position ${a.idx}; nothing was saved.`);
  }
  return rows;
}

/** Rows grouped into their pages, each page sorted by idx. */
function groupByPage(rows: readonly Row[]): Map<number, Row[]> {
  const pages = new Map<number, Row[]>();
  for (const row of rows) {
    if (!Number.isSafeInteger(row.idx) || row.idx < 0)
      throw new Error(`Row "${row.id}" has an invalid position ${String(row.idx)}; nothing was saved.`);
    const page = pageOf(row.idx);
    const list = pages.get(page);
    if (list) list.push(storedRow(row));
    else pages.set(page, [storedRow(row)]);
  }
  for (const list of pages.values()) sortPage(list);
  return pages;
}

/** Merges two idx-sorted lists; on equal idx the update wins. */
function mergePage(stored: readonly Row[], updates: readonly Row[]): Row[] {
  const out: Row[] = [];
  let i = 0;
  let j = 0;
  while (i < stored.length || j < updates.length) {
    const a = stored[i];
    const b = updates[j];
    if (b === undefined || (a !== undefined && a.idx < b.idx)) {
      if (a) out.push(a);
      i++;
    } else {
      out.push(b);
      j++;
      if (a !== undefined && a.idx === b.idx) i++;
    }
  }
  return out;
}

/**
 * Writes rows of one dataset by position: a row replaces whatever was stored at its idx, other rows stay. Used for
 * import batches and for the rows a join changed. Atomic (its own transaction, or the caller's when it includes
 * db.rowPages). Pages the batch fills completely are written blind; partly covered pages are read and merged.
 */
export async function putRows(db: YardstickDb, datasetId: string, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const pages = groupByPage(rows);
  await db.transaction('rw', db.rowPages, async () => {
    const partial = [...pages].filter(([, list]) => list.length < ROW_PAGE_SIZE).map(([page]) => page);
    if (partial.length > 0) {
      const stored = await db.rowPages.bulkGet(partial.map((page): [string, number] => [datasetId, page]));
      stored.forEach((record, i) => {
        const page = partial[i];
        const updates = page === undefined ? undefined : pages.get(page);
        if (record && page !== undefined && updates) pages.set(page, mergePage(record.rows, updates));
      });
    }
    await db.rowPages.bulkPut([...pages].map(([page, list]) => ({ datasetId, page, rows: list })));
  });
}

/** The page records of one dataset, in page order. */
function pagesOf(db: YardstickDb, datasetId: string, first = 0, last = Infinity): Collection<RowPageRecord> {
  return db.rowPages.where('[datasetId+page]').between([datasetId, first], [datasetId, last], true, true);
}

/** Rows [start, end) of a dataset by position, in import order. */
export async function loadRowRange(
  db: YardstickDb,
  datasetId: string,
  start: number,
  end: number,
): Promise<RowRecord[]> {
  if (!(end > start)) return [];
  const pages = await pagesOf(db, datasetId, pageOf(Math.max(0, start)), pageOf(end - 1)).toArray();
  const out: RowRecord[] = [];
  for (const page of pages) {
    for (const row of page.rows) {
      if (row.idx < start || row.idx >= end) continue;
      // Fresh objects from IndexedDB: tag them in place rather than copying every row.
      const record = row as RowRecord;
      record.datasetId = datasetId;
      out.push(record);
    }
  }
  return out;
}

/** Every row of a dataset in order. */
export async function loadDatasetRows(db: YardstickDb, datasetId: string): Promise<RowRecord[]> {
  return loadRowRange(db, datasetId, 0, Infinity);
}

/** The rows with the given ids, in dataset order (ids not in the dataset are left out). */
export async function loadRowsByIds(
  db: YardstickDb,
  datasetId: string,
  ids: Iterable<string>,
): Promise<RowRecord[]> {
  const wanted = new Set(ids);
  const out: RowRecord[] = [];
  if (wanted.size === 0) return out;
  // Page by page (each()), so only the matching rows are kept, not the whole dataset.
  await pagesOf(db, datasetId).each((page) => {
    for (const row of page.rows) if (wanted.has(row.id)) out.push({ ...row, datasetId });
  });
  return out;
}

/** The ids of a dataset's rows, in order. */
export async function loadRowIds(db: YardstickDb, datasetId: string): Promise<string[]> {
  const ids: string[] = [];
  await pagesOf(db, datasetId).each((page) => {
    for (const row of page.rows) ids.push(row.id);
  });
  return ids;
}

/** Stored rows of one dataset, or of all datasets (staged ones included) when none is named. */
export async function countRows(db: YardstickDb, datasetId?: string): Promise<number> {
  let n = 0;
  const pages = datasetId === undefined ? db.rowPages.toCollection() : pagesOf(db, datasetId);
  await pages.each((page) => {
    n += page.rows.length;
  });
  return n;
}

/** Deletes every row of a dataset (by key range: nothing is read). */
export async function deleteRows(db: YardstickDb, datasetId: string): Promise<void> {
  await deleteDatasetRows(db.rowPages, datasetId);
}

/** The datasetIds that have rows stored (committed or staged), for sweeping orphans. */
export async function rowOwners(db: YardstickDb): Promise<string[]> {
  return (await db.rowPages.orderBy('datasetId').uniqueKeys()).map(String);
}

/**
 * Schema v3 upgrade: moves every v1/v2 row record into its page. Reads the old table in primary-key order
 * ([datasetId+idx], so each page's rows arrive together and sorted) a batch at a time, keeping memory bounded.
 */
export async function moveRowsIntoPages(tx: Transaction): Promise<void> {
  const from = tx.table<RowRecord, [string, number]>('rows');
  const to = tx.table<RowPageRecord, [string, number]>('rowPages');
  let after: [string, number] | null = null;
  let current: RowPageRecord | null = null;
  for (;;) {
    const source: Collection<RowRecord> = after
      ? from.where('[datasetId+idx]').above(after)
      : from.toCollection();
    const batch: RowRecord[] = await source.limit(UPGRADE_BATCH).toArray();
    const last: RowRecord | undefined = batch[batch.length - 1];
    if (!last) break;
    const done: RowPageRecord[] = [];
    for (const record of batch) {
      const page = pageOf(record.idx);
      if (!current || current.datasetId !== record.datasetId || current.page !== page) {
        if (current) done.push(current);
        current = { datasetId: record.datasetId, page, rows: [] };
      }
      current.rows.push(storedRow(record));
    }
    await to.bulkPut(done);
    after = [last.datasetId, last.idx];
  }
  if (current) await to.put(current);
}
