import { describe, expect, it } from 'vitest';
import type { Row } from '../core/types';
import { escapeRegExp, filterRows } from './row-filter';

const row = (idx: number, over: Partial<Row>): Row => ({
  id: `r${idx}`,
  idx,
  prompt: '',
  references: [],
  responses: {},
  tags: [],
  metadata: {},
  ...over,
});

const rows = [
  row(0, { prompt: 'Translate CAT', tags: ['mt'] }),
  row(1, { references: ['the Cat sat'], tags: ['summ'] }),
  row(2, { responses: { base: 'no', tuned: 'a cat (maybe)' }, tags: ['mt'] }),
  row(3, { prompt: 'dog', tags: ['mt', 'summ'] }),
];

describe('filterRows', () => {
  it('matches case-insensitively in prompt, references and any response', () => {
    expect(filterRows(rows, 'cat', null).map((r) => r.idx)).toEqual([0, 1, 2]);
  });
  it('combines search with a tag', () => {
    expect(filterRows(rows, 'cat', 'mt').map((r) => r.idx)).toEqual([0, 2]);
    expect(filterRows(rows, '', 'summ').map((r) => r.idx)).toEqual([1, 3]);
  });
  it('treats RegExp metacharacters literally', () => {
    expect(filterRows(rows, '(maybe)', null).map((r) => r.idx)).toEqual([2]);
    expect(filterRows(rows, '.*', null)).toEqual([]);
    expect(escapeRegExp('a.b*c')).toBe('a\\.b\\*c');
  });
  it('matches the id, and returns the same array when nothing filters', () => {
    expect(filterRows(rows, 'r3', null).map((r) => r.idx)).toEqual([3]);
    expect(filterRows(rows, '  ', null)).toBe(rows);
  });
});
