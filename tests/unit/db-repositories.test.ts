// Repository functions against a real IndexedDB implementation (fake-indexeddb): projects, cascades, staged imports.
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type YardstickDb } from '../../src/lib/db/schema';
import type { DatasetRecord, RowRecord } from '../../src/lib/db/records';
import { createProject, deleteProject, listProjects, renameProject } from '../../src/lib/db/projects';
import {
  STALE_IMPORT_MS,
  commitImport,
  discardStaged,
  replaceDatasetRows,
  sweepStaleImports,
  stageImport,
  writeStagedRows,
} from '../../src/lib/db/datasets';
import { countRows, loadDatasetRows, loadRowRange, putRows, rowOwners } from '../../src/lib/db/rows';
import { asStorageError, isQuotaError } from '../../src/lib/db/storage';
import { QuotaError } from '../../src/lib/core/errors';

let db: YardstickDb;
let n = 0;
beforeEach(async () => {
  db = openDb(`repo-${n++}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

function rows(datasetId: string, count: number): RowRecord[] {
  return Array.from({ length: count }, (_, idx) => ({
    datasetId,
    id: `r${idx}`,
    idx,
    prompt: `p${idx}`,
    references: [],
    responses: { a: `a${idx}` },
    tags: [],
    metadata: {},
  }));
}

function dataset(id: string, projectId: string, rowCount: number): DatasetRecord {
  return {
    id,
    projectId,
    name: id,
    format: 'generic',
    rowCount,
    contentHash: 'h',
    systems: [{ name: 'a' }],
    tags: [],
    mapping: {},
    createdAt: 1,
    updatedAt: 1,
  };
}

async function importRows(projectId: string, id: string, count: number): Promise<void> {
  await stageImport(db, { datasetId: id, projectId, source: 'f.jsonl' });
  await writeStagedRows(db, id, rows(id, count));
  await commitImport(db, dataset(id, projectId, count));
}

describe('projects', () => {
  it('creates, lists with counts, renames', async () => {
    const a = await createProject(db, '  First   project ');
    expect(a.name).toBe('First project');
    await importRows(a.id, 'd1', 3);
    await importRows(a.id, 'd2', 2);
    const b = await createProject(db, 'Second');
    const list = await listProjects(db);
    expect(list.map((p) => [p.name, p.datasetCount, p.rowCount]).sort()).toEqual([
      ['First project', 2, 5],
      ['Second', 0, 0],
    ]);
    const renamed = await renameProject(db, b.id, 'Renamed');
    expect((await db.projects.get(b.id))?.name).toBe('Renamed');
    expect(renamed.updatedAt).toBeGreaterThanOrEqual(b.updatedAt);
  });

  it('rejects empty names and unknown projects', async () => {
    await expect(createProject(db, '   ')).rejects.toThrow(/cannot be empty/);
    await expect(renameProject(db, 'nope', 'x')).rejects.toThrow(/does not exist/);
  });

  it('deletes a project with everything it owns and nothing else', async () => {
    const a = await createProject(db, 'A');
    const b = await createProject(db, 'B');
    await importRows(a.id, 'da', 4);
    await importRows(b.id, 'db', 2);
    await db.runs.add({
      id: 'run1',
      projectId: a.id,
      datasetId: 'da',
      datasetHash: 'h',
      kind: 'metric',
      metric: 'bleu',
      system: 'a',
      signature: 's',
      options: {},
      status: 'done',
      createdAt: 1,
      updatedAt: 1,
    });
    await db.rowScores.bulkAdd([0, 1].map((i) => ({ runId: 'run1', rowIdx: i, rowId: `r${i}`, value: {} })));
    await db.annotationSessions.add({
      id: 's1',
      projectId: a.id,
      datasetId: 'da',
      kind: 'pairwise',
      name: 's',
      config: {},
      createdAt: 1,
    });
    await db.annotations.add({
      id: 'an1',
      sessionId: 's1',
      projectId: a.id,
      datasetId: 'da',
      rowId: 'r0',
      annotator: 'x',
      kind: 'pairwise',
      value: {},
      createdAt: 1,
    });
    await db.judgments.add({
      id: 'j1',
      runId: 'run1',
      rowId: 'r0',
      cacheKey: 'k',
      repeat: 0,
      status: 'done',
      updatedAt: 1,
    });

    await deleteProject(db, a.id);

    expect(await db.projects.toCollection().primaryKeys()).toEqual([b.id]);
    expect(await db.datasets.toCollection().primaryKeys()).toEqual(['db']);
    expect(await countRows(db)).toBe(2);
    expect(await db.runs.count()).toBe(0);
    expect(await db.rowScores.count()).toBe(0);
    expect(await db.annotationSessions.count()).toBe(0);
    expect(await db.annotations.count()).toBe(0);
    expect(await db.judgments.count()).toBe(0);
  });
});

describe('staged imports', () => {
  it('keeps rows invisible until commit, then loads them by range in order', async () => {
    const p = await createProject(db, 'P');
    await stageImport(db, { datasetId: 'd', projectId: p.id, source: 'f' });
    await writeStagedRows(db, 'd', rows('d', 5).slice(0, 3));
    await writeStagedRows(db, 'd', rows('d', 5).slice(3));
    expect(await db.datasets.count()).toBe(0);
    await commitImport(db, dataset('d', p.id, 5));
    expect(await db.stagedImports.count()).toBe(0);
    expect((await loadRowRange(db, 'd', 1, 4)).map((r) => r.id)).toEqual(['r1', 'r2', 'r3']);
    await importRows(p.id, 'other', 2);
    expect((await loadDatasetRows(db, 'd')).map((r) => r.idx)).toEqual([0, 1, 2, 3, 4]);
  });

  it('discard removes every staged row; a discarded import cannot be committed', async () => {
    const p = await createProject(db, 'P');
    await importRows(p.id, 'keep', 2);
    await stageImport(db, { datasetId: 'd', projectId: p.id, source: 'f' });
    await writeStagedRows(db, 'd', rows('d', 50));
    await discardStaged(db, 'd');
    expect(await countRows(db)).toBe(2);
    await expect(commitImport(db, dataset('d', p.id, 50))).rejects.toThrow(/discarded/);
    expect(await db.datasets.toCollection().primaryKeys()).toEqual(['keep']);
    // Discarding a committed dataset's id is refused: it would delete real rows.
    await discardStaged(db, 'keep');
    expect(await countRows(db)).toBe(2);
  });

  it('commits a new project together with its first dataset', async () => {
    const project = { id: 'np', name: 'New', description: '', createdAt: 1, updatedAt: 1 };
    await stageImport(db, { datasetId: 'd', projectId: 'np', source: 'f' });
    await writeStagedRows(db, 'd', rows('d', 1));
    await commitImport(db, dataset('d', 'np', 1), project);
    expect(await db.projects.get('np')).toEqual(project);
  });

  it('sweeps stale staged imports and orphan rows, but not live imports', async () => {
    const p = await createProject(db, 'P');
    await importRows(p.id, 'ok', 2);
    await stageImport(db, { datasetId: 'live', projectId: p.id, source: 'f' });
    await writeStagedRows(db, 'live', rows('live', 3));
    await stageImport(db, { datasetId: 'dead', projectId: p.id, source: 'f' });
    await writeStagedRows(db, 'dead', rows('dead', 3));
    await db.stagedImports.update('dead', { updatedAt: Date.now() - STALE_IMPORT_MS - 1 });
    await putRows(db, 'orphan', rows('orphan', 4));
    expect(await sweepStaleImports(db)).toBe(2);
    expect((await rowOwners(db)).sort()).toEqual(['live', 'ok']);
    expect(await db.stagedImports.toCollection().primaryKeys()).toEqual(['live']);
  });

  it('rewrites a dataset atomically after a join', async () => {
    const p = await createProject(db, 'P');
    await importRows(p.id, 'd', 2);
    const joined = rows('d', 2).map((r) => ({ ...r, responses: { ...r.responses, b: `b${r.idx}` } }));
    await replaceDatasetRows(
      db,
      { ...dataset('d', p.id, 2), systems: [{ name: 'a' }, { name: 'b' }] },
      joined,
    );
    expect((await loadRowRange(db, 'd', 0, 2)).map((r) => r.responses)).toEqual([
      { a: 'a0', b: 'b0' },
      { a: 'a1', b: 'b1' },
    ]);
  });
});

describe('quota errors', () => {
  const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  it.each([
    ['a DOMException', quota, true],
    ['a Dexie AbortError wrapping it', new Dexie.AbortError('Transaction aborted', quota), true],
    ['a Dexie BulkError holding it', new Dexie.BulkError('bulk', { 3: quota }), true],
    ['a plain transaction abort', new DOMException('aborted', 'AbortError'), false],
    ['a constraint error', new Dexie.ConstraintError('Key already exists'), false],
    ['a string', 'QuotaExceededError', false],
  ])('recognises %s', (_name, e, expected) => {
    expect(isQuotaError(e)).toBe(expected);
  });

  it('turns a quota failure into a QuotaError with an actionable message', () => {
    const out = asStorageError(new Dexie.AbortError('x', quota));
    expect(out).toBeInstanceOf(QuotaError);
    expect((out as QuotaError).message).toMatch(/Storage is full.*Nothing was saved/);
    const other = new Error('boom');
    expect(asStorageError(other)).toBe(other);
  });
});
