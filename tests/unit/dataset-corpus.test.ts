// The broken-file corpus (tests/fixtures/dataset/, hand-written; see its README): every file either throws one clear
// InputError or yields its valid rows plus LineErrors that name the line and field. Files are streamed from disk in
// 7-byte chunks so every record crosses chunk boundaries.
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/lib/core/errors';
import { parseDataset, type ParsedDataset } from '../../src/lib/dataset';

const dir = resolve(import.meta.dirname, '../fixtures/dataset');
const load = (name: string): Promise<ParsedDataset> =>
  parseDataset(createReadStream(resolve(dir, name), { highWaterMark: 7 }), { fileName: name });
const brief = (d: ParsedDataset) => d.errors.map((e) => [e.line, e.field, e.code, e.severity ?? 'error']);

describe('files that cannot be used at all throw one clear InputError', () => {
  it.each([
    ['empty.jsonl', /empty \(0 bytes\)/],
    ['empty.json', /empty \(0 bytes\)/],
    ['empty.csv', /empty \(0 bytes\)/],
    ['blank-lines.jsonl', /every line is blank/],
    ['header-only.csv', /header but no rows/],
    ['object-not-array.json', /not an array of rows.*Fields found: name, version, description/],
    ['single-row-object.json', /single row \(it has a "messages" list\)/],
  ])('%s', async (name, message) => {
    const failure = load(name);
    await expect(failure).rejects.toBeInstanceOf(InputError);
    await expect(load(name)).rejects.toThrow(message);
  });
});

