// Opens databases written by schema v1 and v2 with the current schema: nothing may be lost, the v2 upgrade must
// backfill its fields, and the v3 upgrade must move every row into the paged layout.
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, SCHEMA_V1, SCHEMA_V2, type YardstickDb } from '../../src/lib/db/schema';
import type { DatasetRecord, ProjectRecord, RowRecord } from '../../src/lib/db/records';
import { countRows, loadDatasetRows, loadRowRange, ROW_PAGE_SIZE, rowOwners } from '../../src/lib/db/rows';

const opened: Dexie[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

const v1Project = { id: 'p1', name: 'Legacy', createdAt: 100, updatedAt: 200 } satisfies ProjectRecord;
const v1Dataset = {
  id: 'd1',
  projectId: 'p1',
  name: 'outputs.jsonl',
  format: 'generic',
  rowCount: 2,
  contentHash: 'abc',
  systems: [{ name: 'base' }, { name: 'tuned' }],
  tags: ['math'],
  mapping: { prompt: 'question' },
  createdAt: 150,
} satisfies DatasetRecord;
const v1Rows: RowRecord[] = [0, 1].map((idx) => ({
  datasetId: 'd1',
  id: `r${idx}`,
  idx,
  prompt: `What is ${idx}+${idx}?`,
  references: [String(idx * 2)],
  responses: { base: 'four', tuned: String(idx * 2) },
  tags: ['math'],
  metadata: { source: 'hand', nested: { n: idx } },
  line: idx + 1,
}));

/** A larger dataset: more rows than one upgrade batch (4096), so pages span batches and datasets. */
const BIG = 5000;
const bigRows: RowRecord[] = Array.from({ length: BIG }, (_, idx) => ({
  datasetId: 'd2',
  id: `b${idx}`,
  idx,
  prompt: `p${idx}`,
  references: [],
  responses: { m: `m${idx}` },
  tags: [],
  metadata: {},
}));
const stagedRows: RowRecord[] = [0, 1, 2].map((idx) => ({ ...(bigRows[idx] as RowRecord), datasetId: 'st' }));

async function createV1(name: string): Promise<void> {
  const v1 = new Dexie(name);
  v1.version(1).stores(SCHEMA_V1);
  await v1.open();
  await v1.table('projects').add(v1Project);
  await v1.table('datasets').add(v1Dataset);
  await v1.table('rows').bulkAdd(v1Rows);
  await v1.table('settings').put({ key: 'current', value: { projectId: 'p1' } });
  expect(v1.verno).toBe(1);
  v1.close();
}

/** A database as schema v2 writes it: two datasets (one over several pages) and a staged import's rows. */
async function createV2(name: string): Promise<void> {
  const v2 = new Dexie(name);
  v2.version(1).stores(SCHEMA_V1);
  v2.version(2).stores(SCHEMA_V2);
  await v2.open();
  await v2.table('projects').add({ ...v1Project, description: 'two datasets' });
  await v2.table('datasets').bulkAdd([
    { ...v1Dataset, updatedAt: 160 },
    { ...v1Dataset, id: 'd2', name: 'big.jsonl', rowCount: BIG, updatedAt: 170 },
  ]);
  // Written out of order on purpose: the upgrade must not rely on insertion order.
  await v2.table('rows').bulkAdd([...bigRows].reverse());
  await v2.table('rows').bulkAdd(v1Rows);
  await v2
    .table('stagedImports')
    .put({ datasetId: 'st', projectId: 'p1', source: 'f', startedAt: 1, updatedAt: 1 });
  await v2.table('rows').bulkAdd(stagedRows);
  expect(v2.verno).toBe(2);
  v2.close();
}

function track(db: YardstickDb): YardstickDb {
  opened.push(db);
  return db;
}

describe('schema v1 → current', () => {
  it('keeps every v1 record and backfills the v2 fields', async () => {
    await createV1('upgrade-a');
    const db = track(openDb('upgrade-a'));
    await db.open();
    expect(db.verno).toBe(3);
    expect(await db.projects.get('p1')).toEqual({ ...v1Project, description: '' });
    expect(await db.datasets.get('d1')).toEqual({ ...v1Dataset, updatedAt: 150 });
    expect(await loadDatasetRows(db, 'd1')).toEqual(v1Rows);
    expect(await db.settings.get('current')).toEqual({ key: 'current', value: { projectId: 'p1' } });
  });

  it('creates the v2 index and table', async () => {
    await createV1('upgrade-b');
    const db = track(openDb('upgrade-b'));
    await db.open();
    // The new datasets.updatedAt index answers queries with the backfilled value.
    expect(await db.datasets.where('updatedAt').equals(150).primaryKeys()).toEqual(['d1']);
    await db.stagedImports.put({ datasetId: 'x', projectId: 'p1', source: 'f', startedAt: 1, updatedAt: 1 });
    expect(await db.stagedImports.where('updatedAt').below(2).count()).toBe(1);
  });

  it('opens a fresh database directly at the current version, without the old rows table', async () => {
    const db = track(openDb('fresh'));
    await db.open();
    expect(db.verno).toBe(3);
    const names = db.tables.map((t) => t.name);
    expect(names).toContain('stagedImports');
    expect(names).toContain('rowPages');
    expect(names).not.toContain('rows');
  });
});

describe('schema v2 → v3 (rows into pages)', () => {
  it('moves every row of every dataset, staged ones included, and drops the rows table', async () => {
    await createV2('upgrade-v2');
    const db = track(openDb('upgrade-v2'));
    await db.open();
    expect(db.verno).toBe(3);
    expect(db.tables.map((t) => t.name)).not.toContain('rows');
    expect(await loadDatasetRows(db, 'd1')).toEqual(v1Rows);
    expect(await loadDatasetRows(db, 'd2')).toEqual(bigRows);
    expect(await loadDatasetRows(db, 'st')).toEqual(stagedRows);
    expect(await countRows(db)).toBe(2 + BIG + 3);
    expect((await rowOwners(db)).sort()).toEqual(['d1', 'd2', 'st']);
    // Ranges across page boundaries read the same rows as before.
    const start = ROW_PAGE_SIZE - 3;
    expect(await loadRowRange(db, 'd2', start, 4100)).toEqual(bigRows.slice(start, 4100));
    // v2 records are untouched by v3.
    expect(await db.projects.get('p1')).toEqual({ ...v1Project, description: 'two datasets' });
    expect(await db.stagedImports.get('st')).toMatchObject({ projectId: 'p1' });
  });

  it('stores whole pages: ⌈n / page size⌉ records per dataset, keyed [datasetId, page], rows without datasetId', async () => {
    await createV2('upgrade-pages');
    const db = track(openDb('upgrade-pages'));
    await db.open();
    const pages = await db.rowPages.where('datasetId').equals('d2').toArray();
    expect(pages.map((p) => p.page)).toEqual(
      Array.from({ length: Math.ceil(BIG / ROW_PAGE_SIZE) }, (_, i) => i),
    );
    expect(pages.map((p) => p.rows.length)).toEqual(
      pages.map((p) => Math.min(ROW_PAGE_SIZE, BIG - p.page * ROW_PAGE_SIZE)),
    );
    expect(pages.every((p) => p.rows.every((r, i) => r.idx === p.page * ROW_PAGE_SIZE + i))).toBe(true);
    expect(pages.some((p) => p.rows.some((r) => 'datasetId' in r))).toBe(false);
    expect(await db.rowPages.count()).toBe(1 + pages.length + 1);
  });
});
