// The prebuilt command line (bin/yardstick.mjs running build/cli, rebuilt when stale) prints exactly what the
// TypeScript sources print, finds the bundled models from its own folder, and keeps transformers.js out of the
// start-up file.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const FIXTURE = join(ROOT, 'tests/fixtures/cli/score-rows.jsonl');

function node(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 1 << 28,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the prebuilt command line', () => {
  it('scores a file exactly as the sources do', () => {
    const args = ['score', FIXTURE, '--json', '--by', 'tags', '--chrf-word-order', '2', '--rouge-stemmer'];
    const bundled = node(['bin/yardstick.mjs', ...args]);
    const source = node([join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'src/cli/main.ts', ...args]);
    expect(bundled.stderr).toBe(source.stderr);
    expect(bundled.code).toBe(0);
    expect(bundled.stdout).toBe(source.stdout);
    expect(JSON.parse(bundled.stdout)).toHaveProperty('per_row');
  });

  it('starts without loading the commands it does not run', () => {
    const help = node(['bin/yardstick.mjs', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: yardstick <command>/);
    const main = readFileSync(join(ROOT, 'build/cli/main.js'), 'utf8');
    expect(main).not.toMatch(/(from|import\()\s*["'](@huggingface|onnxruntime|papaparse)/);
    const chunks = readdirSync(join(ROOT, 'build/cli')).filter((f) => f.endsWith('.js'));
    expect(chunks.some((f) => f.startsWith('perplexity-'))).toBe(true);
  });

  it('finds the bundled models from the bundle', () => {
    const file = join(ROOT, 'tests/fixtures/cli/score-rows.jsonl');
    const r = node(['bin/yardstick.mjs', 'perplexity', file, '--model', 'tiny-bigram', '--json']);
    expect(r.stderr).not.toMatch(/hub|fetch|network/i);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveProperty('corpus');
  });
});

describe('score --jobs (worker threads of the prebuilt command line)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yardstick-jobs-'));
  const corpus = JSON.parse(
    readFileSync(join(ROOT, 'tests/fixtures/reference/wmt17_en_de_corpus.json'), 'utf8'),
  ) as { reference: string[]; systems: Record<string, string[]> };
  // Every WMT17 pair, plus rows without a reference and rows without an id (ids are made in the main thread).
  const lines: string[] = [];
  for (const [system, hyps] of Object.entries(corpus.systems)) {
    hyps.forEach((response, i) => {
      const row: Record<string, unknown> = { system, response, reference: corpus.reference[i] ?? '' };
      if (i % 997 !== 0) row['id'] = `${system}#${i}`;
      if (i % 1499 === 5) row['reference'] = null;
      lines.push(JSON.stringify(row));
    });
  }
  const file = (name: string, rows: string[]): string => {
    const path = join(dir, name);
    writeFileSync(path, `${rows.join('\n')}\n`);
    return path;
  };
  const all = file('wmt.jsonl', lines);
  const score = (path: string, args: string[]) => node(['bin/yardstick.mjs', 'score', path, ...args]);

  it.each([
    [['--json', '--by', 'system', '--chrf-word-order', '2', '--rouge-stemmer']],
    [['--metrics', 'bleu,rouge', '--lowercase', '--by', 'system']],
    [['--metrics', 'exact,chrf', '--json']],
  ])('prints what one thread prints on 15,020 pairs (%j)', (args) => {
    const one = score(all, [...args, '--jobs', '1']);
    expect(one.code).toBe(0);
    expect(one.stderr).toMatch(/rows have no reference/);
    for (const jobs of ['2', '3']) {
      const many = score(all, [...args, '--jobs', jobs]);
      expect(many.stderr).toBe(one.stderr);
      expect(many.code).toBe(0);
      expect(many.stdout).toBe(one.stdout);
    }
  });

  it('stops at the same first bad line, with nothing on stdout', () => {
    const broken = lines.slice();
    broken[9000] = '{"id": "x", "response": "unterminated';
    broken[12000] = JSON.stringify({ id: 'late', response: 1, reference: 'r' });
    const bad = file('bad.jsonl', broken);
    const dup = lines.slice();
    dup[8000] = dup[3] ?? '';
    const dupFile = file('dup.jsonl', dup);
    for (const path of [bad, dupFile]) {
      const one = score(path, ['--json', '--jobs', '1']);
      const many = score(path, ['--json', '--jobs', '2']);
      expect(one.code).toBe(1);
      expect(many.code).toBe(1);
      expect(many.stdout).toBe('');
      expect(many.stderr).toBe(one.stderr);
    }
    expect(score(bad, ['--jobs', '2']).stderr).toMatch(/bad\.jsonl:9001: invalid JSON/);
    expect(score(dupFile, ['--jobs', '2']).stderr).toMatch(/dup\.jsonl:8001: field 'id': duplicate id/);
  });

  it('refuses a --jobs that is not a positive integer', () => {
    const r = score(all, ['--jobs', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--jobs must be an integer ≥ 1, got '0'/);
  });
});