describe('broken lines are reported, valid rows survive', () => {
  it('BOM, CRLF and blank lines are invisible', async () => {
    const d = await load('bom-crlf.jsonl');
    expect(d.errors).toEqual([]);
    expect(d.rows.map((r) => [r.line, r.prompt, r.responses['model'], r.references])).toEqual([
      [1, 'Name a primary colour.', 'Red.', ['Red']],
      [3, '2 + 2 =', '4', ['4']],
      [5, 'Capital of Peru?', 'Lima', ['Lima']],
    ]);
  });

  it('a truncated last line is an invalid-json error that says the file may be truncated', async () => {
    const d = await load('truncated.jsonl');
    expect(d.rows.map((r) => r.id)).toEqual(['a', 'b']);
    expect(brief(d)).toEqual([[3, null, 'invalid-json', 'error']]);
    expect(d.errors[0]?.message).toMatch(/^Line 3: invalid JSON .*truncated/);
    expect(d.errors[0]?.raw).toBe('{"id": "c", "prompt": "Third", "respon');
  });

  it('invalid UTF-8 spoils only its own line', async () => {
    const d = await load('invalid-utf8.jsonl');
    expect(d.rows.map((r) => r.prompt)).toEqual(['café ok', '€ euro sign']);
    expect(brief(d)).toEqual([
      [2, null, 'invalid-utf8', 'error'],
      [3, null, 'invalid-utf8', 'error'],
    ]);
    expect(d.errors[0]?.message).toBe('Line 2: not valid UTF-8 text.');
    expect(d.errors[0]?.raw).toContain('bad \uFFFD\uFFFD byte');
  });

  it('wrong types name the field; numbers are accepted as text', async () => {
    const d = await load('wrong-types.jsonl');
    expect(d.rows.map((r) => r.id)).toEqual(['1', '6']);
    expect(d.rows[1]).toMatchObject({ prompt: '42', responses: { model: '7' }, references: ['7', 'seven'] });
    expect(brief(d)).toEqual([
      [2, 'prompt', 'wrong-type', 'error'],
      [3, 'response', 'wrong-type', 'error'],
      [4, 'reference', 'wrong-type', 'error'],
      [5, 'id', 'wrong-type', 'error'],
      [7, 'prompt', 'missing-field', 'error'],
    ]);
    expect(d.errors[0]?.message).toBe(
      'Line 2, field "prompt": the prompt must be text or a list of chat turns, but it is an object.',
    );
  });

  it('values that are not objects are not rows', async () => {
    const d = await load('not-objects.jsonl');
    expect(d.rows.map((r) => r.line)).toEqual([1, 6]);
    expect(brief(d)).toEqual([2, 3, 4, 5].map((l) => [l, null, 'not-an-object', 'error']));
    expect(d.errors.map((e) => e.message)).toEqual([
      'Line 2: a row must be a JSON object, but this is a list.',
      'Line 3: a row must be a JSON object, but this is a string.',
      'Line 4: a row must be a JSON object, but this is a number.',
      'Line 5: a row must be a JSON object, but this is null.',
    ]);
  });

  it('an object with one array of rows ({"data": [...]}) is read as that array', async () => {
    const d = await load('data-wrapper.json');
    expect(d.errors).toEqual([]);
    expect(d.rows.map((r) => [r.line, r.prompt, r.references, r.responses])).toEqual([
      [1, 'What is H2O?', ['Water'], { model: 'water' }],
      [2, 'Largest planet?', ['Jupiter'], { model: 'Saturn' }],
    ]);
  });

  it('a truncated JSON array keeps the complete elements', async () => {
    const d = await load('truncated.json');
    expect(d.rows.map((r) => r.prompt)).toEqual(['one', 'two']);
    expect(brief(d)).toEqual([
      [3, null, 'invalid-json', 'error'],
      [4, null, 'invalid-json', 'error'],
    ]);
    expect(d.errors[0]?.message).toMatch(/^Element 3 \(line 4\): invalid JSON .*truncated/);
    expect(d.errors[1]?.message).toBe('The JSON array is not closed with ]: the file may be truncated.');
  });

  it('one malformed element of a JSON array is skipped', async () => {
    const d = await load('bad-element.json');
    expect(d.rows.map((r) => r.prompt)).toEqual(['one', 'three']);
    expect(brief(d)).toEqual([[2, null, 'invalid-json', 'error']]);
  });

  it('the second use of an id is the error', async () => {
    const d = await load('duplicate-ids.jsonl');
    expect(d.rows.map((r) => r.id)).toEqual(['q1', 'q2', 'q3']);
    expect(d.rows.map((r) => r.prompt)).toEqual(['alpha', 'beta', 'gamma']);
    expect(d.errors.map((e) => [e.line, e.field, e.code, e.message])).toEqual([
      [3, 'id', 'duplicate-id', 'Line 3, field "id": duplicate id "q1" (first on line 1).'],
      [5, 'id', 'duplicate-id', 'Line 5, field "id": duplicate id "q2" (first on line 2).'],
    ]);
  });

  it('empty responses are warnings: the row is kept without that response', async () => {
    const d = await load('empty-responses.jsonl');
    expect(d.detection.format).toBe('wide-multi-system');
    expect(d.rows.map((r) => r.responses)).toEqual([
      { base: 'an answer', finetuned: 'a better answer' },
      { finetuned: 'only the fine-tuned one answered' },
      {},
      { base: 'base again', finetuned: 'fine-tuned again' },
    ]);
    expect(brief(d)).toEqual([
      [2, 'base', 'empty-response', 'warning'],
      [3, 'base', 'empty-response', 'warning'],
      [3, 'finetuned', 'empty-response', 'warning'],
    ]);
  });

  it('hostile content is kept verbatim as text, and __proto__ keys pollute nothing', async () => {
    const d = await load('hostile.jsonl');
    expect(d.errors).toEqual([]);
    expect(d.rows.map((r) => r.responses['model'])).toEqual([
      '<script>window.__pwned = 2</script>hi',
      '<img src=x onerror="window.__pwned = 3">',
      '[click](javascript:window.__pwned=4) <a href="javascript:window.__pwned=5">here</a>',
      'ok',
    ]);
    expect(d.rows[0]?.prompt).toBe('<script>window.__pwned = 1</script>Say hi');
    const meta = d.rows[3]?.metadata ?? {};
    expect(Object.prototype.hasOwnProperty.call(meta, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(meta)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('CSV: BOM, CRLF, quoted newlines and quotes; bad records are listed by the line they start on', async () => {
    const d = await load('messy.csv');
    expect(d.kind).toBe('csv');
    expect(d.rows.map((r) => [r.id, r.line])).toEqual([
      ['1', 2],
      ['2', 5],
      ['5', 9],
    ]);
    expect(d.rows[0]).toMatchObject({
      prompt: 'Write a haiku\r\nabout rain',
      responses: { model: 'Soft rain on the roof,\r\nquiet "drums" all night' },
      references: ['rain'],
    });
    expect(d.rows[2]).toMatchObject({ prompt: 'Last, with comma', references: ['ref, with comma'] });
    expect(brief(d)).toEqual([
      [7, null, 'csv-error', 'error'],
      [8, null, 'invalid-utf8', 'error'],
    ]);
    expect(d.errors[0]?.message).toBe('Line 7: 5 fields, but the header has 4.');
  });

  it('CSV: the delimiter is guessed from the header line', async () => {
    const d = await load('semicolon.csv');
    expect(d.errors).toEqual([]);
    expect(d.rows.map((r) => [r.prompt, r.responses['model'], r.references])).toEqual([
      ['Dot, comma', 'yes', ['a;b']],
      ['plain', 'no', ['c']],
    ]);
  });
});
