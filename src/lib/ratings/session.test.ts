import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DIMENSIONS,
  DEFAULT_SCALE,
  PAIRWISE_KEYS,
  firstOpenIndex,
  orderItems,
  responseOrder,
  selectRows,
  sidesFor,
  validateLikertConfig,
} from './session';

const rows = Array.from({ length: 40 }, (_, i) => ({
  id: `r${i}`,
  tags: i % 4 === 0 ? ['math'] : ['chat'],
  responses: i === 7 ? { base: 'x' } : { base: 'x', ft: 'y' },
}));

describe('selectRows', () => {
  it('all rows with both responses, a tag, or a seeded sample', () => {
    expect(selectRows(rows, { mode: 'all' }, ['base', 'ft'])).toHaveLength(39);
    expect(selectRows(rows, { mode: 'tag', tag: 'math' }, ['base', 'ft'])).toEqual([
      'r0',
      'r4',
      'r8',
      'r12',
      'r16',
      'r20',
      'r24',
      'r28',
      'r32',
      'r36',
    ]);
    const s1 = selectRows(rows, { mode: 'sample', size: 10, seed: 5 }, ['base', 'ft']);
    expect(s1).toHaveLength(10);
    expect(new Set(s1).size).toBe(10);
    expect(s1).not.toContain('r7');
    expect(selectRows(rows, { mode: 'sample', size: 10, seed: 5 }, ['base', 'ft'])).toEqual(s1);
    expect(selectRows(rows, { mode: 'sample', size: 10, seed: 6 }, ['base', 'ft'])).not.toEqual(s1);
  });
});

describe('blind presentation', () => {
  it('sides are a per-item coin: reproducible, roughly balanced, independent of system order', () => {
    const ids = rows.map((r) => r.id);
    const left = ids.map((id) => sidesFor(['base', 'ft'], 99, id).left);
    expect(ids.map((id) => sidesFor(['base', 'ft'], 99, id).left)).toEqual(left);
    const ftLeft = left.filter((s) => s === 'ft').length;
    expect(ftLeft).toBeGreaterThan(10);
    expect(ftLeft).toBeLessThan(30);
    for (const id of ids) {
      const s = sidesFor(['base', 'ft'], 99, id);
      expect(s.left).not.toBe(s.right);
    }
  });
  it('item order and Likert response order are seeded permutations', () => {
    const ids = rows.map((r) => r.id);
    const o = orderItems(ids, 3);
    expect([...o].sort()).toEqual([...ids].sort());
    expect(orderItems(ids, 3)).toEqual(o);
    expect(o).not.toEqual(ids);
    expect([...responseOrder(['a', 'b', 'c'], 1, 'r1')].sort()).toEqual(['a', 'b', 'c']);
  });
  it('resume point is the first unanswered item', () => {
    expect(firstOpenIndex(['a', 'b', 'c'], new Set(['a', 'c']))).toBe(1);
    expect(firstOpenIndex(['a', 'b'], new Set(['a', 'b']))).toBe(2);
  });
});

describe('keys and Likert configuration', () => {
  it('pairwise actions have distinct keys', () => {
    const keys = Object.values(PAIRWISE_KEYS);
    expect(new Set(keys).size).toBe(keys.length);
  });
  it('the defaults are valid', () =>
    expect(validateLikertConfig(DEFAULT_DIMENSIONS, DEFAULT_SCALE)).toEqual([]));
  it('names each problem', () => {
    const dims = [
      { name: 'a', key: 'h', levels: ['1', '2', '3'] },
      { name: 'b', key: 'h', levels: ['1', '2', '3'] },
      { name: 'c', key: 's', levels: ['1', '2', '3'] },
    ];
    expect(validateLikertConfig(dims, { min: 1, max: 3 })).toEqual([
      'Dimension 2: key "h" is already used.',
      'Dimension 3: key "s" is reserved for an action.',
    ]);
    expect(validateLikertConfig(DEFAULT_DIMENSIONS, { min: 1, max: 10 })[0]).toMatch(/0 to 9/);
    expect(validateLikertConfig(DEFAULT_DIMENSIONS, { min: 1, max: 4 })[0]).toMatch(
      /needs 4 level descriptions/,
    );
  });
});
