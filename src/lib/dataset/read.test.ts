import { describe, expect, it } from 'vitest';
import { AbortError } from '../core/errors';
import { DEFAULT_MAX_LINE_BYTES } from './jsonl';
import { encodeUtf8, textSource } from './platform';
import { detectSourceKind, readRecords } from './read';
import type { ByteSource, ReadOptions, RecordBatch, SourceKind } from './types';

async function readAll(kind: SourceKind, source: ByteSource, options: ReadOptions = {}) {
  const batches: RecordBatch[] = [];
  for await (const b of readRecords(kind, source, options)) batches.push(b);
  return {
    batches,
    records: batches.flatMap((b) => b.records),
    errors: batches.flatMap((b) => b.errors),
  };
}

const splitAt = (bytes: Uint8Array, cuts: number[]): Uint8Array[] => {
  const out: Uint8Array[] = [];
  let from = 0;
  for (const c of [...cuts, bytes.length]) {
    out.push(bytes.slice(from, c));
    from = c;
  }
  return out;
};

describe('detectSourceKind', () => {
  it.each([
    ['rows.jsonl', '{"a": 1}\n{"a": 2}\n', 'jsonl'],
    ['rows.json', '{"a": 1}\n{"a": 2}\n', 'jsonl'],
    ['rows.txt', '\uFEFF  [\n {"a": 1}', 'json'],
    ['rows.jsonl', '[{"a": 1}]', 'json'],
    ['rows.json', '{\n  "data": [', 'json'],
    ['rows.jsonl', '{"a": "a line longer than the sniffed chunk', 'jsonl'],
    ['rows.json', '{"a": "a line longer than the sniffed chunk', 'json'],
    ['rows.jsonl', '{"broken\n{"a": 2}\n', 'jsonl'],
    ['rows.csv', 'prompt,response\nhi,there\n', 'csv'],
    ['rows.tsv', 'prompt\tresponse\n', 'csv'],
    ['rows.jsonl', '', 'jsonl'],
  ])('%s starting %j is %s', (name, text, kind) => {
    expect(detectSourceKind(name, text)).toBe(kind);
  });
});

describe('chunk boundaries never change the result', () => {
  // Multi-byte characters (2, 3 and 4 bytes), CRLF, a BOM, quotes and a quoted CSV newline: every cut is awkward.
  const jsonl = '\uFEFF{"p": "café", "r": "€5"}\r\n\r\n{"p": "naïve 😀", "r": "\\"q\\""}\r\n{"p": "end"}';
  const json = '\uFEFF[ {"p": "café", "r": "€5"},\r\n {"p": "😀", "r": ["]", "}"]} ,{"p": "x\\"]"} ]';
  const csv = '\uFEFFp,r\r\n"café, ""quoted""","line one\r\nline two €"\r\nnaïve,😀\r\n"",last';
  const cases: [SourceKind, string][] = [
    ['jsonl', jsonl],
    ['json', json],
    ['csv', csv],
  ];

  it.each(cases)('%s: every two-way split matches the one-chunk read', async (kind, text) => {
    const bytes = encodeUtf8(text);
    const whole = await readAll(kind, [bytes]);
    expect(whole.errors).toEqual([]);
    expect(whole.records.length).toBe(3);
    for (let cut = 1; cut < bytes.length; cut++) {
      const split = await readAll(kind, splitAt(bytes, [cut]));
      expect(split.records, `cut at byte ${cut}`).toEqual(whole.records);
      expect(split.errors).toEqual([]);
    }
  });

  it.each(cases)('%s: one byte at a time matches too', async (kind, text) => {
    const bytes = encodeUtf8(text);
    const whole = await readAll(kind, [bytes]);
    const cuts = Array.from({ length: bytes.length - 1 }, (_, i) => i + 1);
    const single = await readAll(kind, splitAt(bytes, cuts));
    expect(single.records).toEqual(whole.records);
    expect(single.batches.at(-1)?.bytesRead).toBe(bytes.length);
  });

  it('reads the expected values', async () => {
    const { records } = await readAll('csv', [encodeUtf8(csv)]);
    expect(records).toEqual([
      { line: 2, value: { p: 'café, "quoted"', r: 'line one\r\nline two €' } },
      { line: 4, value: { p: 'naïve', r: '😀' } },
      { line: 5, value: { p: '', r: 'last' } },
    ]);
    const j = await readAll('json', [encodeUtf8(json)]);
    expect(j.records.map((r) => r.value)).toEqual([
      { p: 'café', r: '€5' },
      { p: '😀', r: [']', '}'] },
      { p: 'x"]' },
    ]);
    const l = await readAll('jsonl', [encodeUtf8(jsonl)]);
    expect(l.records.map((r) => r.line)).toEqual([1, 3, 4]);
  });
});

