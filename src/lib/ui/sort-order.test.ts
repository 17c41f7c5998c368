import { describe, expect, it } from 'vitest';
import { nextSort, numericOrder, textOrder } from './sort-order';
import { fieldColumns, rowOrder, sortRows, type ScoreColumn } from './data-columns';
import type { Row } from '../core/types';

const list = (a: Uint32Array): number[] => Array.from(a);

describe('numericOrder', () => {
  // Hand-worked: values by position   0    1    2    3    4    5
  const values = [2, NaN, 1, 2, NaN, 3];
  it('ascending: ties keep position order, missing last', () => {
    expect(list(numericOrder(values, 'ascending'))).toEqual([2, 0, 3, 5, 1, 4]);
  });
  it('descending: ties still keep position order, missing still last', () => {
    expect(list(numericOrder(values, 'descending'))).toEqual([5, 0, 3, 2, 1, 4]);
  });
  it('handles infinities and signed zero without subtraction artefacts', () => {
    const v = [Infinity, -Infinity, 0, -0, Infinity, 5];
    expect(list(numericOrder(v, 'ascending'))).toEqual([1, 2, 3, 5, 0, 4]);
    expect(list(numericOrder(v, 'descending'))).toEqual([0, 4, 5, 2, 3, 1]);
  });
  it('empty, all-missing and single inputs', () => {
    expect(list(numericOrder([], 'ascending'))).toEqual([]);
    expect(list(numericOrder([NaN, NaN], 'descending'))).toEqual([0, 1]);
    expect(list(numericOrder(new Float64Array([7]), 'descending'))).toEqual([0]);
  });
  it('agrees with the engine’s stable Array.prototype.sort on random data with many ties', () => {
    // Reference: ES2019 guarantees Array.prototype.sort is stable, so sorting positions by value alone must give
    // the same permutation; missing values are appended afterwards in position order.
    let seed = 12345;
    const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % 1000) / 1000;
    const v = Array.from({ length: 5000 }, () => {
      const r = rand();
      return r < 0.1 ? NaN : Math.floor(r * 40) / 4;
    });
    for (const dir of ['ascending', 'descending'] as const) {
      const present = v.map((x, i) => [x, i] as const).filter(([x]) => !Number.isNaN(x));
      present.sort(([a], [b]) => (dir === 'ascending' ? a - b : b - a));
      const expected = [...present.map(([, i]) => i), ...v.flatMap((x, i) => (Number.isNaN(x) ? [i] : []))];
      expect(list(numericOrder(v, dir))).toEqual(expected);
    }
  });
});

describe('textOrder', () => {
  const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  it('ascending and descending with a plain comparator; empty and absent keys last', () => {
    const keys = ['b', '', 'a', undefined, 'c', 'a'];
    expect(list(textOrder(keys, 'ascending', byCodeUnit))).toEqual([2, 5, 0, 4, 1, 3]);
    expect(list(textOrder(keys, 'descending', byCodeUnit))).toEqual([4, 0, 2, 5, 1, 3]);
  });
  it('default order is natural and case-insensitive; case-only differences are ties kept in place', () => {
    const keys = ['row-10', 'Row-2', 'row-2', 'row-1'];
    expect(list(textOrder(keys, 'ascending'))).toEqual([3, 1, 2, 0]);
    expect(list(textOrder(keys, 'descending'))).toEqual([0, 1, 2, 3]);
  });
});

describe('nextSort', () => {
  it('cycles ascending → descending → unsorted, and a new column starts ascending', () => {
    const a = nextSort(null, 'x');
    expect(a).toEqual({ column: 'x', direction: 'ascending' });
    const d = nextSort(a, 'x');
    expect(d).toEqual({ column: 'x', direction: 'descending' });
    expect(nextSort(d, 'x')).toBeNull();
    expect(nextSort(d, 'y')).toEqual({ column: 'y', direction: 'ascending' });
  });
});

describe('sorting rows', () => {
  const row = (idx: number, id: string, response: string | undefined, tags: string[] = []): Row => ({
    idx,
    id,
    prompt: `p${idx}`,
    references: idx === 1 ? [] : [`r${idx}`],
    responses: response === undefined ? {} : { sys: response },
    tags,
    metadata: {},
  });
  // Rows as a filtered view might hold them: positions differ from idx.
  const rows = [
    row(3, 'c', 'zeta'),
    row(0, 'a', undefined, ['t']),
    row(1, 'b', 'alpha'),
    row(2, 'd', 'Alpha'),
  ];
  const score: ScoreColumn = {
    id: 'score:bleu',
    label: 'BLEU · sys',
    title: '',
    values: new Float64Array([10, NaN, 30, 20]), // by idx: 0 → 10, 1 → missing, 2 → 30, 3 → 20
    digits: 2,
  };
  it('a score column looks values up by row idx, not by position', () => {
    const sorted = sortRows(rows, { column: 'score:bleu', direction: 'descending' }, [score]);
    expect(sorted.map((r) => r.idx)).toEqual([2, 3, 0, 1]);
  });
  it('field columns: #, a system response (missing last), reference (empty last), tags', () => {
    expect(sortRows(rows, { column: 'idx', direction: 'ascending' }, []).map((r) => r.idx)).toEqual([
      0, 1, 2, 3,
    ]);
    const bySys = sortRows(rows, { column: 'system:sys', direction: 'ascending' }, []);
    expect(bySys.map((r) => r.id)).toEqual(['b', 'd', 'c', 'a']);
    const byRef = sortRows(rows, { column: 'reference', direction: 'descending' }, []);
    expect(byRef.map((r) => r.idx)).toEqual([3, 2, 0, 1]);
    const byTags = sortRows(rows, { column: 'tags', direction: 'ascending' }, []);
    expect(byTags[0]?.id).toBe('a');
  });
  it('no sort, or an unknown column, leaves the rows as they are', () => {
    expect(sortRows(rows, null, [])).toBe(rows);
    expect(rowOrder(rows, { column: 'score:gone', direction: 'ascending' }, [])).toBeNull();
  });
  it('every field column id is sortable', () => {
    for (const c of fieldColumns(['sys'])) {
      expect(rowOrder(rows, { column: c.id, direction: 'ascending' }, [])).not.toBeNull();
    }
  });
});
