// The prebuilt command line (bin/yardstick.mjs running build/cli, rebuilt when stale) prints exactly what the
// TypeScript sources print, finds the bundled models from its own folder, and keeps transformers.js out of the
// start-up file.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const FIXTURE = join(ROOT, 'tests/fixtures/cli/score-rows.jsonl');

function node(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
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
