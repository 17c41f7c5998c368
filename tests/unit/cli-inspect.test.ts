// `yardstick inspect` and the detection `score` uses without field flags: the page's detection, from the command line.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const F = 'tests/fixtures/formats/';

function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['src/cli/main.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Inspected {
  format: string;
  rows: number;
  systems: string[];
  roles: { prompt: string; response: string; reference: string };
  errors: number;
  confidence: number;
  joined?: { by: string; matched: number }[];
}
const inspect = (...files: string[]): Inspected => {
  const r = cli(['inspect', ...files.map((f) => F + f), '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Inspected;
};

describe('yardstick inspect', () => {
  it.each([
    ['llm-comparator/comparison.json', 'llm-comparator', 3, ['gemma-1.1-7b-it', 'gemma-1.0-7b-it']],
    ['llm-comparator/comparison.min.json', 'llm-comparator', 3, ['gemma-1.1-7b-it', 'gemma-1.0-7b-it']],
    ['alpacaeval/annotations.json', 'alpacaeval-annotations', 3, ['gpt4_1106_preview', 'my-finetune']],
    ['alpacaeval/model_outputs.json', 'alpaca', 3, ['my-finetune']],
    ['promptfoo/output.json', 'promptfoo', 2, ['openai:gpt-4o-mini', 'ollama:chat:llama3']],
    ['mt-bench/model_judgment/gpt-4_single.jsonl', 'mt-bench-judgments', 3, ['vicuna-13b-v1.3', 'llama-13b']],
    ['lm-eval/samples_gsm8k.jsonl', 'lm-eval-samples', 3, ['model']],
    ['lm-eval/samples_arc_easy.jsonl', 'lm-eval-samples', 2, ['model']],
    ['chat/sharegpt-tools.json', 'sharegpt', 3, ['model']],
    ['chat/openai-tools.jsonl', 'openai-chat', 2, ['model']],
    ['multiple-choice/openbookqa.jsonl', 'nested-multiple-choice', 3, []],
    ['multiple-choice/TruthfulQA.csv', 'truthfulqa', 3, []],
  ])('%s: %s, %i rows, systems %j', (file, format, rows, systems) => {
    const out = inspect(file);
    expect(out).toMatchObject({ format, rows, systems, errors: 0, confidence: 1 });
  });

  it('names the field of each role', () => {
    expect(inspect('lm-eval/samples_gsm8k.jsonl').roles).toEqual({
      prompt: 'arguments.gen_args_0.arg_0',
      response: 'filtered_resps.0',
      reference: 'target',
    });
    expect(inspect('multiple-choice/TruthfulQA.csv').roles).toEqual({
      prompt: 'Question',
      response: '',
      reference: 'Best Answer, Correct Answers',
    });
  });

  it('joins MT-Bench answer files onto the questions by question_id, whatever the order given', () => {
    const out = inspect(
      'mt-bench/model_answer/llama-13b.jsonl',
      'mt-bench/question.jsonl',
      'mt-bench/model_answer/vicuna-13b-v1.3.jsonl',
    );
    expect(out.format).toBe('mt-bench-questions');
    expect(out.rows).toBe(3);
    expect(out.systems).toEqual(['llama-13b', 'vicuna-13b-v1.3']);
    expect(out.joined?.map((j) => [j.by, j.matched])).toEqual([
      ['id', 3],
      ['id', 3],
    ]);
    expect(out.roles).toEqual({
      prompt: 'turns.0',
      response: 'choices.0.turns.0 (system from model_id)',
      reference: 'reference.0',
    });
  });

  it('tells how MT-Bench answers are added to the questions', () => {
    const r = cli(['inspect', F + 'mt-bench/question.jsonl', '--json']);
    const out = JSON.parse(r.stdout) as Inspected & { notes: string[] };
    expect(out.notes.join(' ')).toMatch(/question_id/);
  });
});

describe('yardstick score without field flags', () => {
  it('scores an lm-eval generation file as the page maps it: filtered_resps.0 against target', () => {
    const detected = cli(['score', F + 'lm-eval/samples_gsm8k.jsonl', '--json', '--metrics', 'exact']);
    expect(detected.code).toBe(0);
    expect(detected.stderr).toContain(
      "detected lm-eval-samples; scoring the responses of 'model' (filtered_resps.0)",
    );
    const flagged = cli([
      'score',
      F + 'lm-eval/samples_gsm8k.jsonl',
      '--json',
      '--metrics',
      'exact',
      '--response-field',
      'filtered_resps.0',
      '--reference-field',
      'target',
    ]);
    const a = JSON.parse(detected.stdout) as {
      rows: number;
      corpus: Record<string, unknown>;
      per_row: { id: string }[];
    };
    const b = JSON.parse(flagged.stdout) as typeof a;
    expect(a.corpus).toEqual(b.corpus);
    expect(a.corpus['exact_match']).toMatchObject({ matches: 2, rows: 3 });
    expect(a.per_row.map((r) => r.id)).toEqual(['0', '1', '2']);
  });

  it('scores a log-likelihood file: the argmax choice against the gold choice', () => {
    const r = cli(['score', F + 'lm-eval/samples_arc_easy.jsonl', '--json', '--metrics', 'exact']);
    expect(r.code).toBe(0);
    // doc 0: argmax is the gold choice; doc 1: it is not.
    expect((JSON.parse(r.stdout) as { corpus: Record<string, unknown> }).corpus['exact_match']).toMatchObject(
      {
        matches: 1,
        rows: 2,
      },
    );
  });
});
