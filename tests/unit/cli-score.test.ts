// `yardstick score` end to end: spawn the command on small files and compare its JSON with the library.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusBleuSegments, sentenceBleu } from '../../src/lib/metrics/bleu';
import { corpusChrfSegments, sentenceChrf } from '../../src/lib/metrics/chrf';
import { scoreRouge } from '../../src/lib/metrics/rouge';

const ROOT = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'yardstick-score-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

function score(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['src/cli/main.ts', 'score', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Out {
  rows: number;
  corpus: Record<string, Record<string, unknown>>;
  groups?: Record<string, { rows: number; corpus: Record<string, Record<string, unknown>> }>;
  per_row: Record<string, unknown>[];
}

const ROWS = [
  { id: 'a', response: 'The cat sat on the mat.', reference: 'The cat is on the mat.', tag: 'x' },
  {
    id: 'b',
    response: 'A quick brown fox.',
    references: ['The quick brown fox.', null, 'A fast brown fox.'],
    tag: ['x', 'y'],
  },
  { id: 'c', response: 'nothing here', references: [null], tag: 'y' },
  { id: 7, response: 'exactly this', reference: 'exactly this' },
];
const REFS = [
  ['The cat is on the mat.'],
  ['The quick brown fox.', 'A fast brown fox.'],
  [],
  ['exactly this'],
];

describe('yardstick score', () => {
  it('prints the documented JSON with the library numbers (JSONL, --by)', () => {
    const p = file('rows.jsonl', ROWS.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const r = score([p, '--json', '--by', 'tag']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/1 of 4 rows have no reference/);
    const out = JSON.parse(r.stdout) as Out;
    expect(Object.keys(out)).toEqual(['rows', 'corpus', 'groups', 'per_row']);
    expect(out.rows).toBe(4);
    expect(Object.keys(out.corpus)).toEqual([
      'bleu',
      'chrf',
      'rouge1',
      'rouge2',
      'rougeL',
      'rougeLsum',
      'exact_match',
    ]);

    const hyps = ROWS.filter((_, i) => (REFS[i] ?? []).length > 0).map((x) => x.response);
    const refs = REFS.filter((x) => x.length > 0);
    const bleu = corpusBleuSegments(hyps, refs);
    expect(out.corpus['bleu']).toEqual({
      score: bleu.score,
      counts: bleu.counts,
      totals: bleu.totals,
      precisions: bleu.precisions,
      bp: bleu.bp,
      sys_len: bleu.sysLen,
      ref_len: bleu.refLen,
      signature: 'nrefs:var|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0',
    });
    const chrf = corpusChrfSegments(hyps, refs);
    expect(out.corpus['chrf']).toEqual({ score: chrf.score, signature: chrf.signature });
    expect(out.corpus['exact_match']).toMatchObject({ score: 1 / 3, matches: 1, rows: 3 });

    const rowB = out.per_row[1] ?? {};
    const sb = sentenceBleu(ROWS[1]?.response ?? '', REFS[1] ?? []);
    expect(rowB['id']).toBe('b');
    expect((rowB['bleu'] as { score: number }).score).toBe(sb.score);
    expect(rowB['bleu']).toMatchObject({
      counts: sb.counts,
      totals: sb.totals,
      sys_len: sb.sysLen,
      ref_len: sb.refLen,
    });
    expect(rowB['chrf']).toEqual({ score: sentenceChrf(ROWS[1]?.response ?? '', REFS[1] ?? []).score });
    const rouge = scoreRouge(ROWS[1]?.response ?? '', REFS[1] ?? [], {
      types: ['rouge1', 'rouge2', 'rougeL', 'rougeLsum'],
      useStemmer: false,
    });
    expect(rowB['rouge2']).toEqual(rouge.rouge2);
    expect(out.per_row[2]).toEqual({
      id: 'c',
      bleu: null,
      chrf: null,
      rouge1: null,
      rouge2: null,
      rougeL: null,
      rougeLsum: null,
      exact_match: null,
    });
    expect(out.per_row[3]?.['id']).toBe('7');
    expect(out.per_row[3]?.['exact_match']).toBe(1);

    expect(Object.keys(out.groups ?? {})).toEqual(['x', 'y', '(missing)']);
    expect(out.groups?.['x']?.rows).toBe(2);
    const gx = corpusBleuSegments(hyps.slice(0, 2), refs.slice(0, 2));
    expect(out.groups?.['x']?.corpus['bleu']?.['score']).toBe(gx.score);
  });

  it('reads CSV with named fields and applies the options to corpus and per-row scores', () => {
    const p = file('rows.csv', 'key,output,gold\nr1,"THE CAT, sat",the cat sat\nr2,a b c,a b c\n');
    const r = score([
      p,
      '--json',
      '--response-field',
      'output',
      '--reference-field',
      'gold',
      '--lowercase',
      '--bleu-tokenize',
      'none',
      '--bleu-effective-order',
      'no',
      '--metrics',
      'bleu,chrf',
      '--chrf-word-order',
      '2',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Out;
    const opts = { lowercase: true, tokenize: 'none', effectiveOrder: false } as const;
    expect(out.corpus['bleu']?.['signature']).toBe(
      'nrefs:1|case:lc|eff:no|tok:none|smooth:exp|version:2.6.0',
    );
    expect(out.corpus['bleu']?.['score']).toBe(
      corpusBleuSegments(['THE CAT, sat', 'a b c'], [['the cat sat'], ['a b c']], opts).score,
    );
    // Effective order off per row too: a perfect 3-token match scores 0, as sacreBLEU's BLEU().sentence_score.
    expect((out.per_row[1]?.['bleu'] as { score: number }).score).toBe(0);
    expect(out.corpus['chrf']?.['signature']).toBe(
      'nrefs:1|case:lc|eff:yes|nc:6|nw:2|space:no|version:2.6.0',
    );
    expect(out.per_row.map((x) => x['id'])).toEqual(['row-1', 'row-2']);
  });

  it('reads a JSON array and prints sacreBLEU-style lines without --json', () => {
    const p = file('rows.json', JSON.stringify([{ response: 'a b c d', reference: 'a b c d' }]));
    const r = score([p, '--metrics', 'bleu']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0 = 100.00 100.0/100.0/100.0/100.0',
    );
  });

  it('names the line and field of a bad row and exits non-zero', () => {
    const p = file('bad.jsonl', '{"response": "ok", "reference": "ok"}\n{"response": 3, "reference": "x"}\n');
    const r = score([p, '--json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`yardstick score: ${p}:2: field 'response': expected a string, got a number\n`);
    const q = file('bad2.jsonl', '{"response": "ok", "references": ["a", 5]}\n{oops\n');
    expect(score([q]).stderr).toContain(
      `${q}:1: field 'references[1]': expected a string or null, got a number`,
    );
    const j = file('bad3.jsonl', '{"response": "ok", "reference": "a"}\n\n{oops\n');
    const bad3 = score([j]);
    expect(bad3.code).toBe(1);
    // The blank line 2 is skipped but still counted.
    expect(bad3.stderr).toContain(`${j}:3: invalid JSON (`);
    // CSV lines count the line breaks inside quoted cells.
    const c = file('bad.csv', 'id,response,reference\n1,"two\nlines",x\n2,b\n');
    expect(score([c]).stderr).toContain(`${c}:4: 2 fields, but the header has 3`);
  });

  it('reports a broken field of a CSV line and of a JSON array element with its line, field and reason', () => {
    const c = file('badref.csv', 'id,response,references\nr1,a,"[""a""]"\nr2,b,not an array\n');
    const r = score([c, '--json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`yardstick score: ${c}:3: field 'references': expected a JSON array of strings\n`);
    const a = file('badel.json', JSON.stringify([{ response: 'a', reference: 'a' }, { reference: 'b' }]));
    expect(score([a]).stderr).toBe(`yardstick score: ${a}: element 2: field 'response': missing\n`);
    // A JSON array element that is not JSON: its number and the file line it starts on.
    const b = file('badel2.json', '[\n {"response": "a", "reference": "a"},\n {"response": oops}\n]\n');
    expect(score([b]).stderr).toMatch(
      new RegExp(`^yardstick score: ${b}: element 2 \\(line 3\\): invalid JSON \\(.+\\)\n$`),
    );
    const e = file('empty.jsonl', '');
    expect(score([e])).toMatchObject({
      code: 1,
      stderr: `yardstick score: cannot read ${e}: The file is empty (0 bytes).\n`,
    });
    const d = file('dup.jsonl', '{"id": 1, "response": "a"}\n{"id": "1", "response": "b"}\n');
    expect(score([d]).stderr).toContain(`${d}:2: field 'id': duplicate id '1'`);
  });

  it('reads CSV with a BOM, CRLF line ends, a quoted line break and a references cell holding a JSON array', () => {
    const csv =
      '\uFEFFid,response,references,tag\r\n' +
      'a,"The cat\nsat on the mat.","[""The cat sat on the mat."", null, ""A cat sat on a mat.""]",x\r\n' +
      'b,nothing,,y\r\n' +
      'c,exactly this,"[""exactly this""]",x\r\n';
    const p = file('bom-crlf.csv', csv);
    const r = score([p, '--json', '--by', 'tag']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('1 of 3 rows have no reference');
    const out = JSON.parse(r.stdout) as Out;
    expect(out.rows).toBe(3);
    // The BOM is not part of the first header name, so 'id' is found; CR is not part of the last cell.
    expect(out.per_row.map((x) => x['id'])).toEqual(['a', 'b', 'c']);
    expect(Object.keys(out.groups ?? {})).toEqual(['x', 'y']);
    const hyps = ['The cat\nsat on the mat.', 'exactly this'];
    const refs = [['The cat sat on the mat.', 'A cat sat on a mat.'], ['exactly this']];
    const bleu = corpusBleuSegments(hyps, refs);
    expect(out.corpus['bleu']?.['score']).toBe(bleu.score);
    expect(out.corpus['bleu']?.['signature']).toBe(
      'nrefs:var|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0',
    );
    expect(out.corpus['chrf']?.['score']).toBe(corpusChrfSegments(hyps, refs).score);
    expect(out.corpus['exact_match']).toMatchObject({ matches: 1, rows: 2 });
    expect(out.per_row[1]?.['bleu']).toBeNull();
  });

  it('rejects bad options with exit status 2', () => {
    const p = file('one.jsonl', '{"response": "a", "reference": "a"}\n');
    const r = score([p, '--bleu-tokenize', 'moses']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--bleu-tokenize must be one of 13a, intl, zh, char, none, got 'moses'");
  });

  it('reads the response and reference through field paths into lists and objects', () => {
    // lm-eval --log_samples generation lines: filtered_resps is a list, the gold answer sits inside `doc`.
    const lines = [
      { doc_id: 0, doc: { answer: 'Paris' }, filtered_resps: ['Paris'], resps: [['Paris']] },
      { doc_id: 1, doc: { answer: 'Rome' }, filtered_resps: ['Milan'], resps: [['Milan']] },
    ];
    const p = file('samples.jsonl', lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const r = score([p, '--json', '--response-field', 'filtered_resps.0', '--reference-field', 'doc.answer']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Out;
    expect(out.rows).toBe(2);
    expect(out.corpus['exact_match']).toMatchObject({ matches: 1, rows: 2 });
    const bracketed = score([
      p,
      '--json',
      '--response-field',
      'resps[0][-1]',
      '--reference-field',
      'doc.answer',
    ]);
    expect(JSON.parse(bracketed.stdout)).toEqual(out);
    const missing = score([p, '--response-field', 'filtered_resps.1', '--reference-field', 'doc.answer']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`${p}:1: field 'filtered_resps.1': missing`);
  });
});