describe('huge lines', () => {
  it('a 10 MB single line parses', async () => {
    const big = 'x'.repeat(10 * 1024 * 1024);
    const text = `{"prompt": "short"}\n{"prompt": "big", "response": "${big}"}\n{"prompt": "after"}\n`;
    const { records, errors } = await readAll('jsonl', textSource(text, 1 << 20));
    expect(errors).toEqual([]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3]);
    expect((records[1]?.value as { response: string }).response.length).toBe(big.length);
  });

  it('a line over the cap is a line-too-long error; the lines around it survive', async () => {
    const long = `{"prompt": "${'y'.repeat(5000)}"}`;
    for (const kind of ['jsonl', 'csv'] as const) {
      const text = kind === 'jsonl' ? `{"a": 1}\n${long}\n{"a": 3}\n` : `a\n1\n"${'y'.repeat(5000)}"\n3\n`;
      const { records, errors } = await readAll(kind, textSource(text, 300), { maxLineBytes: 1000 });
      expect(records.length, kind).toBe(2);
      expect(
        errors.map((e) => [e.line, e.code]),
        kind,
      ).toEqual([[kind === 'jsonl' ? 2 : 3, 'line-too-long']]);
      expect(errors[0]?.message).toMatch(/over the 0\.0 MiB limit|over the .* limit for one record/);
      expect((errors[0]?.raw ?? '').length).toBeLessThanOrEqual(256);
    }
  });

  it('an element over the cap in a JSON array is reported and skipped', async () => {
    const text = `[{"a": 1}, {"b": "${'z'.repeat(4000)}"}, {"c": 3}]`;
    const { records, errors } = await readAll('json', textSource(text, 256), { maxLineBytes: 1000 });
    expect(records.map((r) => r.line)).toEqual([1, 3]);
    expect(errors.map((e) => [e.line, e.code])).toEqual([[2, 'line-too-long']]);
    expect(errors[0]?.message).toMatch(/^Element 2 \(line 1\)/);
  });

  it('an unclosed CSV quote past the cap resynchronises at the next line', async () => {
    const text = `a,b\n1,"open quote ${'q'.repeat(2000)}\n2,two\n3,three\n`;
    const { records, errors } = await readAll('csv', textSource(text, 100), { maxLineBytes: 1000 });
    expect(errors.map((e) => [e.line, e.code])).toEqual([[2, 'line-too-long']]);
    expect(records.map((r) => r.value)).toEqual([
      { a: '2', b: 'two' },
      { a: '3', b: 'three' },
    ]);
  });

  it('the default cap is 64 MiB', () => {
    expect(DEFAULT_MAX_LINE_BYTES).toBe(64 * 1024 * 1024);
  });
});

describe('sources, progress and cancellation', () => {
  const text = Array.from({ length: 50 }, (_, i) => JSON.stringify({ i })).join('\n');

  it('reads a web ReadableStream and reports monotonic progress ending at the byte count', async () => {
    const bytes = encodeUtf8(text);
    const chunks = splitAt(bytes, [10, 100, 200, 300]);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const c of chunks) controller.enqueue(c);
        controller.close();
      },
    });
    const { records, batches } = await readAll('jsonl', stream);
    expect(records.length).toBe(50);
    const progress = batches.map((b) => b.bytesRead);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(bytes.length);
  });

  it('stops with AbortError between chunks and cancels the stream', async () => {
    const controller = new AbortController();
    let cancelled = false;
    let pulls = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        pulls++;
        c.enqueue(encodeUtf8(`{"n": ${pulls}}\n`));
      },
      cancel() {
        cancelled = true;
      },
    });
    const seen: number[] = [];
    const run = async () => {
      for await (const b of readRecords('jsonl', stream, { signal: controller.signal })) {
        seen.push(...b.records.map((r) => r.line));
        if (seen.length === 3) controller.abort();
      }
    };
    await expect(run()).rejects.toBeInstanceOf(AbortError);
    expect(seen).toEqual([1, 2, 3]);
    expect(cancelled).toBe(true);
  });

  it('an already-aborted signal reads nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(readAll('csv', textSource('a\n1\n'), { signal: controller.signal })).rejects.toBeInstanceOf(
      AbortError,
    );
  });
});

