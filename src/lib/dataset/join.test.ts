import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors';
import type { Row } from '../core/types';
import { datasetContentHash, DatasetHasher } from './content-hash';
import { joinSystems } from './join';

const row = (idx: number, id: string, prompt: string, responses: Record<string, string> = {}): Row => ({
  id,
  idx,
  prompt,
  references: [],
  responses,
  tags: [],
  metadata: {},
});

describe('joinSystems', () => {
  const base = [
    row(0, 'a', 'Tell me a joke.', { base: 'x' }),
    row(1, 'b', 'Explain  tides.'),
    row(2, 'c', 'Orphan'),
  ];

  it('by prompt: whitespace is normalized; unmatched rows are reported on both sides', () => {
    const other = [
      row(0, 'o1', '  Explain tides.\n', { model: 'gravity' }),
      row(1, 'o2', 'Tell me a joke.', { model: 'knock knock' }),
      row(2, 'o3', 'Not in the base'),
      row(3, 'o4', 'Tell me a joke.', { model: 'again' }),
    ];
    const r = joinSystems(base, other, { by: 'prompt', rename: { model: 'ft' } });
    expect(r.rows.map((x) => x.responses)).toEqual([{ base: 'x', ft: 'knock knock' }, { ft: 'gravity' }, {}]);
    expect(r.matched).toBe(2);
    expect(r.systems).toEqual(['ft']);
    expect(r.unmatchedBase.map((m) => m.id)).toEqual(['c']);
    expect(r.unmatchedOther.map((m) => m.id)).toEqual(['o3']);
    expect(r.duplicateOther.map((m) => m.id)).toEqual(['o4']);
    expect(base[0]?.responses).toEqual({ base: 'x' });
  });

  it('by id, taking only the named systems', () => {
    const other = [row(0, 'b', 'different text', { m1: 'one', m2: 'two' })];
    const r = joinSystems(base, other, { by: 'id', systemNames: ['m2'] });
    expect(r.rows[1]?.responses).toEqual({ m2: 'two' });
    expect(r.unmatchedBase.map((m) => m.id)).toEqual(['a', 'c']);
  });

  it('a clashing system name is an InputError unless overwrite is set', () => {
    const other = [row(0, 'a', 'Tell me a joke.', { base: 'new' })];
    expect(() => joinSystems(base, other, { by: 'id' })).toThrow(InputError);
    expect(joinSystems(base, other, { by: 'id', overwrite: true }).rows[0]?.responses).toEqual({
      base: 'new',
    });
  });

  it('reports base rows that share a key', () => {
    const dup = [row(0, 'a', 'same'), row(1, 'b', 'same')];
    const r = joinSystems(dup, [row(0, 'x', 'same', { m: '1' })], { by: 'prompt' });
    expect(r.ambiguousBase.map((m) => m.id)).toEqual(['b']);
    expect(r.rows.map((x) => x.responses)).toEqual([{ m: '1' }, {}]);
  });
});

describe('datasetContentHash', () => {
  const rows = [row(0, 'a', 'p', { s1: 'x', s2: 'y' }), row(1, 'b', 'q')];

  it('is incremental: the same as hashing all at once', () => {
    const h = new DatasetHasher();
    for (const r of rows) h.add(r);
    expect(h.digest()).toBe(datasetContentHash(rows));
    expect(datasetContentHash(rows)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('changes with content and order, not with response key order, tags or metadata', () => {
    const h = datasetContentHash(rows);
    const reordered = [{ ...rows[0], responses: { s2: 'y', s1: 'x' } } as Row, rows[1] as Row];
    expect(datasetContentHash(reordered)).toBe(h);
    expect(
      datasetContentHash([{ ...(rows[0] as Row), tags: ['t'], metadata: { a: 1 } }, rows[1] as Row]),
    ).toBe(h);
    expect(datasetContentHash([rows[1] as Row, rows[0] as Row])).not.toBe(h);
    expect(datasetContentHash([{ ...(rows[0] as Row), references: ['r'] }, rows[1] as Row])).not.toBe(h);
    expect(datasetContentHash([{ ...(rows[0] as Row), prompt: 'p ' }, rows[1] as Row])).not.toBe(h);
    expect(datasetContentHash([])).not.toBe(datasetContentHash([row(0, '', '')]));
  });
});
