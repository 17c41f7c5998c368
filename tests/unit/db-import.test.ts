// The import worker's handler, driven without a Worker: real Blobs, the real data layer, IndexedDB via
// fake-indexeddb. Checks what lands in the database, not how.
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type YardstickDb } from '../../src/lib/db/schema';
import { commitImport } from '../../src/lib/db/datasets';
import { countRows, loadRowRange } from '../../src/lib/db/rows';
import { createImportHandler } from '../../src/lib/dataset-import/handler';
import type { WorkerRequest, WorkerResponse } from '../../src/lib/dataset-import/protocol';
import { datasetContentHash } from '../../src/lib/dataset/content-hash';
import { detectFormat } from '../../src/lib/dataset/detect-format';
import type { FieldMapping } from '../../src/lib/dataset/types';
import { textSource } from '../../src/lib/dataset/platform';
import { runImport } from '../../src/lib/dataset-import/pipeline';

let db: YardstickDb;
let n = 0;
let messages: WorkerResponse[];
let handle: (r: WorkerRequest) => Promise<void>;
beforeEach(async () => {
  db = openDb(`import-${n++}`);
  await db.open();
  messages = [];
  handle = createImportHandler({ db, post: (m) => messages.push(m) });
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const jsonl = (rows: unknown[]): Blob => new Blob(rows.map((r) => `${JSON.stringify(r)}\n`));
const final = (id: number): WorkerResponse | undefined =>
  messages.find((m) => m.id === id && m.type !== 'progress');

function genericRows(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `q${i}`,
    prompt: `Question ${i}?`,
    response: `Answer ${i}.`,
    reference: `Gold ${i}.`,
    category: i % 2 ? 'odd' : 'even',
  }));
}

function mappingFor(values: unknown[]): FieldMapping {
  return detectFormat(values).mapping;
}

async function importBlob(file: Blob, mapping: FieldMapping, id = 2): Promise<WorkerResponse | undefined> {
  await handle({
    type: 'import',
    id,
    file,
    kind: 'jsonl',
    mapping,
    projectId: 'p',
    datasetId: 'd',
    source: 'f.jsonl',
  });
  return final(id);
}

describe('preview', () => {
  it('sniffs the container, detects the format and lists the fields', async () => {
    await handle({ type: 'preview', id: 1, file: jsonl(genericRows(5)), name: 'outputs.jsonl' });
    const res = final(1);
    if (res?.type !== 'preview') throw new Error(`unexpected ${JSON.stringify(res)}`);
    expect(res.result.kind).toBe('jsonl');
    expect(res.result.detection.format).toBe('generic');
    expect(res.result.records).toHaveLength(5);
    expect(res.result.complete).toBe(true);
    expect(res.result.fields).toEqual(['id', 'prompt', 'response', 'reference', 'category']);
  });
});