describe('JSON objects holding rows', () => {
  it('skips other fields (strings with brackets, nested objects, scalar arrays) and reads the one array of rows', async () => {
    const text =
      '{"title": "a ] } [ { tricky \\" string", "n": 3, "meta": {"x": [1, {"y": "]"}]}, "labels": ["a", "b"],' +
      ' "empty": [], "rows": [{"p": 1}, {"p": 2}], "after": "x"}';
    for (const cut of [1, 17, 40, 90, text.length - 3]) {
      const bytes = encodeUtf8(text);
      const { records, errors } = await readAll('json', splitAt(bytes, [cut]));
      expect(errors).toEqual([]);
      expect(records).toEqual([
        { line: 1, value: { p: 1 } },
        { line: 2, value: { p: 2 } },
      ]);
    }
  });

  it('an object whose last field is a string closes cleanly', async () => {
    const { records } = await readAll('json', [encodeUtf8('{"data": [{"p": 1}], "note": "done"}')]);
    expect(records.length).toBe(1);
    await expect(readAll('json', [encodeUtf8('{"note": "no rows"}')])).rejects.toThrow(/Fields found: note/);
  });

  it('two arrays of rows are ambiguous', async () => {
    const text = '{"train": [{"p": 1}], "test": [{"p": 2}]}';
    await expect(readAll('json', [encodeUtf8(text)])).rejects.toThrow(
      'The JSON object has more than one array of rows ("train" and "test"); keep one, or save the rows as JSONL.',
    );
  });

  it('text after the closing bracket is reported once', async () => {
    const { records, errors } = await readAll('json', [encodeUtf8('[{"p": 1}]\n[{"p": 2}]')]);
    expect(records.length).toBe(1);
    expect(errors.map((e) => e.message)).toEqual([
      'Unexpected text after the end of the JSON on line 2; it was ignored.',
    ]);
  });
});

describe('JSONL lines decoded in runs', () => {
  // Lines found whole in a chunk are decoded together; lines cut by a chunk edge one by one. Both must agree.
  const parts = [
    '\uFEFF{"id": 1, "t": "first, after the file BOM"}\r\n',
    '\uFEFF{"id": 2, "t": "a BOM at the start of a line"}\n',
    '   \n',
    '\r\n',
    '{"id": 3, "t": "héllo 😀 \\ud800"}\r\n',
    '{"id": 4, broken}\r\n',
  ];
  const bad = new Uint8Array([0x7b, 0x22, 0x69, 0x64, 0x22, 0x3a, 0xff, 0x7d, 0x0a]); // {"id":<0xFF>}
  const tail = encodeUtf8('{"id": 5}\n\u00a0\n{"id": 6, "t": "no newline at the end"}');
  const head = encodeUtf8(parts.join(''));
  const bytes = new Uint8Array([...head, ...bad, ...tail]);

  const byteByByte = (b: Uint8Array) =>
    splitAt(
      b,
      Array.from({ length: b.length - 1 }, (_, i) => i + 1),
    );

  it('gives the same records and errors in one chunk as byte by byte', async () => {
    const clean = new Uint8Array([...head, ...tail]);
    const whole = await readAll('jsonl', [clean]);
    const byByte = await readAll('jsonl', byteByByte(clean));
    expect(whole.records).toEqual(byByte.records);
    expect(whole.errors).toEqual(byByte.errors);
    expect(whole.records.map((r) => [r.line, (r.value as { id: number }).id])).toEqual([
      [1, 1],
      [2, 2],
      [5, 3],
      [7, 5],
      [9, 6],
    ]);
    expect((whole.records[2]?.value as { t: string }).t).toBe('héllo 😀 \ud800');
    expect(whole.errors.map((e) => [e.line, e.code, e.raw])).toEqual([
      [6, 'invalid-json', '{"id": 4, broken}'],
    ]);
  });

  it('names the line with bytes that are not UTF-8, inside a run, and keeps the others', async () => {
    const whole = await readAll('jsonl', [bytes]);
    expect(whole).toEqual({ ...(await readAll('jsonl', byteByByte(bytes))), batches: whole.batches });
    expect(whole.records.map((r) => r.line)).toEqual([1, 2, 5, 8, 10]);
    expect(whole.errors.map((e) => [e.line, e.code])).toEqual([
      [6, 'invalid-json'],
      [7, 'invalid-utf8'],
    ]);
  });
});
