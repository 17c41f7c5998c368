// `yardstick perplexity` end to end in Node: output shape as specified and numbers from the closed form.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/perplexity';
import { EOS_ID, bigramNll, byteIds, relErr } from './model-reference';

const dir = mkdtempSync(join(tmpdir(), 'ppl-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let stdout = '';
let stderr = '';
beforeEach(() => {
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
});
afterEach(() => vi.restoreAllMocks());

const ROWS = [
  { id: 'a', prompt: 'Say the alphabet:', reference: 'abcdefghijklmnopqrstuvwxyz', response: 'abc' },
  { id: 'b', prompt: 'Quote:', reference: 'It is a truth universally acknowledged', response: 'no' },
];

describe('perplexity CLI', () => {
  it('--json prints rows, model, corpus and per_row exactly as specified', async () => {
    const file = join(dir, 'rows.jsonl');
    writeFileSync(file, ROWS.map((r) => JSON.stringify(r)).join('\n') + '\n');
    expect(await run([file, '--model', 'tiny-bigram', '--json'])).toBe(0);
    const out = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['rows', 'model', 'corpus', 'per_row']);
    expect(out.rows).toBe(2);
    expect(out.model).toBe('tiny-bigram');
    const corpus = out.corpus as Record<string, number>;
    expect(Object.keys(corpus)).toEqual([
      'token_perplexity',
      'word_perplexity',
      'byte_perplexity',
      'bits_per_byte',
      'tokens',
      'nll_sum',
      'mean_perplexity',
    ]);
    const ids = ROWS.map((r) => byteIds(r.reference));
    const nll = ids.map((x) => bigramNll(x));
    const tokens = ids.reduce((s, x) => s + x.length - 1, 0);
    const total = (nll[0] ?? 0) + (nll[1] ?? 0);
    const bytes = ids.reduce((s, x) => s + x.length, 0);
    expect(corpus.tokens).toBe(tokens);
    expect(relErr(corpus.nll_sum ?? NaN, total)).toBeLessThan(1e-6);
    expect(relErr(corpus.token_perplexity ?? NaN, Math.exp(total / tokens))).toBeLessThan(1e-6);
    expect(relErr(corpus.word_perplexity ?? NaN, Math.exp(total / (1 + 6)))).toBeLessThan(1e-6);
    expect(relErr(corpus.bits_per_byte ?? NaN, total / bytes / Math.LN2)).toBeLessThan(1e-6);
    const perRow = out.per_row as { id: string; tokens: number; nll_sum: number; perplexity: number }[];
    expect(Object.keys(perRow[0] ?? {})).toEqual(['id', 'tokens', 'nll_sum', 'perplexity']);
    expect(perRow[0]?.id).toBe('a');
    expect(relErr(perRow[0]?.perplexity ?? NaN, 2)).toBeLessThan(1e-6);
  });
  it('--field, --context-field and --add-bos; bad lines are named on stderr and valid rows still scored', async () => {
    const file = join(dir, 'mixed.jsonl');
    writeFileSync(file, `${JSON.stringify(ROWS[0])}\n{broken\n${JSON.stringify({ id: 'c' })}\n`);
    expect(
      await run([
        file,
        '--model',
        'tiny-bigram',
        '--field',
        'response',
        '--context-field',
        'prompt',
        '--json',
      ]),
    ).toBe(0);
    // In file order: the reader's error (with the JSON parser's reason), then the field error.
    const lines = stderr.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^yardstick perplexity: ${file}:2: invalid JSON \\(.+\\)$`));
    expect(lines.slice(1)).toEqual([
      `yardstick perplexity: ${file}:3: field 'response': missing or not text`,
      '',
    ]);
    const out = JSON.parse(stdout) as { rows: number; corpus: { nll_sum: number; tokens: number } };
    expect(out.rows).toBe(1);
    const ctx = byteIds('Say the alphabet:');
    expect(out.corpus.tokens).toBe(3);
    expect(relErr(out.corpus.nll_sum, bigramNll([...ctx, ...byteIds('abc')], ctx.length))).toBeLessThan(1e-6);
    stdout = '';
    expect(await run([file, '--model', 'tiny-bigram', '--add-bos', '--json'])).toBe(0);
    const bos = JSON.parse(stdout) as { corpus: { nll_sum: number; tokens: number } };
    expect(bos.corpus.tokens).toBe(26);
    expect(
      relErr(bos.corpus.nll_sum, bigramNll([EOS_ID, ...byteIds('abcdefghijklmnopqrstuvwxyz')])),
    ).toBeLessThan(1e-6);
  });
  it('reads CSV (BOM, CRLF, a quoted line break); a broken line and a bad field are named, the rest scored', async () => {
    const file = join(dir, 'rows.csv');
    writeFileSync(
      file,
      '\uFEFFid,prompt,reference\r\n' +
        'a,"Say\nit:",abc\r\n' +
        'b,Quote:,"It is\na truth"\r\n' +
        'c,too,many,cells\r\n',
    );
    expect(await run([file, '--model', 'tiny-bigram', '--context-field', 'prompt', '--json'])).toBe(0);
    expect(stderr).toBe(`yardstick perplexity: ${file}:6: 4 fields, but the header has 3\n`);
    const out = JSON.parse(stdout) as {
      rows: number;
      corpus: { nll_sum: number; tokens: number };
      per_row: { id: string; nll_sum: number }[];
    };
    expect(out.rows).toBe(2);
    expect(out.per_row.map((r) => r.id)).toEqual(['a', 'b']);
    const pairs: [string, string][] = [
      ['Say\nit:', 'abc'],
      ['Quote:', 'It is\na truth'],
    ];
    const nll = pairs.map(([c, t]) => bigramNll([...byteIds(c), ...byteIds(t)], byteIds(c).length));
    expect(out.corpus.tokens).toBe(3 + 'It is\na truth'.length);
    expect(relErr(out.per_row[1]?.nll_sum ?? NaN, nll[1] ?? NaN)).toBeLessThan(1e-6);
    expect(relErr(out.corpus.nll_sum, (nll[0] ?? NaN) + (nll[1] ?? NaN))).toBeLessThan(1e-6);

    stdout = '';
    stderr = '';
    const arr = join(dir, 'rows.json');
    writeFileSync(
      arr,
      JSON.stringify([{ id: 'x', reference: 'abc' }, { id: 'y', reference: { text: 'abc' } }, 7]),
    );
    expect(await run([arr, '--model', 'tiny-bigram', '--json'])).toBe(0);
    expect(stderr).toBe(
      `yardstick perplexity: ${arr}: element 2: field 'reference': missing or not text\n` +
        `yardstick perplexity: ${arr}: element 3: expected a JSON object, got a number\n`,
    );
    expect((JSON.parse(stdout) as { rows: number }).rows).toBe(1);
  });
  it('usage errors exit 2 with a message', async () => {
    expect(await run([])).toBe(2);
    expect(stderr).toMatch(/FILE and --model are required/);
    expect(await run([join(dir, 'rows.jsonl'), '--model', 'tiny-bigram', '--stride', 'x'])).toBe(2);
    expect(stderr).toMatch(/--stride must be a positive integer/);
  });
});
