// The row repository over fake-indexeddb: rows written in any batching come back exactly, in order, by range, by
// id; partial pages merge; one dataset's rows never touch another's.
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type YardstickDb } from '../../src/lib/db/schema';
import type { Row } from '../../src/lib/core/types';
import {
  countRows,
  deleteRows,
  loadDatasetRows,
  loadRowIds,
  loadRowRange,
  loadRowsByIds,
  putRows,
  ROW_PAGE_SIZE,
  rowOwners,
} from '../../src/lib/db/rows';

let db: YardstickDb;
let n = 0;
beforeEach(async () => {
  db = openDb(`rows-${n++}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const P = ROW_PAGE_SIZE;

function rows(count: number, from = 0, tag = 'a'): Row[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `r${from + i}`,
    idx: from + i,
    prompt: `p${from + i}`,
    references: [`ref ${from + i}`],
    responses: { [tag]: `${tag}${from + i}` },
    tags: [],
    metadata: { n: from + i },
    line: from + i + 1,
  }));
}
const withDataset = (list: Row[], datasetId: string) => list.map((r) => ({ ...r, datasetId }));

describe('row repository', () => {
  it('reads back rows written in batches that do not line up with pages', async () => {
    const all = rows(3 * P + 7);
    // Cuts inside pages: each later batch must merge into the page the previous one began.
    const cuts = [0, 5, P - 1, P + 3, 2 * P, 3 * P + 7];
    for (let i = 1; i < cuts.length; i++) await putRows(db, 'd', all.slice(cuts[i - 1], cuts[i]));
    expect(await loadDatasetRows(db, 'd')).toEqual(withDataset(all, 'd'));
    expect(await countRows(db, 'd')).toBe(all.length);
    expect(await db.rowPages.count()).toBe(4);
  });

  it('loads ranges across page boundaries, and empty ranges', async () => {
    await putRows(db, 'd', rows(2 * P + 10));
    const range = await loadRowRange(db, 'd', P - 2, P + 3);
    expect(range.map((r) => r.idx)).toEqual([P - 2, P - 1, P, P + 1, P + 2]);
    expect(range.every((r) => r.datasetId === 'd')).toBe(true);
    expect(await loadRowRange(db, 'd', 5, 5)).toEqual([]);
    expect(await loadRowRange(db, 'd', 2 * P + 10, 3 * P)).toEqual([]);
    expect((await loadRowRange(db, 'd', 2 * P, Infinity)).map((r) => r.idx)).toEqual(
      Array.from({ length: 10 }, (_, i) => 2 * P + i),
    );
  });

  it('replaces rows by position and keeps the others (a join)', async () => {
    await putRows(db, 'd', rows(P + 4));
    const changed = [rows(1, 2, 'b')[0], rows(1, P + 1, 'b')[0]].filter((r): r is Row => r !== undefined);
    await putRows(db, 'd', withDataset(changed, 'd'));
    const stored = await loadDatasetRows(db, 'd');
    expect(stored).toHaveLength(P + 4);
    expect(stored[2]?.responses).toEqual({ b: 'b2' });
    expect(stored[P + 1]?.responses).toEqual({ b: `b${P + 1}` });
    expect(stored[3]?.responses).toEqual({ a: 'a3' });
    // The datasetId given to the repository is the one stored, never a field of the row.
    expect(stored.every((r) => r.datasetId === 'd')).toBe(true);
  });

  it('sorts rows given out of order, and refuses two rows at one position', async () => {
    await putRows(db, 'd', rows(10).reverse());
    expect((await loadDatasetRows(db, 'd')).map((r) => r.idx)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const clash = [...rows(2, 20), { ...(rows(1, 21)[0] as Row), id: 'other' }];
    await expect(putRows(db, 'd', clash)).rejects.toThrow(/both at position 21/);
    await expect(putRows(db, 'd', [{ ...(rows(1)[0] as Row), idx: -1 }])).rejects.toThrow(/invalid position/);
    expect(await countRows(db, 'd')).toBe(10);
  });

  it('finds rows and ids by dataset, and keeps datasets apart', async () => {
    await putRows(db, 'd', rows(P + 2));
    await putRows(db, 'e', rows(3, 0, 'z'));
    expect((await loadRowsByIds(db, 'd', ['r1', `r${P + 1}`, 'missing'])).map((r) => r.idx)).toEqual([
      1,
      P + 1,
    ]);
    expect(await loadRowsByIds(db, 'd', [])).toEqual([]);
    expect(await loadRowIds(db, 'e')).toEqual(['r0', 'r1', 'r2']);
    expect(await countRows(db)).toBe(P + 5);
    expect((await rowOwners(db)).sort()).toEqual(['d', 'e']);
    await deleteRows(db, 'd');
    expect(await loadDatasetRows(db, 'd')).toEqual([]);
    expect(await loadDatasetRows(db, 'e')).toEqual(withDataset(rows(3, 0, 'z'), 'e'));
    expect(await rowOwners(db)).toEqual(['e']);
  });

  it('writes nothing when a batch fails part-way (the batch is one transaction)', async () => {
    await putRows(db, 'd', rows(4));
    // The first pages are fine; a row of the last one cannot be stored (a function cannot be cloned).
    const bad = [...rows(2 * P, 4), { ...(rows(1, 2 * P + 4)[0] as Row), metadata: { f: () => 1 } }];
    await expect(putRows(db, 'd', bad)).rejects.toThrow(/clone/i);
    expect(await countRows(db, 'd')).toBe(4);
    expect(await loadDatasetRows(db, 'd')).toEqual(withDataset(rows(4), 'd'));
  });

  it('keeps data exactly: nested metadata, unicode, lone surrogates, own __proto__ keys, labels', async () => {
    const meta = JSON.parse(
      '{"__proto__": {"x": 1}, "n": [1, 2.5, -3e-7, null, true], "s": "\\ud800 é 😀"}',
    ) as Record<string, unknown>;
    const row: Row = {
      ...(rows(1)[0] as Row),
      prompt: 'line1\nline2\t"quoted" \\ \u0000',
      choices: ['a', 'b'],
      label: 1,
      metadata: meta,
    };
    await putRows(db, 'd', [row, { ...(rows(1, 1)[0] as Row), label: 'pos' }]);
    const [back, second] = await loadDatasetRows(db, 'd');
    expect(back).toEqual({ ...row, datasetId: 'd' });
    expect(Object.getOwnPropertyDescriptor(back?.metadata, '__proto__')?.value).toEqual({ x: 1 });
    expect(Object.getPrototypeOf(back?.metadata)).toBe(Object.prototype);
    expect((back?.metadata['s'] as string).charCodeAt(0)).toBe(0xd800);
    expect(second?.label).toBe('pos');
  });
});