describe('import', () => {
  it('stages every valid row in order, with a content hash equal to that of the stored rows', async () => {
    const values = genericRows(6000);
    const res = await importBlob(jsonl(values), mappingFor(values));
    if (res?.type !== 'staged') throw new Error(`unexpected ${JSON.stringify(res)}`);
    expect(res.summary.rowCount).toBe(6000);
    expect(res.summary.errorCount).toBe(0);
    expect(res.summary.tags).toEqual(['even', 'odd']);
    expect(await db.stagedImports.get('d')).toBeDefined();
    const stored = await loadRowRange(db, 'd', 0, 6000);
    expect(stored.map((r) => r.id)).toEqual(values.map((v) => v['id']));
    expect(stored[4]).toMatchObject({ prompt: 'Question 4?', references: ['Gold 4.'], idx: 4, line: 5 });
    expect(res.summary.contentHash).toBe(datasetContentHash(stored));
    expect(messages.some((m) => m.type === 'progress')).toBe(true);
  });

  it('lists bad lines with line, field and reason, and keeps the valid rows', async () => {
    const good = genericRows(4);
    const file = new Blob([
      `${JSON.stringify(good[0])}\n`,
      '{"id": "q9", "prompt": "broken\n',
      `${JSON.stringify({ ...good[1], prompt: { text: 'nested' } })}\n`,
      `${JSON.stringify(good[2])}\n`,
      '[1, 2]\n',
      `${JSON.stringify({ ...good[3], id: 'q0' })}\n`,
    ]);
    const res = await importBlob(file, mappingFor(good));
    if (res?.type !== 'staged') throw new Error(`unexpected ${JSON.stringify(res)}`);
    expect(res.summary.rowCount).toBe(2);
    expect(res.summary.errors.map((e) => [e.line, e.field, e.code])).toEqual([
      [2, null, 'invalid-json'],
      [3, 'prompt', 'wrong-type'],
      [5, null, 'not-an-object'],
      [6, 'id', 'duplicate-id'],
    ]);
    // Field-level errors carry the record so "download bad lines" has every skipped line.
    expect(res.summary.errors.every((e) => typeof e.raw === 'string' && e.raw.length > 0)).toBe(true);
    expect((await loadRowRange(db, 'd', 0, 10)).map((r) => r.id)).toEqual(['q0', 'q2']);
  });

  it('stores nothing and says why when no row is valid', async () => {
    const res = await importBlob(new Blob(['not json\n', '{"x": \n']), mappingFor(genericRows(1)));
    expect(res).toMatchObject({ type: 'error', code: 'no-rows' });
    expect(await countRows(db)).toBe(0);
    expect(await db.stagedImports.count()).toBe(0);
  });

  it('reports an empty file as a clear error', async () => {
    const res = await importBlob(new Blob([]), mappingFor(genericRows(1)));
    expect(res).toMatchObject({ type: 'error', code: 'invalid-input' });
    expect(res?.type === 'error' && res.message).toMatch(/empty/);
  });

  it('cancelling mid-import answers "cancelled" and leaves no row behind', async () => {
    const values = genericRows(30_000);
    const cancelling = createImportHandler({
      db,
      post: (m) => {
        messages.push(m);
        if (m.type === 'progress') void cancelling({ type: 'cancel', id: 99, target: 3 });
      },
    });
    await cancelling({
      type: 'import',
      id: 3,
      file: jsonl(values),
      kind: 'jsonl',
      mapping: mappingFor(values),
      projectId: 'p',
      datasetId: 'd',
      source: 'f',
    });
    expect(final(3)).toEqual({ type: 'cancelled', id: 3 });
    expect(await countRows(db)).toBe(0);
    expect(await db.stagedImports.count()).toBe(0);
  });
});

