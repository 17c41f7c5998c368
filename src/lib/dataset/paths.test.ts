import { describe, expect, it } from 'vitest';
import { fieldPathsWithPreview } from './field-paths';
import { getPath, normalizePath, omitPaths } from './paths';

// An MT-Bench answer line (FastChat llm_judge/data/mt_bench/model_answer/*.jsonl) and an lm-eval --log_samples line.
const ANSWER = {
  question_id: 81,
  answer_id: 'Xk2',
  model_id: 'vicuna-13b',
  choices: [{ index: 0, turns: ['First turn answer', 'Second turn answer'] }],
};
const SAMPLE = {
  doc_id: 0,
  arguments: [
    ['Q: 2+2? A:', ' 4'],
    ['Q: 2+2? A:', ' 5'],
  ],
  filtered_resps: [
    [-0.1, true],
    [-3.2, false],
  ],
};
const CHAT = {
  messages: [
    { role: 'user', content: 'hi' },
    { role: 'assistant', content: 'hello' },
  ],
};

describe('field paths', () => {
  it.each([
    [ANSWER, 'choices.0.turns.0', 'First turn answer'],
    [ANSWER, 'choices[0].turns[1]', 'Second turn answer'],
    [ANSWER, 'choices.0.turns.-1', 'Second turn answer'],
    [CHAT, 'messages[-1].content', 'hello'],
    [CHAT, 'messages.-2.role', 'user'],
    [SAMPLE, 'filtered_resps.0.0', -0.1],
    [SAMPLE, 'arguments.*.1', [' 4', ' 5']],
    [SAMPLE, 'filtered_resps[*][0]', [-0.1, -3.2]],
    [{ 'gpt-3.5-turbo': 'x' }, 'gpt-3.5-turbo', 'x'],
    [{ outputs: { 'gpt-4': 'y' } }, 'outputs.gpt-4', 'y'],
    [{ 'resps[0]': 'literal' }, 'resps[0]', 'literal'],
    [{ g: { gen_args_0: { arg_0: 'p' }, gen_args_1: { arg_0: 'q' } } }, 'g.*.arg_0', ['p', 'q']],
  ])('%j at %s', (record, path, expected) => {
    expect(getPath(record, path)).toEqual(expected);
  });

  it.each([
    [ANSWER, 'choices.1.turns.0'],
    [ANSWER, 'choices.0.turns.2'],
    [CHAT, 'messages[-3]'],
    [CHAT, 'messages.x'],
    [SAMPLE, 'doc_id.0'],
  ])('%j has nothing at %s', (record, path) => {
    expect(getPath(record, path)).toBeUndefined();
  });

  it('spells brackets as dots', () => {
    expect(normalizePath('messages[-1].content')).toBe('messages.-1.content');
    expect(normalizePath('[0].a[*]')).toBe('0.a.*');
  });

  it('keeps lists whole in metadata when a path reads into them', () => {
    expect(omitPaths(ANSWER, ['choices.0.turns.0', 'model_id'])).toEqual({
      question_id: 81,
      answer_id: 'Xk2',
      choices: ANSWER.choices,
    });
  });
});

describe('fieldPathsWithPreview', () => {
  it('offers paths into lists and objects, each with its value', () => {
    const paths = fieldPathsWithPreview([
      ANSWER,
      { question: { stem: 'Why?', choices: [{ text: 'a', label: 'A' }] } },
    ]);
    const byPath = Object.fromEntries(paths.map((p) => [p.path, p.preview]));
    expect(byPath['choices.0.turns.0']).toBe('"First turn answer"');
    expect(byPath['choices.0.turns[-1]']).toBe('"Second turn answer"');
    expect(byPath['question.stem']).toBe('"Why?"');
    expect(byPath['question.choices.*.text']).toBe('["a"]');
    expect(byPath['model_id']).toBe('"vicuna-13b"');
    expect(paths.map((p) => p.path).slice(0, 4)).toEqual(['question_id', 'answer_id', 'model_id', 'choices']);
  });
});
