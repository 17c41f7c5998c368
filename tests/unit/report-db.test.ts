// Bundles through a real (fake-indexeddb) database: export → restore → write → read back gives the same project;
// a refused file changes nothing.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type YardstickDb } from '../../src/lib/db/schema';
import { countRows } from '../../src/lib/db/rows';
import { loadProjectRecords, writeRestored } from '../../src/lib/state/report-io.svelte';
import { bundleToGzip, createBundle } from '../../src/lib/report/bundle/encode';
import { restore } from '../../src/lib/report/bundle/restore';
import { buildReportData } from '../../src/lib/report/model';
import { buildSummary } from '../../src/lib/report/summary';
import { fixtureRecords } from './report-fixture';

let db: YardstickDb;
afterEach(async () => {
  db.close();
  await db.delete();
});

async function seed(): Promise<YardstickDb> {
  db = openDb(`report-db-${Math.random()}`);
  const r = restore(createBundle(fixtureRecords()));
  if (!r.ok) throw new Error(r.error.message);
  await writeRestored(db, r.value, { mode: 'copy', readOnly: false });
  return db;
}

describe('bundle ↔ database', () => {
  it('exports a project and imports it as an independent copy with the same numbers', async () => {
    await seed();
    const [first] = await db.projects.toArray();
    if (!first) throw new Error('no project');
    const records = await loadProjectRecords(db, first.id);
    if (!records) throw new Error('not loaded');
    const bytes = bundleToGzip(createBundle(records));
    const r = restore(bytes);
    if (!r.ok) throw new Error(r.error.message);
    const id = await writeRestored(db, r.value, { mode: 'shared', readOnly: true, namePrefix: 'Shared: ' });
    expect(await db.projects.count()).toBe(2);
    const copy = await loadProjectRecords(db, id);
    if (!copy) throw new Error('copy missing');
    expect(copy.project.readOnly).toBe(true);
    expect(copy.project.name).toBe('Shared: Fixture');
    const before = buildSummary(buildReportData(records) ?? fail(), null, { rounds: 50 });
    const after = buildSummary(buildReportData(copy) ?? fail(), null, { rounds: 50 });
    expect(after.stats.map((s) => [s.metric, s.system, s.value, s.interval])).toEqual(
      before.stats.map((s) => [s.metric, s.system, s.value, s.interval]),
    );
    expect(after.winRates.map((w) => w.summary.winRate)).toEqual(
      before.winRates.map((w) => w.summary.winRate),
    );
    // Opening the same shared link again replaces the copy instead of adding a third project.
    await writeRestored(db, r.value, { mode: 'shared', readOnly: true });
    expect(await db.projects.count()).toBe(2);
    expect(await countRows(db)).toBe(8);
  });
  it('rolls back everything when a write fails half-way', async () => {
    await seed();
    const r = restore(createBundle(fixtureRecords()));
    if (!r.ok) throw new Error(r.error.message);
    const counts = await Promise.all(db.tables.map((t) => t.count()));
    // A copy whose judgments collide on id with themselves cannot be added: the transaction must abort whole.
    const broken = { ...r.value, judgments: [...r.value.judgments, ...r.value.judgments] };
    await expect(writeRestored(db, broken, { mode: 'shared', readOnly: true })).rejects.toThrow();
    expect(await Promise.all(db.tables.map((t) => t.count()))).toEqual(counts);
  });
});

function fail(): never {
  throw new Error('no report data');
}
