import { describe, expect, it } from 'vitest';
import { emptyMapping } from './detect-format';
import { badLinesText, errorsToJsonl } from './line-errors';
import { getPath, omitPaths } from './paths';
import { createRowMapper } from './row-mapper';
import type { FieldMapping } from './types';
import { decodeLabel } from './values';

const mapping = (extra: Partial<FieldMapping>): FieldMapping => ({ ...emptyMapping('generic'), ...extra });
const recs = (...values: unknown[]) => values.map((value, i) => ({ line: i + 1, value }));

describe('createRowMapper', () => {
  it('assigns row-<line> ids and running positions across batches', () => {
    const m = createRowMapper(mapping({ prompt: ['p'] }));
    const a = m.push(recs({ p: 'a' }, { p: 'b' }));
    const b = m.push([{ line: 7, value: { p: 'c' } }]);
    expect([...a.rows, ...b.rows].map((r) => [r.id, r.idx, r.line])).toEqual([
      ['row-1', 0, 1],
      ['row-2', 1, 2],
      ['row-7', 2, 7],
    ]);
    expect(m.rowCount).toBe(3);
  });

  it('appending: continues positions and rejects ids already in the dataset', () => {
    const m = createRowMapper(mapping({ prompt: ['p'], id: 'id' }), { startIdx: 10, takenIds: ['x'] });
    const { rows, errors } = m.push(recs({ id: 'x', p: 'dup' }, { id: 'y', p: 'new' }));
    expect(rows.map((r) => [r.id, r.idx])).toEqual([['y', 10]]);
    expect(errors[0]?.message).toBe('Line 1, field "id": duplicate id "x" (already in the dataset).');
  });

  it('keeps every unmapped field in metadata, including unmapped keys of a partly mapped object', () => {
    const m = createRowMapper(
      mapping({ prompt: ['q.text'], responses: [{ system: 'gpt', field: 'out.gpt-3.5-turbo' }] }),
    );
    const { rows } = m.push(
      recs({ q: { text: 'hi', lang: 'en' }, out: { 'gpt-3.5-turbo': 'yo' }, extra: [1] }),
    );
    expect(rows[0]).toMatchObject({
      prompt: 'hi',
      responses: { gpt: 'yo' },
      metadata: { q: { lang: 'en' }, extra: [1] },
    });
    expect(m.systems()).toEqual([{ name: 'gpt', source: 'out.gpt-3.5-turbo' }]);
  });

  it('references from several fields and lists, tags deduplicated and sorted in tags()', () => {
    const m = createRowMapper(mapping({ prompt: ['p'], references: ['r', 'alt'], tags: ['t', 'cat'] }));
    const { rows } = m.push(recs({ p: 'x', r: 'one', alt: ['two', '', 'three'], t: ['b', 'a'], cat: 'a' }));
    expect(rows[0]).toMatchObject({ references: ['one', 'two', 'three'], tags: ['b', 'a'] });
    expect(m.tags()).toEqual(['a', 'b']);
  });

  it('CSV cells holding JSON lists are read as lists', () => {
    const m = createRowMapper(
      mapping({
        prompt: ['q'],
        references: ['refs'],
        choices: ['choices'],
        label: 'a',
        labelEncoding: 'index',
      }),
    );
    const { rows } = m.push(recs({ q: 'x', refs: '["a","b"]', choices: '["yes","no"]', a: '1' }));
    expect(rows[0]).toMatchObject({ references: ['a', 'b'], choices: ['yes', 'no'], label: 1 });
  });

  it('a label that names no choice is an error; a missing one a warning', () => {
    const m = createRowMapper(
      mapping({ prompt: ['q'], choices: ['c'], label: 'a', labelEncoding: 'letter' }),
    );
    const { rows, errors } = m.push(recs({ q: 'x', c: ['1', '2'], a: 'E' }, { q: 'y', c: ['1', '2'] }));
    expect(rows.map((r) => r.line)).toEqual([2]);
    expect(errors.map((e) => [e.line, e.field, e.code, e.severity])).toEqual([
      [1, 'a', 'wrong-type', undefined],
      [2, 'a', 'missing-field', 'warning'],
    ]);
    expect(errors[0]?.message).toBe(
      'Line 1, field "a": the answer "E" is not a letter of one of the 2 choices.',
    );
  });

  it('a label without choices is a class name', () => {
    const m = createRowMapper(mapping({ prompt: ['text'], label: 'label' }));
    expect(m.push(recs({ text: 'great film', label: 'positive' })).rows[0]?.label).toBe('positive');
  });

  it('a conversation missing from a row is a missing-field error', () => {
    const m = createRowMapper(
      mapping({ conversation: { field: 'messages', lastAssistantAs: 'response', system: 'm' } }),
    );
    const { errors } = m.push(recs({ other: 1 }, { messages: [{ role: 'alien', content: 'x' }] }));
    expect(errors.map((e) => [e.line, e.field, e.code])).toEqual([
      [1, 'messages', 'missing-field'],
      [2, 'messages', 'wrong-type'],
    ]);
    expect(errors[1]?.message).toContain('turn 1 has no known role');
  });
});

