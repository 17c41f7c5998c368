import { describe, expect, it } from 'vitest';
import { detectFormat } from './detect-format';
import { createRowMapper } from './row-mapper';
import type { FieldMapping } from './types';

// Map sample records with the detected mapping, so each case checks the rows a user would get.
const rowsOf = (records: unknown[], mapping: FieldMapping) => {
  const mapper = createRowMapper(mapping);
  const first = mapper.push(records.map((value, i) => ({ line: i + 1, value })));
  const tail = mapper.finish();
  return { rows: [...first.rows, ...tail.rows], errors: [...first.errors, ...tail.errors] };
};

describe('detectFormat', () => {
  it('generic {question, output, expected}', () => {
    const recs = [
      { question: 'Capital of France?', output: 'Paris', expected: 'Paris', category: 'geo' },
      { question: '3 * 3?', output: '9', expected: '9', category: 'math' },
    ];
    const d = detectFormat(recs);
    expect(d.format).toBe('generic');
    expect(d.confidence).toBe(1);
    expect(d.mapping).toMatchObject({
      prompt: ['question'],
      responses: [{ system: 'model', field: 'output' }],
      references: ['expected'],
      tags: ['category'],
    });
    expect(rowsOf(recs, d.mapping).rows[1]).toMatchObject({
      prompt: '3 * 3?',
      responses: { model: '9' },
      references: ['9'],
      tags: ['math'],
      metadata: {},
    });
  });

  it('generic with a custom system name and an id', () => {
    const d = detectFormat([{ uid: 'a1', input: 'hi', completion: 'hello', target: 'hey' }], {
      defaultSystemName: 'llama-ft',
    });
    expect(d.mapping).toMatchObject({
      id: 'uid',
      prompt: ['input'],
      responses: [{ system: 'llama-ft', field: 'completion' }],
      references: ['target'],
    });
  });

  it('OpenAI chat: the last assistant turn is the response, earlier turns the prompt', () => {
    const recs = [
      {
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Name a fruit.' },
          { role: 'assistant', content: 'Apple.' },
        ],
      },
      {
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
          { role: 'assistant', content: 'Hello' },
        ],
      },
    ];
    const d = detectFormat(recs);
    expect(d.format).toBe('openai-chat');
    expect(d.mapping.conversation).toEqual({
      field: 'messages',
      lastAssistantAs: 'response',
      system: 'model',
    });
    const { rows } = rowsOf(recs, d.mapping);
    expect(rows.map((r) => [r.prompt, r.responses])).toEqual([
      ['System: Be brief.\n\nUser: Name a fruit.', { model: 'Apple.' }],
      ['Hi', { model: 'Hello' }],
    ]);
  });

  it('OpenAI chat beside a response field: the last assistant turn becomes the reference', () => {
    const recs = [
      {
        messages: [
          { role: 'user', content: 'Translate "chat".' },
          { role: 'assistant', content: 'cat' },
        ],
        completion: 'chat',
      },
    ];
    const d = detectFormat(recs);
    expect(d.mapping.conversation?.lastAssistantAs).toBe('reference');
    const { rows } = rowsOf(recs, d.mapping);
    expect(rows[0]).toMatchObject({
      prompt: 'Translate "chat".',
      references: ['cat'],
      responses: { model: 'chat' },
    });
  });

  it('OpenAI evals {input: [turns], ideal}', () => {
    const recs = [
      {
        input: [
          { role: 'system', content: 'Answer.' },
          { role: 'user', content: '1+1' },
        ],
        ideal: '2',
      },
    ];
    const d = detectFormat(recs);
    expect(d.format).toBe('openai-chat');
    expect(d.mapping).toMatchObject({ prompt: ['input'], references: ['ideal'] });
    expect(rowsOf(recs, d.mapping).rows[0]).toMatchObject({
      prompt: 'System: Answer.\n\nUser: 1+1',
      references: ['2'],
    });
  });

  it('Alpaca {instruction, input, output}: instruction and input form the prompt', () => {
    const recs = [
      { instruction: 'Summarize.', input: 'A long text.', output: 'Short.' },
      { instruction: 'Say hi.', input: '', output: 'Hi!' },
    ];
    const d = detectFormat(recs);
    expect(d.format).toBe('alpaca');
    expect(d.mapping).toMatchObject({ prompt: ['instruction', 'input'], responses: [{ field: 'output' }] });
    expect(rowsOf(recs, d.mapping).rows.map((r) => r.prompt)).toEqual([
      'Summarize.\n\nA long text.',
      'Say hi.',
    ]);
  });

  it('AlpacaEval outputs {instruction, output, generator}: the generator names the system', () => {
    const recs = [
      { instruction: 'a', output: 'x', generator: 'my-model-v2' },
      { instruction: 'b', output: 'y', generator: 'my-model-v2' },
    ];
    const d = detectFormat(recs);
    expect(d.format).toBe('alpaca');
    const { rows } = rowsOf(recs, d.mapping);
    expect(rows.map((r) => r.responses)).toEqual([{ 'my-model-v2': 'x' }, { 'my-model-v2': 'y' }]);
  });

  it('Alpaca output beside a prediction field is the reference', () => {
    const d = detectFormat([{ instruction: 'a', input: '', output: 'gold', prediction: 'guess' }]);
    expect(d.mapping).toMatchObject({
      references: ['output'],
      responses: [{ system: 'model', field: 'prediction' }],
    });
  });

  it('ShareGPT {conversations: [{from, value}]}', () => {
    const recs = [
      {
        id: 'c1',
        conversations: [
          { from: 'human', value: 'What is 2+2?' },
          { from: 'gpt', value: '4' },
          { from: 'human', value: 'And 3+3?' },
          { from: 'gpt', value: '6' },
        ],
      },
    ];
    const d = detectFormat(recs);
    expect(d.format).toBe('sharegpt');
    expect(rowsOf(recs, d.mapping).rows[0]).toMatchObject({
      id: 'c1',
      prompt: 'User: What is 2+2?\n\nAssistant: 4\n\nUser: And 3+3?',
      responses: { model: '6' },
    });
  });

  it('wide rows with response_a/response_b and constant model_a/model_b names', () => {
    const recs = [
      { prompt: 'p', response_a: 'x', response_b: 'y', model_a: 'gpt', model_b: 'llama' },
      { prompt: 'q', response_a: 'z', response_b: 'w', model_a: 'gpt', model_b: 'llama' },
    ];
    const d = detectFormat(recs);
    expect(d.format).toBe('wide-multi-system');
    expect(d.mapping.responses).toEqual([
      { system: 'gpt', field: 'response_a' },
      { system: 'llama', field: 'response_b' },
    ]);
  });

  it('arena-style battles name systems per row', () => {
    const recs = [
      { prompt: 'p', model_a: 'gpt', model_b: 'llama', response_a: 'x', response_b: 'y', winner: 'model_a' },
      { prompt: 'q', model_a: 'claude', model_b: 'gpt', response_a: 'z', response_b: 'w', winner: 'tie' },
    ];
    const d = detectFormat(recs);
    expect(d.mapping.responses).toEqual([
      { system: 'a', field: 'response_a', systemField: 'model_a' },
      { system: 'b', field: 'response_b', systemField: 'model_b' },
    ]);
    const { rows } = rowsOf(recs, d.mapping);
    expect(rows.map((r) => r.responses)).toEqual([
      { gpt: 'x', llama: 'y' },
      { claude: 'z', gpt: 'w' },
    ]);
    expect(rows[0]?.metadata).toEqual({ winner: 'model_a' });
  });

  it('several output columns named like systems (base, finetuned)', () => {
    const recs = [{ prompt: 'p', reference: 'r', base: 'b', finetuned: 'f', category: 'qa' }];
    const d = detectFormat(recs);
    expect(d.format).toBe('wide-multi-system');
    expect(d.mapping.responses.map((r) => r.system)).toEqual(['base', 'finetuned']);
  });

  it('suffixed output columns (llama_output, mistral_output)', () => {
    const recs = [{ prompt: 'p', expected_output: 'gold', llama_output: 'l', mistral_output: 'm' }];
    const d = detectFormat(recs);
    expect(d.mapping.references).toEqual(['expected_output']);
    expect(d.mapping.responses.map((r) => [r.system, r.field])).toEqual([
      ['llama', 'llama_output'],
      ['mistral', 'mistral_output'],
    ]);
  });

  it('{outputs: {model: text}}: every key is a system', () => {
    const recs = [
      { prompt: 'p', outputs: { 'gpt-3.5-turbo': 'a', llama: 'b' } },
      { prompt: 'q', outputs: { 'gpt-3.5-turbo': 'c', llama: '' } },
    ];
    const d = detectFormat(recs);
    expect(d.format).toBe('outputs-object');
    expect(d.mapping.responsesObject).toBe('outputs');
    const { rows, errors } = rowsOf(recs, d.mapping);
    expect(rows.map((r) => r.responses)).toEqual([
      { 'gpt-3.5-turbo': 'a', llama: 'b' },
      { 'gpt-3.5-turbo': 'c' },
    ]);
    expect(errors.map((e) => [e.line, e.field, e.code])).toEqual([[2, 'outputs.llama', 'empty-response']]);
  });

  it('long format (one record per prompt × model) is pivoted into systems', () => {
    const recs = [
      { question_id: 1, prompt: 'p1', model: 'base', response: 'b1', latency: 10 },
      { question_id: 1, prompt: 'p1', model: 'ft', response: 'f1', latency: 12 },
      { question_id: 2, prompt: 'p2', model: 'base', response: 'b2', latency: 10 },
      { question_id: 2, prompt: 'p2', model: 'ft', response: 'f2', latency: 10 },
      { question_id: 2, prompt: 'p2', model: 'ft', response: 'again', latency: 10 },
    ];
    const d = detectFormat(recs);
    expect(d.format).toBe('long');
    expect(d.mapping.long).toEqual({ systemField: 'model', responseField: 'response', groupBy: 'id' });
    const { rows, errors } = rowsOf(recs, d.mapping);
    expect(rows.map((r) => [r.id, r.idx, r.prompt, r.responses])).toEqual([
      ['1', 0, 'p1', { base: 'b1', ft: 'f1' }],
      ['2', 1, 'p2', { base: 'b2', ft: 'f2' }],
    ]);
    expect(rows[0]?.metadata).toEqual({ latency: 10, bySystem: { ft: { latency: 12 } } });
    expect(errors.map((e) => [e.line, e.field, e.code])).toEqual([[5, 'model', 'duplicate-id']]);
  });

  it('long format without ids groups by prompt text', () => {
    const recs = [
      { instruction: 'a  b', output: '1', generator: 'x' },
      { instruction: 'a b\n', output: '2', generator: 'y' },
      { instruction: 'c', output: '3', generator: 'x' },
      { instruction: 'c', output: '4', generator: 'y' },
    ];
    const d = detectFormat(recs);
    expect(d.format).toBe('long');
    expect(d.mapping.long?.groupBy).toBe('prompt');
    expect(rowsOf(recs, d.mapping).rows.map((r) => r.responses)).toEqual([
      { x: '1', y: '2' },
      { x: '3', y: '4' },
    ]);
  });

  it.each([
    ['index', [0, 2, 1], [0, 2, 1]],
    ['index1', [1, 3, 2], [0, 2, 1]],
    ['letter', ['A', '(C)', 'b'], [0, 2, 1]],
    ['text', ['red', 'blue', 'green'], [0, 2, 1]],
  ] as const)('multiple choice with the answer as %s', (encoding, answers, labels) => {
    const recs = answers.map((answer, i) => ({
      question: `q${i}`,
      choices: ['red', 'green', 'blue'],
      answer,
      response: 'Answer: B',
    }));
    const d = detectFormat(recs);
    expect(d.format).toBe('multiple-choice');
    expect(d.mapping).toMatchObject({
      prompt: ['question'],
      choices: ['choices'],
      label: 'answer',
      labelEncoding: encoding,
    });
    expect(d.mapping.responses).toEqual([{ system: 'model', field: 'response' }]);
    const { rows } = rowsOf(recs, d.mapping);
    expect(rows.map((r) => r.label)).toEqual(labels);
    expect(rows[0]?.choices).toEqual(['red', 'green', 'blue']);
  });

  it('multiple choice from A/B/C/D columns (MMLU-style CSV)', () => {
    const recs = [{ question: 'q', A: 'w', B: 'x', C: 'y', D: 'z', answer: 'C', subject: 'astronomy' }];
    const d = detectFormat(recs);
    expect(d.mapping).toMatchObject({
      choices: ['A', 'B', 'C', 'D'],
      label: 'answer',
      labelEncoding: 'letter',
    });
    expect(rowsOf(recs, d.mapping).rows[0]).toMatchObject({
      choices: ['w', 'x', 'y', 'z'],
      label: 2,
      tags: ['astronomy'],
    });
  });

  it("Yardstick's own rows round-trip", () => {
    const recs = [
      {
        id: 'r1',
        prompt: 'p',
        references: ['a', 'b'],
        responses: { base: 'x' },
        tags: ['t'],
        metadata: { source: 'web' },
      },
    ];
    const d = detectFormat(recs);
    expect(d.format).toBe('yardstick-rows');
    expect(rowsOf(recs, d.mapping).rows[0]).toMatchObject({
      id: 'r1',
      references: ['a', 'b'],
      responses: { base: 'x' },
      tags: ['t'],
      metadata: { source: 'web' },
    });
  });

  it('no objects: unknown', () => {
    const d = detectFormat([1, 'x', null]);
    expect(d.format).toBe('unknown');
    expect(d.confidence).toBe(0);
  });

  it('confidence drops when sampled records lack the prompt field', () => {
    const d = detectFormat([
      { prompt: 'a', response: 'b' },
      { response: 'c' },
      { prompt: 'd', response: 'e' },
      {},
    ]);
    expect(d.confidence).toBe(0.5);
  });
});
