// The `judge` command line against the scripted mock: the JSON output fields, the unparsed bucket, the cache
// (a second run makes no calls), pairwise with both orders, and the key absent from every output and error.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/cli/input';
import { run } from '../../src/cli/judge';
import { judgeRows } from '../../src/lib/judge/input';
import { defaultScript, startMockLlm, type MockLlm } from '../mock-llm/server';

const KEY = 'sk-cli-SECRET-7d3e';
let mock: MockLlm;
let dir: string;
beforeAll(async () => {
  mock = await startMockLlm();
  dir = mkdtempSync(join(tmpdir(), 'judge-cli-'));
  writeFileSync(
    join(dir, 'rows.jsonl'),
    [
      { id: 'a', prompt: 'What is 2+2?', response: '4 SCORE=5', reference: '4' },
      { id: 'b', prompt: 'Capital of France?', response: 'Lyon SCORE=2' },
      { id: 'c', prompt: 'Say hi', response: 'no score here' },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n'),
  );
  writeFileSync(
    join(dir, 'pairs.csv'),
    'id,prompt,base,finetuned\np1,Q1,"short PICK=A",long answer\np2,Q2,x,y PICK=B\n',
  );
  writeFileSync(join(dir, 'rubric.txt'), 'Rate from 1 to 5.\n{prompt}\n---\n{response}\n');
  writeFileSync(join(dir, 'pair.txt'), 'Which is better?\n{prompt}\nA: {response_a}\nB: {response_b}\n');
});
afterAll(async () => {
  await mock.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  mock.log.length = 0;
  mock.setScript((r) =>
    r.user.includes('no score here') ? { type: 'answer', text: 'I like it. Score:' } : defaultScript(r),
  );
});

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const wo = process.stdout.write.bind(process.stdout);
  const we = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((s: string) => (out.push(s), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => (err.push(s), true)) as typeof process.stderr.write;
  const prev = process.env.YARDSTICK_API_KEY;
  process.env.YARDSTICK_API_KEY = KEY;
  try {
    const code = await run(args);
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    process.stdout.write = wo;
    process.stderr.write = we;
    if (prev === undefined) delete process.env.YARDSTICK_API_KEY;
    else process.env.YARDSTICK_API_KEY = prev;
  }
}

const base = () => ['--provider', 'openai', '--base-url', `${mock.url}/v1`, '--model', 'judge-m', '--json'];

describe('judge CLI', () => {
  it('single grading: per_row, unparsed (no score), usage; a second run with --cache makes no calls', async () => {
    const cacheDir = join(dir, 'cache');
    const args = [
      join(dir, 'rows.jsonl'),
      '--rubric',
      join(dir, 'rubric.txt'),
      ...base(),
      '--cache',
      cacheDir,
    ];
    const first = await cli(args);
    expect(first.code).toBe(0);
    const j = JSON.parse(first.out) as Record<string, unknown>;
    expect(j.rows).toBe(3);
    expect(j.per_row).toEqual([
      { id: 'a', score: 5, raw: 'The response addresses the prompt.\nScore: 5' },
      { id: 'b', score: 2, raw: 'The response addresses the prompt.\nScore: 2' },
      { id: 'c', raw: 'I like it. Score:' },
    ]);
    expect(j.unparsed).toEqual([{ id: 'c', raw: 'I like it. Score:' }]);
    expect(j.mean).toBe(3.5);
    expect(j.usage).toMatchObject({ calls: 3 });
    expect((j.usage as { prompt_tokens: number }).prompt_tokens).toBeGreaterThan(0);
    expect(mock.log).toHaveLength(3);
    expect(mock.log[0]?.headers.authorization).toBe(`Bearer ${KEY}`);

    const second = await cli(args);
    const j2 = JSON.parse(second.out) as Record<string, unknown>;
    expect(j2.usage).toEqual({ calls: 0, prompt_tokens: 0, completion_tokens: 0 });
    expect(j2.per_row).toEqual(j.per_row);
    expect(mock.log).toHaveLength(3);
  });

  it('pairwise from CSV: both orders; a verdict that flips with the order is a tie', async () => {
    // PICK=A in p1's first response: the judge always says [[A]] for p1, whatever the order → inconsistent → tie.
    // p2: "PICK=B" travels with finetuned's answer → B in order AB, A in order BA → finetuned wins consistently.
    mock.setScript((r) => {
      const a = /A: (.*)\n/.exec(r.user)?.[1] ?? '';
      if (r.user.includes('Q1')) return { type: 'answer', text: 'Both fine. [[A]]' };
      return {
        type: 'answer',
        text: a.includes('PICK=B') ? 'First is better [[A]]' : 'Second is better [[B]]',
      };
    });
    const { code, out } = await cli([
      join(dir, 'pairs.csv'),
      '--rubric',
      join(dir, 'pair.txt'),
      ...base(),
      '--pairwise',
      'base,finetuned',
    ]);
    expect(code).toBe(0);
    const j = JSON.parse(out) as {
      per_row: { id: string; verdict: string; consistent: boolean }[];
      usage: { calls: number };
      consistency: number;
      win_rate_a: number;
    };
    expect(j.per_row.map((r) => [r.id, r.verdict, r.consistent])).toEqual([
      ['p1', 'tie', false],
      ['p2', 'B', true],
    ]);
    expect(j.usage.calls).toBe(4);
    expect(j.consistency).toBe(0.5);
    expect(j.win_rate_a).toBe(0.25);
  });

  it('without a prompt field, detects the format as the page does (a ShareGPT file with tool turns)', async () => {
    const conv = (q: string, a: string) => ({
      conversations: [
        { from: 'human', value: q },
        { from: 'function_call', value: '{"name": "lookup"}' },
        { from: 'observation', value: '{"ok": true}' },
        { from: 'gpt', value: a },
      ],
    });
    writeFileSync(
      join(dir, 'chats.json'),
      JSON.stringify([conv('Q one', 'A one SCORE=4'), conv('Q two', 'A two SCORE=2')]),
    );
    const r = await cli([join(dir, 'chats.json'), '--rubric', join(dir, 'rubric.txt'), ...base()]);
    expect(r.code).toBe(0);
    expect(r.err).toContain('detected sharegpt; systems: model');
    const j = JSON.parse(r.out) as { rows: number; per_row: { id: string; score?: number }[] };
    expect(j.per_row.map((x) => [x.id, x.score])).toEqual([
      ['row-1', 4],
      ['row-2', 2],
    ]);
    // The tool turns reached the judge as part of the prompt.
    expect(JSON.stringify(mock.log[0]?.body)).toContain('Tool call: {');
  });

  it('a rejected key: exit 1, and the key appears in neither output nor errors', async () => {
    mock.setScript(() => ({
      type: 'status',
      status: 401,
      body: { error: { message: `Incorrect API key provided: ${KEY}` } },
    }));
    const r = await cli([join(dir, 'rows.jsonl'), '--rubric', join(dir, 'rubric.txt'), ...base()]);
    expect(r.code).toBe(1);
    expect(r.out + r.err).not.toContain(KEY);
    const j = JSON.parse(r.out) as { stopped: string; reason: string; failed: unknown[] };
    expect(j.stopped).toBe('fatal');
    expect(j.reason).toContain('[key]');
  });

  it('bad input names the line and field; valid rows are kept', async () => {
    writeFileSync(
      join(dir, 'bad.jsonl'),
      '{"id":"x","prompt":"p","response":"SCORE=4"}\n{not json\n{"id":"y","response":"r"}\n',
    );
    const r = await cli([join(dir, 'bad.jsonl'), '--rubric', join(dir, 'rubric.txt'), ...base()]);
    const f = join(dir, 'bad.jsonl');
    const lines = r.err.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^yardstick judge: ${f}:2: invalid JSON \\(.+\\)$`));
    expect(lines[1]).toBe(
      `yardstick judge: ${f}:3: field 'prompt': missing (or instruction, question, input)`,
    );
    expect((JSON.parse(r.out) as { rows: number }).rows).toBe(1);
  });

  it('CSV with a BOM and CRLF: a broken line and a missing response are named, the valid rows judged', async () => {
    const f = join(dir, 'pairs-bad.csv');
    writeFileSync(
      f,
      '\uFEFFid,prompt,base,finetuned\r\n' +
        'p1,"Q1\nmore",a PICK=A,b\r\n' +
        'p2,Q2,x,y,z\r\n' +
        'p3,Q3,only base,\r\n',
    );
    const single = await cli([f, '--rubric', join(dir, 'rubric.txt'), ...base(), '--system', 'finetuned']);
    // Every CSV cell is text: an empty cell is an empty response, not a missing one.
    expect(single.err).toBe(`yardstick judge: ${f}:4: 5 fields, but the header has 4\n`);
    expect((JSON.parse(single.out) as { rows: number }).rows).toBe(2);
    const r = await cli([f, '--rubric', join(dir, 'pair.txt'), ...base(), '--pairwise', 'base,tuned']);
    expect(r.err).toBe(
      `yardstick judge: ${f}:2: field 'tuned': no response (a field or responses.tuned)\n` +
        `yardstick judge: ${f}:4: 5 fields, but the header has 4\n` +
        `yardstick judge: ${f}:5: field 'tuned': no response (a field or responses.tuned)\n` +
        `yardstick judge: ${f}: no usable rows\n`,
    );
    expect(r.code).toBe(2);
    expect(mock.log).toHaveLength(2);
    expect(mock.log[0]?.user).toContain('Q1\nmore');
  });

  it('maps records: JSON array elements named by number, null references dropped', () => {
    const { rows, problems } = judgeRows(
      [
        { line: 1, value: { id: 'a', prompt: 'p', response: 'r', references: [null, '4'] } },
        { line: 2, value: { id: 'b', question: 'q', responses: { response: 'r' }, reference: null } },
        { line: 3, value: ['not', 'an', 'object'] },
        { line: 4, value: { id: 'a', prompt: 'p', response: 'r' } },
      ],
      [],
    );
    expect(rows).toEqual([
      { id: 'a', prompt: 'p', references: ['4'], responses: { response: 'r' } },
      { id: 'b', prompt: 'q', references: [], responses: { response: 'r' } },
    ]);
    expect(problems).toEqual([
      { line: 3, field: null, reason: 'not an object' },
      { line: 4, field: 'id', reason: 'duplicate id "a"' },
    ]);
    expect(formatProblem('rows.json', 'json', problems[1] ?? { line: 0, field: null, reason: '' })).toBe(
      'rows.json: element 4: field \'id\': duplicate id "a"',
    );
  });
});
