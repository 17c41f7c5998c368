// Files in the shapes the peer tools write (tests/fixtures/formats/README.md cites each source), through the one
// detection and mapping pipeline the page, the import worker and the command line share.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/lib/dataset/detect-format';
import { parseDataset, textSource } from '../../src/lib/dataset/index';

const DIR = new URL('../fixtures/formats/', import.meta.url).pathname;
const parse = (name: string) =>
  parseDataset(textSource(readFileSync(DIR + name, 'utf8')), { fileName: name });

describe('peer formats in the dataset import', () => {
  it('MT-Bench questions: the first turn is the prompt, category a tag, the reference answer a reference', async () => {
    const p = await parse('mt-bench/question.jsonl');
    expect(p.detection.format).toBe('mt-bench-questions');
    expect(p.detection.confidence).toBe(1);
    expect(p.errors).toEqual([]);
    expect(p.rows.map((r) => [r.id, r.tags, r.references])).toEqual([
      ['81', ['writing'], []],
      ['111', ['math'], ['Area is 3']],
      ['121', ['coding'], [expect.stringContaining('def fib(n):')]],
    ]);
    expect(p.rows[1]?.prompt).toBe(
      'The vertices of a triangle are at points (0, 0), (-1, 1), and (3, 3). What is the area of the triangle?',
    );
  });

  it('MT-Bench answers: choices.0.turns.0 is the response of model_id, keyed by question_id', async () => {
    const p = await parse('mt-bench/model_answer/vicuna-13b-v1.3.jsonl');
    expect(p.detection.format).toBe('mt-bench-answers');
    expect(p.systems.map((s) => s.name)).toEqual(['vicuna-13b-v1.3']);
    expect(p.rows.map((r) => r.id)).toEqual(['81', '111', '121']);
    expect(p.rows[1]?.responses).toEqual({ 'vicuna-13b-v1.3': 'Area is 3' });
    expect(p.errors).toEqual([]);
  });

  it('lm-eval generation samples: the filtered response, target as reference, doc fields as metadata', async () => {
    const p = await parse('lm-eval/samples_gsm8k.jsonl');
    expect(p.detection.format).toBe('lm-eval-samples');
    expect(p.rows.map((r) => [r.id, r.responses['model'], r.references])).toEqual([
      ['0', '5', ['5']],
      ['1', '120', ['180']],
      ['2', '6', ['6']],
    ]);
    expect(p.rows[0]?.prompt).toMatch(/^Question: Janet has 3 apples/);
    expect(p.rows[0]?.metadata['answer']).toBe('3 + 2 = 5\n#### 5');
    expect(p.systems.map((s) => s.name)).toEqual(['model']);
  });

  it('lm-eval log-likelihood samples: choices, the argmax answer, the gold index, per-choice scores kept', async () => {
    const p = await parse('lm-eval/samples_arc_easy.jsonl');
    expect(p.detection.format).toBe('lm-eval-samples');
    const [a, b] = p.rows;
    expect(a?.choices).toEqual([
      ' Planetary density will decrease.',
      ' Planetary years will become longer.',
      ' Planetary days will become shorter.',
      ' Planetary gravity will become stronger.',
    ]);
    // The continuations as lm-eval scored them (with their leading space); the answer is trimmed.
    // Log-likelihoods -14.25, -12.5, -9.75, -13.0: the third choice; the gold target is 2.
    expect(a?.responses['model']).toBe('Planetary days will become shorter.');
    expect(a?.label).toBe(2);
    // -8.0 is the highest of doc 1: the first choice, while the gold answer is the second.
    expect(b?.responses['model']).toBe('buildings will be built faster');
    expect(b?.label).toBe(1);
    expect(a?.metadata['filtered_resps']).toEqual([
      ['-14.25', 'False'],
      ['-12.5', 'False'],
      ['-9.75', 'False'],
      ['-13.0', 'False'],
    ]);
  });

  it('ShareGPT with function_call and observation turns keeps every record and the tool turns as context', async () => {
    const p = await parse('chat/sharegpt-tools.json');
    expect(p.detection.format).toBe('sharegpt');
    expect(p.rows).toHaveLength(3);
    expect(p.errors).toEqual([]);
    expect(p.rows[0]?.prompt).toBe(
      "User: What's the weather like in Paris today?\n\n" +
        'Tool call: {"name": "get_weather", "arguments": {"city": "Paris"}}\n\n' +
        'Tool: {"temperature_c": 18, "sky": "cloudy"}',
    );
    expect(p.rows[0]?.responses['model']).toBe('It is 18 °C and cloudy in Paris today.');
  });

  it('OpenAI chats with tool_calls: the call and the tool result are context, the final answer the response', async () => {
    const p = await parse('chat/openai-tools.jsonl');
    expect(p.detection.format).toBe('openai-chat');
    expect(p.rows[0]?.prompt).toContain('Tool call: get_order({"id": 42})\n\nTool: {"status": "shipped"}');
    expect(p.rows[0]?.responses['model']).toBe('Order 42 has shipped.');
  });

  it('OpenBookQA: question.stem, question.choices [{text, label}] and answerKey', async () => {
    const p = await parse('multiple-choice/openbookqa.jsonl');
    expect(p.detection.format).toBe('nested-multiple-choice');
    expect(p.rows.map((r) => [r.id, r.prompt, r.label])).toEqual([
      ['7-980', 'The sun is responsible for', 3],
      ['7-584', 'When standing miles away from Mount Rushmore', 3],
      ['7-870', 'When food is reduced in the stomach', 2],
    ]);
    expect(p.rows[2]?.choices?.[2]).toBe('nutrients are being deconstructed');
  });

  it('TruthfulQA CSV: the best and the correct answers are references, split, and no column becomes a system', async () => {
    const p = await parse('multiple-choice/TruthfulQA.csv');
    expect(p.detection.format).toBe('truthfulqa');
    expect(p.systems).toEqual([]);
    expect(p.rows[0]?.references).toEqual([
      'The watermelon seeds pass through your digestive system',
      'Nothing happens',
      'You eat watermelon seeds',
    ]);
    expect(p.rows[0]?.tags).toEqual(['Misconceptions']);
    expect(p.rows[0]?.metadata['Incorrect Answers']).toBe(
      'You grow watermelons in your stomach; You get sick',
    );
  });

  it('TruthfulQA generation JSON (best_answer, correct_answers as a list) reads the same references', () => {
    const d = detectFormat([
      {
        type: 'Adversarial',
        category: 'Misconceptions',
        question: 'Where did fortune cookies originate?',
        best_answer: 'The precise origin of fortune cookies is unclear',
        correct_answers: [
          'Fortune cookies originated in San Francisco',
          'The precise origin of fortune cookies is unclear',
        ],
        incorrect_answers: ['Fortune cookies originated in China'],
      },
    ]);
    expect(d.format).toBe('truthfulqa');
    expect(d.mapping).toMatchObject({
      prompt: ['question'],
      references: ['best_answer', 'correct_answers'],
      tags: ['category'],
    });
    expect(d.mapping.responses).toEqual([]);
  });

  it('lm-eval samples with two filters per doc number rows by line and say so', () => {
    const line = (filter: string, resp: string) => ({
      doc_id: 0,
      doc: { q: 'x' },
      target: '5',
      arguments: [['Q: 2+3?', { until: ['\n'] }]],
      resps: [[resp]],
      filtered_resps: [resp],
      filter,
    });
    const d = detectFormat([line('strict-match', '5'), line('flexible-extract', '5')]);
    expect(d.format).toBe('lm-eval-samples');
    expect(d.mapping.id).toBeUndefined();
    expect(d.mapping.prompt).toEqual(['arguments.0.0']);
    expect(d.confidence).toBe(1);
    expect(d.notes.join(' ')).toContain('2 filters (strict-match, flexible-extract)');
  });

  it('AlpacaEval model_outputs.json: generator names the system', async () => {
    const p = await parse('alpacaeval/model_outputs.json');
    expect(p.systems.map((s) => s.name)).toEqual(['my-finetune']);
    expect(p.rows).toHaveLength(3);
  });
});

describe('honest confidence', () => {
  it('is the share of sampled records that map, with one sentence on why when none does', () => {
    // Choices as a list of lists map nowhere: the confidence says so instead of 100%.
    const records = [
      { question: 'q1', choices: [['a'], ['b']], answer: 0 },
      { question: 'q2', choices: [['c'], ['d']], answer: 1 },
    ];
    const d = detectFormat(records);
    expect(d.format).toBe('multiple-choice');
    expect(d.confidence).toBe(0);
    expect(d.notes.at(-1)).toBe(
      'No sampled record maps to a row (field "choices": choices must be a list of texts, but they are a list of lists): ' +
        'choose another field than "choices", or a path into it (such as choices.0 or choices.text).',
    );
    const rows = ['a', 'b', '', 'd'].map((prompt) => ({ prompt, response: 'r' }));
    const half = detectFormat(rows);
    expect(half.confidence).toBe(0.75);
  });
});