describe('values and paths', () => {
  it.each([
    [2, 'index', 2],
    ['2', 'index', 2],
    [3, 'index', null],
    [1, 'index1', 0],
    ['(B)', 'letter', 1],
    ['c.', 'letter', 2],
    ['  Gamma ', 'text', 2],
    ['B', 'auto', 1],
    ['beta', 'auto', 1],
    ['zeta', 'auto', null],
  ] as const)('decodeLabel(%j, %s) = %j', (raw, enc, want) => {
    expect(decodeLabel(raw, ['alpha', 'beta', 'gamma'], enc)).toBe(want);
  });

  it('getPath prefers literal dotted keys, then nesting, and indexes arrays', () => {
    const rec = { 'a.b': 1, a: { b: 2, c: [{ d: 3 }] } };
    expect(getPath(rec, 'a.b')).toBe(1);
    expect(getPath(rec, 'a.c.0.d')).toBe(3);
    expect(getPath(rec, 'a.x')).toBeUndefined();
  });

  it('omitPaths drops emptied objects and leaves the input untouched', () => {
    const rec = { keep: 1, o: { x: 1 }, p: { x: 1, y: 2 } };
    expect(omitPaths(rec, ['o.x', 'p.x'])).toEqual({ keep: 1, p: { y: 2 } });
    expect(rec).toEqual({ keep: 1, o: { x: 1 }, p: { x: 1, y: 2 } });
  });

  it('omitPaths keeps key order, own __proto__ keys at any depth, and plain prototypes', () => {
    const rec = JSON.parse(
      '{"z": 0, "__proto__": {"x": 1}, "a": 1, "o": {"x": 1, "__proto__": 2}, "b": [3]}',
    ) as Record<string, unknown>;
    const out = omitPaths(rec, ['a', 'o.x']);
    expect(Object.keys(out)).toEqual(['z', '__proto__', 'o', 'b']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ x: 1 });
    const o = out['o'] as Record<string, unknown>;
    expect(Object.keys(o)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(out['b']).toBe(rec['b']);
  });
});

describe('downloading bad lines', () => {
  const errors = [
    { line: 2, field: null, code: 'invalid-json' as const, message: 'Line 2: invalid JSON.', raw: '{bad' },
    { line: 3, field: 'base', code: 'empty-response' as const, message: 'm', severity: 'warning' as const },
  ];
  it('errorsToJsonl writes one JSON object per error', () => {
    const lines = errorsToJsonl(errors).trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      {
        line: 2,
        field: null,
        code: 'invalid-json',
        severity: 'error',
        message: 'Line 2: invalid JSON.',
        raw: '{bad',
      },
      { line: 3, field: 'base', code: 'empty-response', severity: 'warning', message: 'm' },
    ]);
  });
  it('badLinesText returns the raw skipped lines only', () => {
    expect(badLinesText(errors)).toBe('{bad\n');
  });
});
