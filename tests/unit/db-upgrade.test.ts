// Opens a database written by schema v1 with the current schema: nothing may be lost and the v2 upgrade must run.
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, SCHEMA_V1, type YardstickDb } from '../../src/lib/db/schema';
import type { DatasetRecord, ProjectRecord, RowRecord } from '../../src/lib/db/records';

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

function track(db: YardstickDb): YardstickDb {
  opened.push(db);
  return db;
}

describe('schema v1 → v2', () => {
  it('keeps every v1 record and backfills the v2 fields', async () => {
    await createV1('upgrade-a');
    const db = track(openDb('upgrade-a'));
    await db.open();
    expect(db.verno).toBe(2);
    expect(await db.projects.get('p1')).toEqual({ ...v1Project, description: '' });
    expect(await db.datasets.get('d1')).toEqual({ ...v1Dataset, updatedAt: 150 });
    expect(await db.rows.where('datasetId').equals('d1').sortBy('idx')).toEqual(v1Rows);
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

  it('still answers rows by datasetId after the separate index is dropped', async () => {
    await createV1('upgrade-c');
    const db = track(openDb('upgrade-c'));
    await db.open();
    const rowsIndexes = db.rows.schema.indexes.map((i) => i.name);
    expect(rowsIndexes).toEqual(['[datasetId+id]']);
    expect(await db.rows.where('datasetId').equals('d1').count()).toBe(2);
    expect(await db.rows.orderBy('datasetId').uniqueKeys()).toEqual(['d1']);
    expect(await db.rows.where('[datasetId+id]').equals(['d1', 'r1']).first()).toEqual(v1Rows[1]);
  });

  it('opens a fresh database directly at v2', async () => {
    const db = track(openDb('fresh'));
    await db.open();
    expect(db.verno).toBe(2);
    expect(db.tables.map((t) => t.name)).toContain('stagedImports');
  });
});