describe('join', () => {
  async function base(): Promise<void> {
    const values = genericRows(5);
    const mapping = { ...mappingFor(values), responses: [{ system: 'base', field: 'response' }] };
    const res = await importBlob(jsonl(values), mapping);
    if (res?.type !== 'staged') throw new Error('import failed');
    await commitImport(db, {
      id: 'd',
      projectId: 'p',
      name: 'base',
      format: 'generic',
      rowCount: res.summary.rowCount,
      contentHash: res.summary.contentHash,
      systems: res.summary.systems,
      tags: res.summary.tags,
      mapping: {},
      createdAt: 1,
      updatedAt: 1,
    });
  }
  const otherMapping = (system: string): FieldMapping => {
    const m = mappingFor([{ id: 'q1', prompt: 'x', output: 'y' }]);
    return { ...m, responses: [{ system, field: 'output' }] };
  };

  it('adds the other model to matching rows by id and reports the unmatched ones', async () => {
    await base();
    const other = jsonl([
      { id: 'q1', prompt: 'Question 1?', output: 'tuned 1' },
      { id: 'q3', prompt: 'Question 3?', output: 'tuned 3' },
      { id: 'zz', prompt: 'Elsewhere', output: 'tuned z' },
    ]);
    await handle({
      type: 'join',
      id: 4,
      file: other,
      kind: 'jsonl',
      mapping: otherMapping('tuned'),
      datasetId: 'd',
      by: 'id',
      source: 'tuned.jsonl',
    });
    const res = final(4);
    if (res?.type !== 'joined') throw new Error(`unexpected ${JSON.stringify(res)}`);
    expect(res.report.matched).toBe(2);
    expect(res.report.unmatchedOther.map((m) => m.id)).toEqual(['zz']);
    expect(res.report.unmatchedBaseCount).toBe(3);
    const rows = await loadRowRange(db, 'd', 0, 5);
    expect(rows[1]?.responses).toEqual({ base: 'Answer 1.', tuned: 'tuned 1' });
    expect(rows[0]?.responses).toEqual({ base: 'Answer 0.' });
    const ds = await db.datasets.get('d');
    expect(ds?.systems.map((s) => s.name)).toEqual(['base', 'tuned']);
    expect(ds?.contentHash).toBe(datasetContentHash(rows));
  });

  it('joins by prompt text, ignoring whitespace differences', async () => {
    await base();
    const other = jsonl([{ id: 'other-2', prompt: '  Question   2? ', output: 'by prompt' }]);
    await handle({
      type: 'join',
      id: 5,
      file: other,
      kind: 'jsonl',
      mapping: otherMapping('tuned'),
      datasetId: 'd',
      by: 'prompt',
      source: 't',
    });
    expect(final(5)).toMatchObject({ type: 'joined', report: { matched: 1 } });
    expect((await loadRowRange(db, 'd', 2, 3))[0]?.responses['tuned']).toBe('by prompt');
  });

  it('changes nothing when no row matches or a system name clashes', async () => {
    await base();
    const before = await loadRowRange(db, 'd', 0, 5);
    const other = jsonl([{ id: 'nope', prompt: 'x', output: 'y' }]);
    await handle({
      type: 'join',
      id: 6,
      file: other,
      kind: 'jsonl',
      mapping: otherMapping('tuned'),
      datasetId: 'd',
      by: 'id',
      source: 't',
    });
    expect(final(6)).toMatchObject({ type: 'error', code: 'invalid-input' });
    const clash = jsonl([{ id: 'q1', prompt: 'x', output: 'y' }]);
    await handle({
      type: 'join',
      id: 7,
      file: clash,
      kind: 'jsonl',
      mapping: otherMapping('base'),
      datasetId: 'd',
      by: 'id',
      source: 't',
    });
    expect(final(7)).toMatchObject({ type: 'error', code: 'invalid-input' });
    expect(await loadRowRange(db, 'd', 0, 5)).toEqual(before);
  });
});

describe('pipeline batches', () => {
  it('hands the sink whole multiples of batchRows (whole pages), all rows in order', async () => {
    const values = genericRows(1000);
    const text = values.map((v) => JSON.stringify(v)).join('\n');
    const writes: number[][] = [];
    const summary = await runImport({
      kind: 'jsonl',
      // Small chunks: every chunk adds a number of rows unrelated to the batch size.
      source: textSource(text, 997),
      totalBytes: text.length,
      mapping: mappingFor(values),
      batchRows: 64,
      sink: { write: async (rows) => void writes.push(rows.map((r) => r.idx)) },
    });
    expect(summary.rowCount).toBe(1000);
    expect(writes.length).toBeGreaterThan(2);
    expect(writes.slice(0, -1).every((w) => w.length % 64 === 0)).toBe(true);
    expect(writes.flat()).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('keeps at most two writes pending, and fails only after every pending write has settled', async () => {
    const values = genericRows(600);
    const text = values.map((v) => JSON.stringify(v)).join('\n');
    let running = 0;
    let most = 0;
    const log: string[] = [];
    const run = (failAt: number | null) =>
      runImport({
        kind: 'jsonl',
        source: textSource(text, 997),
        totalBytes: text.length,
        mapping: mappingFor(values),
        batchRows: 64,
        sink: {
          write: async (rows) => {
            const first = rows[0]?.idx ?? -1;
            running++;
            most = Math.max(most, running);
            // Slow writes, so the parser gets ahead and has to wait.
            await new Promise((r) => setTimeout(r, 5));
            running--;
            log.push(`done ${first}`);
            if (first === failAt) throw new Error('disk full');
          },
        },
      });
    await run(null);
    expect(most).toBe(2);
    log.length = 0;
    await expect(run(128)).rejects.toThrow('disk full');
    // The write after the failed one was already started; it finished before the import gave up.
    expect(running).toBe(0);
    expect(log.at(-1)).toBe('done 192');
  });
});
