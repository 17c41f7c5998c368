// `yardstick score`'s progress line: only on a terminal, redrawn at most four times a second, cleared at the end.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Progress } from '../../src/cli/score-output';

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  const stream = {
    isTTY,
    write: (s: string) => {
      written.push(s);
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

describe('Progress', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes nothing when stderr is not a terminal', () => {
    const { stream, written } = fakeStream(false);
    const p = new Progress(stream);
    p.update(10);
    p.update(1_000_000);
    p.done();
    expect(written).toEqual([]);
  });

  it('redraws one line at most every 250 ms and clears it when done', () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const { stream, written } = fakeStream(true);
    const p = new Progress(stream);
    vi.advanceTimersByTime(2000);
    p.update(120_000);
    expect(written).toEqual(['\rscored 120,000 rows (60,000 rows/s)']);
    vi.advanceTimersByTime(100);
    p.update(125_000);
    expect(written).toHaveLength(1);
    vi.advanceTimersByTime(400);
    p.update(250_000);
    expect(written[1]).toBe('\rscored 250,000 rows (100,000 rows/s)');
    p.done();
    expect(written[2]).toBe('\r\x1b[K');
    p.done();
    expect(written).toHaveLength(3);
  });
});

describe('score on a terminal', () => {
  // `script` (util-linux) runs the command with a pseudo-terminal as stdout and stderr.
  const script = ['/usr/bin/script', '/bin/script'].find((p) => existsSync(p));
  it.skipIf(!script)('shows progress on stderr and still prints the scores', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yardstick-tty-'));
    const file = join(dir, 'rows.jsonl');
    const rows: string[] = [];
    for (let i = 0; i < 60_000; i++) {
      rows.push(
        JSON.stringify({
          id: `r${i}`,
          response: `the cat sat on mat ${i % 97}`,
          reference: `the cat sat on the mat ${i % 89}`,
        }),
      );
    }
    writeFileSync(file, `${rows.join('\n')}\n`);
    const root = join(import.meta.dirname, '../..');
    const cmd = `${process.execPath} ${join(root, 'bin/yardstick.mjs')} score ${file} --metrics bleu,chrf --jobs 1`;
    const r = spawnSync(script as string, ['-qec', cmd, '/dev/null'], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\rscored [\d,]+ rows \([\d,]+ rows\/s\)/);
    expect(r.stdout).toContain('\r\x1b[K');
    expect(r.stdout).toMatch(/rows: 60000\r?\nBLEU\|/);
  });
});
